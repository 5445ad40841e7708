import { OfficeContact, OfficialLanguage } from '@grants/core';
import { Actor } from '@grants/identity';
import { html, SafeHtml } from '@grants/notifications';
import { Request, Response } from 'express';
import { Translate, translator } from './i18n/i18n';
import { siteCookiesOf } from '../http/site-cookies';
import { csrfTokenFor } from './csrf';
import { FormBody, PageRequest } from './web-request';

/** Where configureApp keeps the office's contact from the configuration, in the app's locals. */
export const OFFICE_CONTACT_LOCAL = 'officeContact';

/** What every page needs about the request: language, words, who is signed in, the CSRF field. */
export interface PageContext {
  locale: OfficialLanguage;
  t: Translate;
  actor: Actor | null;
  path: string;
  csrfField: SafeHtml;
  /** The raw token, for a multipart form's action (`?_csrf=`) or a script's `x-csrf-token` header. */
  csrfToken: string;
  /** The program office's email and telephone (configured), in every page's footer. */
  contact: OfficeContact;
  /**
   * The page's form as typed when its session ended (kept over the sign-in for a `keepTyped`
   * route, then taken: shown once), read as a refused form's body is; else `saved()`. `restored`
   * says which, for the page to say so (`form.restored`) as it shows the form.
   */
  typedOr<V>(read: (typed: FormBody) => V, saved: () => V): Promise<{ values: V; restored: boolean }>;
}

export function pageContext(request: PageRequest, response: Response): PageContext {
  const locale = languageOf(request);
  const csrfToken = csrfTokenFor(request, response);
  return {
    locale,
    t: translator(locale),
    actor: request.actor ?? null,
    path: request.originalUrl,
    csrfField: html`<input type="hidden" name="_csrf" value="${csrfToken}">`,
    csrfToken,
    contact: (request.app.locals as Record<string, unknown>)[OFFICE_CONTACT_LOCAL] as OfficeContact,
    typedOr: async (read, saved) => {
      const typed = (await request.takeTyped?.()) ?? null;
      return typed ? { values: read(typed), restored: true } : { values: saved(), restored: false };
    },
  };
}

/** The language chosen with the switch, else the account's, else the browser's preference, else English. */
export function languageOf(request: Request & { actor?: Actor }): OfficialLanguage {
  const chosen = siteCookiesOf(request).read(request, 'language');
  if (chosen === 'en' || chosen === 'fr') return chosen;
  if (request.actor) return request.actor.locale;
  return request.acceptsLanguages('en', 'fr') === 'fr' ? 'fr' : 'en';
}
