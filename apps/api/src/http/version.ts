import { BadRequestException } from '@nestjs/common';

/** The version a PATCH was based on: the `If-Match: "3"` header or the `version` field. */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  if (ifMatch !== undefined) {
    const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    if (!match) throw new BadRequestException({ message: 'If-Match must be the version you read, such as "3"', code: 'INVALID_IF_MATCH' });
    return Number(match[1]);
  }
  if (bodyVersion === undefined) {
    throw new BadRequestException({ message: 'version is required: send the version you read (field or If-Match header)', code: 'VERSION_REQUIRED' });
  }
  return bodyVersion;
}
