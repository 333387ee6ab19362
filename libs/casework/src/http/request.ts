import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { InvalidInputError, VersionRequiredError } from '@mapwork/kernel';

export { Origin } from '@mapwork/auth';

/** The raw If-Match header. */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers['if-match'];
  return value === undefined ? undefined : String(value);
});

/**
 * The version a change is based on, from `If-Match: "<version>"` or the body's `version`.
 * One of them is required; when both are given they must agree.
 */
export function basedOnVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  let fromHeader: number | undefined;
  if (ifMatch !== undefined) {
    const m = /^\s*(?:W\/)?"?([1-9][0-9]{0,8})"?\s*$/.exec(ifMatch);
    if (!m) throw InvalidInputError.single('/headers/if-match', 'versionTag', 'If-Match must be the quoted version number, e.g. "3"');
    fromHeader = Number(m[1]);
  }
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    throw InvalidInputError.single('/version', 'matchesIfMatch', `If-Match says version ${fromHeader} but the body says ${bodyVersion}`);
  }
  const version = fromHeader ?? bodyVersion;
  if (version === undefined) throw new VersionRequiredError();
  return version;
}

export function etag(version: number): string {
  return `"${version}"`;
}
