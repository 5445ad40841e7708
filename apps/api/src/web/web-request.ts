import { DomainError } from '@grants/core';
import { Actor } from '@grants/identity';
import { Request } from 'express';

/**
 * A page request: the guard has put the signed-in actor on it, if any, and for a signed-in page,
 * how to take what was typed into its form when the session ended (KeptFormService.take).
 */
export type PageRequest = Request & { actor?: Actor; takeTyped?: () => Promise<FormBody | null> };

/** Form bodies as the browser sends them: a string per field, an array when a name repeats (checkboxes). */
export type FormBody = Record<string, string | string[] | undefined>;

/** Only a path on this site: never redirect to another one. */
export function localPath(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/**
 * A field that takes one value, sent more than once: no page of the site sends that, and reading
 * the first (or the last, as another layer might) would let two readers disagree.
 */
export class RepeatedFieldError extends DomainError {
  constructor(name?: string) {
    super('invalid', 'REPEATED_FIELD', name ? `The form field ${name} was sent more than once` : 'A form field was sent more than once', name ? { field: name } : undefined);
  }
}

/** One value of a form field, trimmed; a POST without a body has none. */
export function field(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  if (Array.isArray(value) && value.length > 1) throw new RepeatedFieldError(name);
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** Every value of a repeated field (checkboxes). */
export function fieldList(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
