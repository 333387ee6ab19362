/**
 * Domain errors carry a stable code; the API's problem+json filter and the CLI map
 * them to HTTP statuses and exit codes, so services never import HTTP concerns.
 */
export interface FieldProblem {
  /** JSON Pointer (RFC 6901) to the offending value, relative to the request body or document */
  pointer: string;
  /** the rule that was broken, e.g. `isCalendarDate`, `personOfCase` */
  rule: string;
  message: string;
}

export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'GONE'
  | 'STALE_VERSION'
  | 'VERSION_REQUIRED'
  | 'CONFLICT'
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'UNSUPPORTED_MEDIA_TYPE';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  /** extra machine-readable members for the problem document */
  readonly details: Record<string, unknown>;
  protected constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(what: string, details: Record<string, unknown> = {}) {
    super(`${what} not found`, details);
  }
}

/** The thing existed but its current revision is a deletion; it can be restored. */
export class GoneError extends DomainError {
  readonly code = 'GONE' as const;
  constructor(what: string, currentVersion: number) {
    super(`${what} was deleted; restore it to change it`, { currentVersion });
  }
}

/** An update was based on a version that is no longer current. */
export class StaleVersionError extends DomainError {
  readonly code = 'STALE_VERSION' as const;
  constructor(basedOn: number, currentVersion: number, currentState: unknown) {
    super(
      `this change was based on version ${basedOn}, but the record is now at version ${currentVersion}; ` +
        'review the current state and re-apply your change',
      { basedOnVersion: basedOn, currentVersion, currentState },
    );
  }
}

export class VersionRequiredError extends DomainError {
  readonly code = 'VERSION_REQUIRED' as const;
  constructor() {
    super('changes must say which version they are based on: send If-Match: "<version>" or a version field');
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
  }
}

/** Well-formed input that breaks a domain rule (a cross-reference, a uniqueness rule). */
export class InvalidInputError extends DomainError {
  readonly code = 'INVALID_INPUT' as const;
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[], message = 'the input breaks one or more rules') {
    super(message, { errors: problems });
    this.problems = problems;
  }
  static single(pointer: string, rule: string, message: string): InvalidInputError {
    return new InvalidInputError([{ pointer, rule, message }], message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = 'sign in first: send Authorization: Bearer <token>') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
  constructor(message = 'your role does not allow this') {
    super(message);
  }
}

/** Content of a kind this system does not accept, judged by the content itself. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE' as const;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
  }
}
