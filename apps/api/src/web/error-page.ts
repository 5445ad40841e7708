import { HttpStatus } from '@nestjs/common';
import { Request, Response } from 'express';
import { pageContext } from './page-context';
import { SignInRequired } from './pipeline/sign-in-required';
import { siteCookiesOf } from '../http/site-cookies';
import { errorPage } from './views/pages';

/** Pages are everything outside the JSON API and the API documentation. */
export function isPageRequest(request: Request): boolean {
  return !request.path.startsWith('/api/');
}

/** An error on a page answers with a page in the visitor's language, never JSON. */
export function sendErrorPage(request: Request, response: Response, status: number, errorId: string | null, csrf = false, code?: string): void {
  if (response.headersSent) return;
  response.status(status).type('html').send(errorPage(pageContext(request, response), status, errorId, csrf, code));
}

/**
 * The page pipeline's own refusals: a signed-out visitor goes to sign in (a page's script gets 401
 * JSON instead), a form without its CSRF token gets the page that says the form expired.
 */
export function answeredAsPage(exception: unknown, request: Request, response: Response): boolean {
  if (exception instanceof SignInRequired) {
    if (request.accepts(['html', 'json']) === 'json') {
      response.status(HttpStatus.UNAUTHORIZED).json({ code: 'UNAUTHENTICATED', message: 'Sign in to continue' });
    } else {
      const hadSession = Boolean(siteCookiesOf(request).read(request, 'session'));
      // What the form held was kept: the sign-in page says so, rather than only that the session ended.
      const notice = exception.kept ? '&notice=kept' : exception.outlived ? '&notice=lifetime' : hadSession ? '&notice=expired' : '';
      for (const cookie of exception.kept?.cookies ?? []) response.cookie(cookie.name, cookie.value, cookie.options);
      response.redirect(HttpStatus.SEE_OTHER, `/sign-in?next=${encodeURIComponent(exception.next)}${notice}`);
    }
    return true;
  }
  if ((exception as { code?: unknown } | null)?.code === 'EBADCSRFTOKEN') {
    sendErrorPage(request, response, HttpStatus.FORBIDDEN, null, true);
    return true;
  }
  return false;
}
