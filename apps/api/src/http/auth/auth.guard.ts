import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService, Role } from '@grants/identity';
import { Request } from 'express';
import { siteCookiesOf } from '../site-cookies';
import { IS_PUBLIC, OWN_CREDENTIALS, REQUIRED_ROLES, RequestWithActor } from './auth.decorators';

/** Tells a page how long its session has left; asking is not activity, so it does not extend it. */
export const SESSION_STATUS_PATH = '/session';

/**
 * Every route is private unless marked @Public(). The caller is identified by a bearer token (API)
 * or the session cookie (web pages), both resolved to the same kind of session. Under /api the
 * cookie only reads (GET, HEAD: a page's download links, its progress polling): the API has no
 * CSRF tokens, so a change made with a browser's cookie must go through a page's protected form.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(OWN_CREDENTIALS, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithActor & Request>();
    const token = bearerToken(request) ?? (cookieMayAuthenticate(request) ? sessionCookie(request, siteCookiesOf(request).name('session')) : null);
    const actor = token ? await this.auth.authenticate(token, { slide: request.path !== SESSION_STATUS_PATH }) : null;
    if (actor) request.actor = actor;
    // A public route still knows who is asking when a valid token comes along (officers see drafts).
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (!actor) throw new UnauthorizedException({ message: 'Sign in to continue', code: 'UNAUTHENTICATED' });

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => actor.roles.includes(role))) {
      throw new ForbiddenException({ message: `This needs the role ${required.join(' or ')}`, code: 'ROLE_REQUIRED' });
    }
    return true;
  }
}

function cookieMayAuthenticate(request: RequestWithActor): boolean {
  return !request.path.startsWith('/api/') || request.method === 'GET' || request.method === 'HEAD';
}

function bearerToken(request: RequestWithActor): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

function sessionCookie(request: RequestWithActor, sessionCookieName: string): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== sessionCookieName) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return null;
    }
  }
  return null;
}
