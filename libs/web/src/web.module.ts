import { Global, Module } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { WebAssets } from './assets';
import { FormDraftsRepository } from './drafts/form-drafts.repository';
import { FormDrafts } from './drafts/form-drafts.service';
import { ErrorPages } from './pages/error-pages';
import { PageInterceptor } from './pages/page.interceptor';
import { PageRenderer } from './pages/page-renderer';
import { AccountController } from './sign-in/account.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { SignInFlow } from './sign-in/sign-in-flow';

/**
 * What every page area shares: rendering in the layout, error pages, kept form drafts,
 * and the sign-in and account pages. Global, so each capability's page controllers can use the
 * page interceptor without importing this module.
 */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [SignInController, AccountController],
  providers: [WebAssets, PageRenderer, PageInterceptor, ErrorPages, FormDrafts, FormDraftsRepository, SignInFlow],
  exports: [WebAssets, PageRenderer, PageInterceptor, ErrorPages, FormDrafts],
})
export class WebModule {}
