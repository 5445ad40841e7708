/**
 * What kind of refusal a domain error is. The HTTP layer maps kinds to statuses in one place
 * (the exception filter); services never think in status codes.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_type'
  | 'rule_violation'
  | 'rate_limited'
  | 'unavailable';

/** A refusal the caller can act on, with a stable machine code such as `DEADLINE_PASSED`. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, code = 'NOT_FOUND') {
    super('not_found', code, `${entity} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, code = 'FORBIDDEN') {
    super('forbidden', code, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super('conflict', code, message, details);
  }
}

export class StaleVersionError extends ConflictError {
  constructor(entity: string, currentVersion: number) {
    super('STALE_VERSION', `${entity} was changed by someone else; reload it and apply your change again`, { currentVersion });
  }
}

/** A business rule refused the request (HTTP 422). */
export class RuleViolationError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super('rule_violation', code, message, details);
  }
}
