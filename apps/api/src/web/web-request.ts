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

/** One value of a form field (the first, if the name repeated), trimmed; a POST without a body has none. */
export function field(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** Every value of a repeated field (checkboxes). */
export function fieldList(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
