import { DomainError } from '@grants/core';
import { NextFunction, Request, Response } from 'express';

/** Deeper than any body the API takes (a call's form is the deepest, at about 8): no one sends it by mistake. */
export const MAX_JSON_DEPTH = 32;

/**
 * Refuses a JSON body nested deeper than MAX_JSON_DEPTH before anything walks it: validation and
 * transformation recurse, and a deep enough body would exhaust their stack (a 500).
 */
export function limitJsonDepth(request: Request, _response: Response, next: NextFunction): void {
  if (depthExceeds(request.body, MAX_JSON_DEPTH)) {
    next(new DomainError('invalid', 'BODY_TOO_DEEP', `The request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep`, { maxDepth: MAX_JSON_DEPTH }));
    return;
  }
  next();
}

/** Whether a parsed JSON value nests more than `limit` levels; stops looking at the first level too deep. */
export function depthExceeds(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  return Object.values(value).some((child) => depthExceeds(child, limit - 1));
}

/**
 * Characters a PostgreSQL text cannot hold: NUL (U+0000), and a lone UTF-16 surrogate, which has no
 * UTF-8 form (a pair is one code point to this `u` expression, so only a lone half matches).
 */
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

export function holdsUnstorable(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** The text refused, named as its sender knows it (`field` of a body or form, `parameter` of the query, or the path). */
export class InvalidCharacterError extends DomainError {
  constructor(where: { field: string } | { parameter: string } | { path: true }) {
    const named = 'field' in where ? `The field ${where.field}` : 'parameter' in where ? `The query parameter ${where.parameter}` : 'The address';
    super('invalid', 'INVALID_CHARACTER', `${named} holds a character that cannot be stored (such as U+0000); remove it`, 'path' in where ? { in: 'path' } : where);
  }
}

/** The path (`answers.2.value`) of the first string or key in a parsed body that holds such a character, if any. */
export function unstorableAt(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return holdsUnstorable(value) ? visible(path) : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    if (holdsUnstorable(key)) return visible([...path, key]);
    const found = unstorableAt(child, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

function visible(path: string[]): string {
  return path.length === 0 ? '(body)' : path.join('.').replace(/[\u0000\uD800-\uDFFF]/gu, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** After limitJsonDepth, so the walk is shallow: one check of every string of a JSON body, before any DTO sees it. */
export function refuseUnstorableJson(request: Request, _response: Response, next: NextFunction): void {
  const field = unstorableAt(request.body);
  next(field === null ? undefined : new InvalidCharacterError({ field }));
}

/** The same for a URL: a query parameter names itself, a route parameter is refused as part of the path. */
export function refuseUnstorableAddress(request: Request, _response: Response, next: NextFunction): void {
  const parameter = unstorableAt(request.query);
  if (parameter !== null) return next(new InvalidCharacterError({ parameter }));
  let path: string;
  try {
    path = decodeURIComponent(request.path);
  } catch {
    // Not percent-decodable: the router's own refusal (400) answers it.
    return next();
  }
  next(holdsUnstorable(path) ? new InvalidCharacterError({ path: true }) : undefined);
}

/**
 * Every query parameter of the API and the pages takes one value: one sent twice is refused rather
 * than read as a list that the code would take for a string (or take the first of, unlike the proxy).
 */
export function refuseRepeatedParameters(request: Request, _response: Response, next: NextFunction): void {
  const repeated = Object.entries(request.query).find(([, value]) => Array.isArray(value));
  if (repeated) {
    next(new DomainError('invalid', 'REPEATED_PARAMETER', `The query parameter ${repeated[0]} was sent more than once; send it once`, { parameter: repeated[0] }));
    return;
  }
  next();
}

/**
 * cookie-parser reads a cookie written `j:{...}` as JSON, an object where every reader (the CSRF
 * check among them) expects text. This site never writes one: such a cookie is dropped, as if unsent.
 */
export function onlyTextCookies(request: Request, _response: Response, next: NextFunction): void {
  const cookies = request.cookies as Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(cookies ?? {})) if (typeof value !== 'string') delete cookies![name];
  next();
}
