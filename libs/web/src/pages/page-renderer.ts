import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthUser } from '@mapwork/auth';
import { UserRole } from '@mapwork/persistence';
import { WebAssets } from '../assets';
import { CsrfLocals } from '../security/csrf';
import { renderPage } from './render';

export const USER_ROLE_LABELS: Record<UserRole, string> = {
  social_worker: 'Social worker',
  team_manager: 'Team manager',
  evaluator: 'Evaluator',
  admin: 'Administrator',
};

/** The service navigation: every area adds its entry here, with the roles that see it. */
const NAVIGATION: Array<{ href: string; text: string; roles?: UserRole[] }> = [{ href: '/', text: 'Home' }];

/** Renders a page inside the layout: the signed-in user, the navigation, the CSRF token, the assets' path. */
@Injectable()
export class PageRenderer {
  constructor(private readonly assets: WebAssets) {}

  render(view: string, model: object, req: Request, res: Response): string {
    return renderPage(view, { ...this.layout(req, res), ...model });
  }

  private layout(req: Request, res: Response) {
    const user = (req as Request & { user?: AuthUser }).user;
    // a sign-in that is not finished yet may use its one page only: no navigation
    const finished = user?.scope === 'full';
    return {
      assetPath: this.assets.path,
      csrfToken: (res.locals as CsrfLocals).csrfToken,
      user: user ? { displayName: user.displayName, roleLabel: USER_ROLE_LABELS[user.role], finished } : null,
      navigation: user && finished
        ? NAVIGATION.filter((n) => !n.roles || n.roles.includes(user.role)).map((n) => ({ ...n, current: n.href === req.path }))
        : [],
    };
  }
}
