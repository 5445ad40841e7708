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
