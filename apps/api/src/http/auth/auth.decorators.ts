import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor, Role } from '@grants/identity';

export const IS_PUBLIC = 'grants:public';
export const REQUIRED_ROLES = 'grants:roles';
export const AUTH_RATE_LIMITED = 'grants:auth-rate-limited';

export const OWN_CREDENTIALS = 'grants:own-credentials';

/**
 * The route checks a credential of its own (the monitoring system's METRICS_TOKEN) in its service:
 * no user session is looked up for it, so it answers while the sessions' database is away.
 */
export const OwnCredentials = (): MethodDecorator & ClassDecorator => SetMetadata(OWN_CREDENTIALS, true);

/** Open to anyone, signed in or not. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller needs one of these roles (403 otherwise). Resource checks stay in the services. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/**
 * Counts toward the stricter per-address limit of the sign-in and account routes: one count per
 * address for all the routes so marked, the API's and the pages' together, kept in Redis.
 */
export const AuthRateLimited = (): MethodDecorator => SetMetadata(AUTH_RATE_LIMITED, true);

export interface RequestWithActor {
  actor?: Actor;
  headers: Record<string, string | string[] | undefined>;
  method: string;
  path: string;
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});

/** The caller on a public route: null when nobody is signed in. */
export const OptionalActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor | null => context.switchToHttp().getRequest<RequestWithActor>().actor ?? null,
);
