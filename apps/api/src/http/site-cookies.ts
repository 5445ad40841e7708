import { AppConfig } from '@grants/core';
import { CookieOptions, Request } from 'express';

/** The site's own cookies, by what they hold; their names on the wire come from SiteCookies.name. */
export const SITE_COOKIE_NAMES = {
  session: 'grants_session',
  csrf: 'grants_csrf',
  language: 'grants_lang',
  keptForm: 'grants_kept',
  /** A browser that signed in to an account before (KnownDevices): its failed sign-ins are counted apart. */
  knownDevice: 'grants_device',
} as const;
export type SiteCookie = keyof typeof SITE_COOKIE_NAMES;

/** A cookie to set (`value`) or clear (`value: null`), as a page answer carries it (PageCookie). */
export interface SiteCookieWrite {
  name: string;
  value: string | null;
  options: CookieOptions;
}

/** Where configureApp keeps the SiteCookies, in the app's locals. */
export const SITE_COOKIES_LOCAL = 'siteCookies';

/**
 * Names, flags and reading of every cookie of the site, decided by APP_URL alone: when it is https,
 * each is `Secure` and named with the `__Host-` prefix (the browser then refuses it unless it was
 * set over https, for this host only, on every path), whatever a proxy says about the request. Every
 * cookie is HttpOnly and SameSite=Lax; none has a Domain.
 */
export class SiteCookies {
  readonly secure: boolean;

  constructor(appUrl: string) {
    this.secure = appUrl.startsWith('https:');
  }

  static of(config: AppConfig): SiteCookies {
    return new SiteCookies(config.appUrl);
  }

  name(cookie: SiteCookie): string {
    return this.secure ? `__Host-${SITE_COOKIE_NAMES[cookie]}` : SITE_COOKIE_NAMES[cookie];
  }

  /** The flags every cookie of the site carries; `maxAgeMs` makes it outlive the browser session. */
  options(maxAgeMs?: number): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/', ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }) };
  }

  set(cookie: SiteCookie, value: string, maxAgeMs?: number): SiteCookieWrite {
    return { name: this.name(cookie), value, options: this.options(maxAgeMs) };
  }

  /** Clearing must repeat the flags: a browser keeps a `__Host-` cookie unless told with Secure and Path=/. */
  clear(cookie: SiteCookie): SiteCookieWrite {
    return { name: this.name(cookie), value: null, options: this.options() };
  }

  /** The cookie's value as cookie-parser read it, or null when absent or empty. */
  read(request: Request, cookie: SiteCookie): string | null {
    const value = (request.cookies as Record<string, unknown> | undefined)?.[this.name(cookie)];
    return typeof value === 'string' && value !== '' ? value : null;
  }
}

/** The app's SiteCookies (configureApp puts them in the locals), for code that has only the request. */
export function siteCookiesOf(request: Request): SiteCookies {
  const cookies = (request.app.locals as Record<string, unknown>)[SITE_COOKIES_LOCAL];
  if (!(cookies instanceof SiteCookies)) throw new Error('configureApp has not set the site cookies');
  return cookies;
}
