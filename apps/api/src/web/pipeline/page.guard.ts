import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@grants/core';
import { AuthService, hasRole, KeptFormService } from '@grants/identity';
import { Request, Response, urlencoded } from 'express';
import { InvalidCharacterError, unstorableAt } from '../../http/malformed-input';
import { siteCookiesOf } from '../../http/site-cookies';
import { isOwnForm, verifyCsrf } from '../csrf';
import { PageRequest } from '../web-request';
import { keptFormCookie, typedFields } from './kept-form';
import { PAGE_ACCESS, PageAccess } from './page-access';
import { SignInRequired } from './sign-in-required';

/** Forms of the pages are small; uploads are multipart and read only by their route, after this guard. */
const FORM_BODY_LIMIT = '1mb';
const parseForm = urlencoded({ extended: false, limit: FORM_BODY_LIMIT });
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The page pipeline's door, in this order: who is asking (the API's AuthGuard has already read the
 * session), may they open this page (else sign in, or the 403 page), and only then the form body
 * and its CSRF token. Nothing of a refused request's body is read, but for one case: a form that
 * keeps what was typed (`keepTyped`), posted by this site's page after its session ended.
 */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keptForms: KeptFormService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.get<PageAccess | undefined>(PAGE_ACCESS, context.getHandler()) ?? { signedIn: false, roles: [] };
    const request = context.switchToHttp().getRequest<PageRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    if (access.signedIn) {
      if (!request.actor) {
        const refusal = await this.signInRequired(request, response, access);
        const sessionToken = siteCookiesOf(request).read(request, 'session');
        refusal.outlived = sessionToken !== null && (await this.auth.webSessionOutlived(sessionToken));
        throw refusal;
      }
      if (access.roles.length > 0 && !hasRole(request.actor, ...access.roles)) throw new ForbiddenError(`Only users with the ${access.roles.join(' or ')} role see these pages`);
    }
    if (SAFE_METHODS.has(request.method)) {
      const actor = request.actor;
      // Taken only by a page that shows the form it was typed into (PageContext.typedOr).
      if (actor) request.takeTyped = () => this.keptForms.take(actor, request.originalUrl);
      return true;
    }
    await readForm(request, response);
    await middleware(verifyCsrf, request, response);
    return true;
  }

  /**
   * Off to sign in; a form posted when its session had ended first keeps what was typed, for the
   * person to find on the form's page once signed in (never a file: uploads are not urlencoded). A
   * page's script (autosave) is answered 401 and keeps its copy in the browser itself.
   */
  private async signInRequired(request: PageRequest, response: Response, access: PageAccess): Promise<SignInRequired> {
    const next = backPath(request, access);
    if (SAFE_METHODS.has(request.method) || !access.keepTyped || request.accepts(['html', 'json']) === 'json') return new SignInRequired(next);
    await readForm(request, response);
    if (!isOwnForm(request)) return new SignInRequired(next);
    const cookies = siteCookiesOf(request);
    const kept = await this.keptForms.keep({ sessionToken: cookies.read(request, 'session'), browserToken: cookies.read(request, 'keptForm'), formPath: next, fields: typedFields(request.body) });
    if (!kept) return new SignInRequired(next);
    return new SignInRequired(next, { cookies: kept.browserToken ? [keptFormCookie(kept.browserToken, cookies)] : [] });
  }
}

/** The page a visitor returns to after signing in: for a form, its page (`back`), not the POST address. */
export function backPath(request: Request, access: Pick<PageAccess, 'back' | 'keepQuery'>): string {
  if (SAFE_METHODS.has(request.method) || !access.back) return request.originalUrl;
  const path = access.back.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(String(request.params[name] ?? '')));
  const kept = new URLSearchParams();
  for (const name of access.keepQuery ?? []) {
    const value = request.query[name];
    if (typeof value === 'string' && value !== '') kept.set(name, value);
  }
  return kept.size > 0 ? `${path}?${kept.toString()}` : path;
}

/** The urlencoded form, refused whole if a field holds a character no text column can store. */
async function readForm(request: Request, response: Response): Promise<void> {
  await middleware(parseForm, request, response);
  const field = unstorableAt(request.body);
  if (field !== null) throw new InvalidCharacterError({ field });
}

function middleware(handler: (request: Request, response: Response, next: (error?: unknown) => void) => void, request: Request, response: Response): Promise<void> {
  return new Promise((resolve, reject) => handler(request, response, (error?: unknown) => (error ? reject(error) : resolve())));
}
