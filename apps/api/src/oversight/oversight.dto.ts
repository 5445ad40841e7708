import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REFERENCE_NUMBER_PATTERN } from '@grants/awards';
import { FUND_CODES, FundCode } from '@grants/calls';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../http/page-query.dto';

export class AuditQueryDto extends PageQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The call, application, award, organization... whose events to read' })
  @IsUUID()
  entityId!: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'List each read of the trail (audit_trail.viewed) among the events, instead of summing them up in reads' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  withReads?: boolean;
}

export class AuditEntityQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The application, award... whose deliberations to read' })
  @IsUUID()
  entityId!: string;
}

/** One of the two: an application's reference number, or the identifier of the application or of its award. */
export class AuditApplicationQueryDto {
  @ApiPropertyOptional({ example: 'CBSF-2027-0042', description: 'The application’s reference number, in any case (or give id)' })
  @ValidateIf((query: AuditApplicationQueryDto) => query.id === undefined)
  @Matches(REFERENCE_NUMBER_PATTERN, { message: 'reference must be a reference number like CBSF-2027-0042' })
  reference?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The identifier of the application or of its award (or give reference)' })
  @ValidateIf((query: AuditApplicationQueryDto) => query.reference === undefined)
  @IsUUID()
  id?: string;
}

export class AuditApplicationDto {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'CBSF-2027-0042', description: 'Null for a draft' }) referenceNumber!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Its award, whose trail is read apart' }) awardId!: string | null;
}

export class FundsReportQueryDto {
  @ApiPropertyOptional({ enum: FUND_CODES }) @IsOptional() @IsIn(FUND_CODES) fundCode?: FundCode;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
}

class AuditActorDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Null for the system' }) name!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'officer' }) role!: string | null;
}

class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ example: 'award.accepted' }) action!: string;
  @ApiProperty({ example: 'award' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ nullable: true, type: String }) fromState!: string | null;
  @ApiProperty({ nullable: true, type: String }) toState!: string | null;
  @ApiProperty({ type: AuditActorDto, nullable: true }) actor!: AuditActorDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

class AuditLastReadDto {
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
}

class AuditReadsDto {
  @ApiProperty({ description: 'How many times the trail was read before this read' }) count!: number;
  @ApiProperty({ type: AuditLastReadDto, nullable: true }) last!: AuditLastReadDto | null;
}

export class AuditPageDto {
  @ApiProperty({ type: AuditEventDto, isArray: true, description: 'Oldest first' }) items!: AuditEventDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty({ type: AuditReadsDto }) reads!: AuditReadsDto;
}

export class AuditDeliberationDto {
  @ApiProperty({ format: 'uuid', description: 'The audit event the words were written with' }) eventId!: string;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ example: 'application.decided' }) action!: string;
  @ApiProperty({ type: AuditActorDto, nullable: true }) actor!: AuditActorDto | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { rationale: 'Strong community need', conditions: 'Quarterly check-ins' } }) texts!: Record<string, string>;
}

class AccessLogActorDto {
  @ApiProperty({ nullable: true, type: String, description: 'Null for the system' }) name!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'officer', description: 'officer, reviewer, admin, owner, editor, applicant or system' }) role!: string | null;
}

class AccessLogEntryDto {
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ example: 'application.viewed' }) action!: string;
  @ApiProperty({ enum: ['organization', 'application', 'award'] }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'ILIF-2027-0007' }) referenceNumber!: string | null;
  @ApiProperty({ type: AccessLogActorDto, nullable: true }) actor!: AccessLogActorDto | null;
}

export class AccessLogPageDto {
  @ApiProperty({ type: AccessLogEntryDto, isArray: true, description: 'Newest first' }) items!: AccessLogEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
