import { HttpStatus } from '@nestjs/common';
import { ForbiddenError } from '@grants/core';
import { Actor, hasRole, Role } from '@grants/identity';
import { Request, Response } from 'express';
import { SESSION_COOKIE } from '../http/auth/auth.guard';

/** A page request: the guard has put the signed-in actor on it, if any. */
export type PageRequest = Request & { actor?: Actor };

/** Form bodies as the browser sends them: a string per field, an array when a name repeats (checkboxes). */
export type FormBody = Record<string, string | string[] | undefined>;

/**
 * Sends a visitor to sign in, coming back here after (or to `next`: a form posted after the session
 * ended comes back to its page, not to the POST address); says so when their session expired.
 */
export function signInFirst(request: PageRequest, response: Response, next: string = request.originalUrl): void {
  const hadSession = Boolean((request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]);
  response.redirect(HttpStatus.SEE_OTHER, `/sign-in?next=${encodeURIComponent(next)}${hadSession ? '&notice=expired' : ''}`);
}

/**
 * Signed in with the role: true. Signed in without it: refused with the forbidden page.
 * Not signed in: false, and the caller sends the visitor to sign in.
 */
export function hasPageRole(actor: Actor | null, role: Role): actor is Actor {
  if (actor && !hasRole(actor, role)) throw new ForbiddenError(`Only users with the ${role} role see these pages`);
  return actor !== null;
}

/** Only a path on this site: never redirect to another one. */
export function localPath(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** One value of a form field (the first, if the name repeated), trimmed; a POST without a body has none. */
export function field(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** A script of the pages, served as a file (the Content-Security-Policy refuses inline scripts). */
export function sendScript(response: Response, source: string): void {
  response.type('application/javascript').setHeader('Cache-Control', 'public, max-age=3600');
  response.send(source);
}

/** Every value of a repeated field (checkboxes). */
export function fieldList(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
