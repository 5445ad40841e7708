import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { KEPT_FORM_SECONDS, KeptFields } from '@grants/identity';
import { Request } from 'express';
import { SiteCookies, siteCookiesOf } from '../../http/site-cookies';
import { CSRF_FIELD } from '../csrf';
import { PageCookie } from './page-result';

/** Binds what was typed to this browser when no ended session said whose it was (KeptFormService). */
export function keptFormCookie(token: string | null, cookies: SiteCookies): PageCookie {
  return token ? cookies.set('keptForm', token, KEPT_FORM_SECONDS * 1000) : cookies.clear('keptForm');
}

/** What of a posted form is worth keeping for the person: everything typed, never the CSRF token or a password. */
export function typedFields(body: unknown): KeptFields {
  const fields: KeptFields = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === CSRF_FIELD || /password/i.test(name)) continue;
    if (typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))) fields[name] = value as string | string[];
  }
  return fields;
}

/** The browser's kept-form token (signing in takes its copies), or null. */
export const KeptFormToken = createParamDecorator((_data: unknown, context: ExecutionContext): string | null => {
  const request = context.switchToHttp().getRequest<Request>();
  return siteCookiesOf(request).read(request, 'keptForm');
});
