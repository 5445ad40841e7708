import { BadRequestException, PipeTransform } from '@nestjs/common';

/** Versions are PostgreSQL integers: a larger one was never read, and the database would refuse it. */
export const MAX_VERSION = 2_147_483_647;

/** The version a PATCH was based on: the `If-Match: "3"` header or the `version` field. */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  if (ifMatch !== undefined) {
    const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    if (!match || Number(match[1]) > MAX_VERSION) throw new BadRequestException({ message: 'If-Match must be the version you read, such as "3"', code: 'INVALID_IF_MATCH' });
    return Number(match[1]);
  }
  if (bodyVersion === undefined) {
    throw new BadRequestException({ message: 'version is required: send the version you read (field or If-Match header)', code: 'VERSION_REQUIRED' });
  }
  return bodyVersion;
}

/** `null` in a PATCH means "clear it"; for a field that must always have a value that is a 400, not a database error. */
export function refuseNulls(body: object, fields: string[]): void {
  const nulls = fields.filter((field) => (body as Record<string, unknown>)[field] === null);
  if (nulls.length > 0) {
    throw new BadRequestException({ message: nulls.map((field) => `${field} cannot be cleared`), code: 'VALIDATION_FAILED' });
  }
}

/** A version in the path (`/snapshots/:version`): a whole number that a row can hold. */
export class ParseVersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > MAX_VERSION) {
      throw new BadRequestException({ message: [`version must be a whole number from 1 to ${MAX_VERSION}`], code: 'VALIDATION_FAILED' });
    }
    return Number(value);
  }
}
