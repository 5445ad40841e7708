import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_SEARCH, APPLICATION_STATUSES } from '@grants/applications';
import { AWARD_STATUSES, DATA_EXPORT_STATUSES, EXPORT_FORMATS, EXPORT_KINDS, ExportFormat, ExportKind, REPORT_STATUSES } from '@grants/awards';
import { OfficialLanguage } from '@grants/core';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
/** Every status a filter may name; which of them the kind takes is the service's to say. */
const FILTER_STATUSES = [...new Set<string>([...APPLICATION_STATUSES, ...AWARD_STATUSES, ...REPORT_STATUSES])];

export class ExportParamsDto {
  @ApiProperty({ enum: EXPORT_KINDS })
  @IsIn(EXPORT_KINDS, { message: ({ value }) => `kind ${JSON.stringify(value)} is not an export: choose one of ${EXPORT_KINDS.join(', ')}` })
  kind!: ExportKind;

  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: ({ value }) => `format ${JSON.stringify(value)} is not offered: choose csv or xlsx` })
  format!: ExportFormat;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One call only (required for reviews)' }) @IsOptional() @IsUUID() callId?: string;

  @ApiPropertyOptional({ enum: FILTER_STATUSES, description: 'applications: the application’s status; awards: the award’s; reports: the report’s. Reviews take none' })
  @IsOptional()
  @IsIn(FILTER_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'applications only: the lists’ search (reference number start, organization name, project title)', minLength: APPLICATION_SEARCH.minLength, maxLength: APPLICATION_SEARCH.maxLength })
  @IsOptional()
  @trim
  @IsString()
  @MinLength(APPLICATION_SEARCH.minLength, { message: 'q must not be empty' })
  @MaxLength(APPLICATION_SEARCH.maxLength)
  q?: string;

  @ApiPropertyOptional({ enum: ['en', 'fr'], description: 'The headings’ language (and choices’ labels); the account’s language if left out' })
  @IsOptional()
  @IsIn(['en', 'fr'])
  lang?: OfficialLanguage;
}

export class ExportQueuedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DATA_EXPORT_STATUSES }) status!: string;
  @ApiProperty({ description: 'Rows counted when asked' }) totalRows!: number;
}

export class ExportProgressDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXPORT_KINDS }) kind!: string;
  @ApiProperty({ enum: EXPORT_FORMATS }) format!: string;
  @ApiProperty({ enum: ['en', 'fr'] }) lang!: string;
  @ApiProperty({ enum: DATA_EXPORT_STATUSES }) status!: string;
  @ApiProperty({ description: 'Rows counted when asked; once ready, the rows the file holds' }) totalRows!: number;
  @ApiProperty() rowsWritten!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The file’s size, once ready' }) sizeBytes!: number | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) finishedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last try failed, for diagnosis: the worker’s own message, in English (the progress page shows a translated generic message instead)' }) error!: string | null;
}
