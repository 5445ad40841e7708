import { AppConfig } from '@grants/core';
import { doubleCsrf, DoubleCsrfUtilities } from 'csrf-csrf';
import { NextFunction, Request, Response } from 'express';
import { SiteCookies, siteCookiesOf } from '../http/site-cookies';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Every form of the web pages carries a token bound to the session cookie (double submit, signed):
 * a page of another site cannot post on the user's behalf. The JSON API uses bearer tokens, which
 * browsers never send by themselves, so it needs none. This middleware makes the utilities
 * available; the page guard checks the token (after access, so a refused request's body is never
 * read) and pages issue it.
 */
export function csrfProtection(config: AppConfig): (request: Request, response: Response, next: NextFunction) => void {
  const cookies = SiteCookies.of(config);
  const utilities: DoubleCsrfUtilities = doubleCsrf({
    getSecret: () => config.csrfSecret,
    getSessionIdentifier: (request) => cookies.read(request, 'session') ?? '',
    cookieName: cookies.name('csrf'),
    cookieOptions: cookies.options(),
    // A form field, or a header for the pages' scripts (autosave). Multipart forms (uploads) carry it
    // in the action's query string, as their body is read only by the route's file interceptor.
    getCsrfTokenFromRequest: (request) =>
      ((request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD] ?? request.headers[CSRF_HEADER] ?? request.query[CSRF_FIELD]) as string | undefined,
  });
  return (request, _response, next) => {
    (request as Request & { csrf?: DoubleCsrfUtilities }).csrf = utilities;
    next();
  };
}

/** The check itself, run by the page guard once it has let the visitor in and read the form. */
export function verifyCsrf(request: Request, response: Response, next: NextFunction): void {
  utilitiesOf(request).doubleCsrfProtection(request, response, next);
}

/**
 * Whether a form posted after its session ended was sent by one of this site's pages in this
 * browser, so that what it holds may be kept for the person (never text another site made up).
 * While the browser still carries the ended session's cookie, the form's CSRF token says so, as for
 * any form. Signed out in another tab, it carries none, and its CSRF cookie was renewed by the page
 * after signing out: the browser must then say the form came from this site, with Fetch Metadata
 * (`Sec-Fetch-Site`), or else its Origin (which the pages' no-referrer policy makes `null` in
 * browsers that send the former).
 */
export function isOwnForm(request: Request): boolean {
  if (siteCookiesOf(request).read(request, 'session')) return utilitiesOf(request).validateRequest(request);
  const site = request.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  try {
    return new URL(request.get('origin') ?? '').host === request.get('host');
  } catch {
    return false;
  }
}

export function csrfTokenFor(request: Request, response: Response): string {
  return utilitiesOf(request).generateCsrfToken(request, response, { overwrite: false });
}

function utilitiesOf(request: Request): DoubleCsrfUtilities {
  const utilities = (request as Request & { csrf?: DoubleCsrfUtilities }).csrf;
  if (!utilities) throw new Error('csrfProtection is not installed');
  return utilities;
}
