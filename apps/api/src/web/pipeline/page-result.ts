import { HttpStatus } from '@nestjs/common';
import { CookieOptions } from 'express';
import { Readable } from 'node:stream';

/** A cookie a page sets (`value`) or clears (`value: null`) with its answer. */
export interface PageCookie {
  name: string;
  value: string | null;
  options: CookieOptions;
}

/**
 * What a page handler returns; the pipeline writes it. Handlers never touch the response, so every
 * page answers the same way (type, status, cookies, caching).
 */
export type PageResult =
  | { kind: 'html'; html: string; status: number; cookies: PageCookie[] }
  | { kind: 'redirect'; location: string; cookies: PageCookie[] }
  | { kind: 'json'; body: unknown; status: number; cookies: PageCookie[] }
  | { kind: 'asset'; type: 'css' | 'application/javascript'; body: string; maxAgeSeconds: number; cookies: PageCookie[] }
  | { kind: 'file'; filename: string; contentType: string; body: Buffer; cookies: PageCookie[] }
  | { kind: 'stream'; filename: string; contentType: string; content: Readable; cookies: PageCookie[] };

export function view(html: string, status: number = HttpStatus.OK): PageResult {
  return { kind: 'html', html, status, cookies: [] };
}

/** 303 See Other: after a form, the browser fetches the next page with GET. */
export function redirectTo(location: string): PageResult {
  return { kind: 'redirect', location, cookies: [] };
}

/** For the pages' own scripts (autosave, session warning, progress polling); never cached. */
export function json(body: unknown, status: number = HttpStatus.OK): PageResult {
  return { kind: 'json', body, status, cookies: [] };
}

/** A script of the pages, served as a file (the Content-Security-Policy refuses inline scripts). */
export function script(body: string): PageResult {
  return { kind: 'asset', type: 'application/javascript', body, maxAgeSeconds: 3600, cookies: [] };
}

export function stylesheet(body: string, maxAgeSeconds = 3600): PageResult {
  return { kind: 'asset', type: 'css', body, maxAgeSeconds, cookies: [] };
}

/** A file the browser saves under its name (a PDF), never kept in a shared cache. */
export function download(filename: string, contentType: string, body: Buffer): PageResult {
  return { kind: 'file', filename, contentType, body, cookies: [] };
}

/** A file of unknown length (a CSV the service writes row by row), streamed as it comes; never kept in a shared cache. */
export function streamed(filename: string, contentType: string, content: Readable): PageResult {
  return { kind: 'stream', filename, contentType, content, cookies: [] };
}

export function withCookie(result: PageResult, cookie: PageCookie): PageResult {
  return { ...result, cookies: [...result.cookies, cookie] };
}
