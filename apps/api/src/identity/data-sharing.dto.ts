import { ApiProperty } from '@nestjs/swagger';
import { SIGNER_NAME, SIGNER_TITLE } from '@grants/awards';
import { Transform } from 'class-transformer';
import { Equals, IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class AcceptDataSharingDto {
  @ApiProperty({ description: 'The version you read and accept', example: 'ILIF-DSA-2026-1' }) @IsString() @MaxLength(100) version!: string;

  @ApiProperty({ description: 'Your name, typed as your signature', example: 'Dana Whitford' })
  @trim
  @IsString()
  @MinLength(SIGNER_NAME.minLength, { message: 'name must not be empty' })
  @MaxLength(SIGNER_NAME.maxLength)
  name!: string;

  @ApiProperty({ example: 'Executive Director' })
  @trim
  @IsString()
  @MinLength(SIGNER_TITLE.minLength, { message: 'title must not be empty' })
  @MaxLength(SIGNER_TITLE.maxLength)
  title!: string;

  @ApiProperty({ description: 'You attest that you have authority to bind the organization and that you read this version', enum: [true] })
  @Equals(true, { message: 'attest must be true: confirm you have signing authority and read this version' })
  attest!: true;
}

export class AggregateConsentDto {
  @ApiProperty({ description: 'Whether the organization’s figures may appear in the office’s aggregate reports and dashboards' })
  @IsBoolean({ message: 'consent must be true or false' })
  consent!: boolean;
}
