import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FISCAL_YEAR_PATTERN, isFiscalYear, REFERENCE_NUMBER_PATTERN } from '@grants/awards';
import { APPLICATION_STATUSES } from '@grants/applications';
import { FUND_CODES, FundCode } from '@grants/calls';
import { REGIONS } from '@grants/identity';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches, ValidateBy, ValidateIf } from 'class-validator';
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

export class DashboardQueryDto {
  @ApiPropertyOptional({ enum: FUND_CODES, description: 'One fund only; both if left out' }) @IsOptional() @IsIn(FUND_CODES) fund?: FundCode;

  @ApiPropertyOptional({ example: '2027-28', description: 'One Ontario fiscal year (April to March) for the money, the reports and the outcomes; every year if left out' })
  @IsOptional()
  @Matches(FISCAL_YEAR_PATTERN, { message: 'fiscalYear must be a fiscal year like 2027-28' })
  @ValidateBy({ name: 'isFiscalYear', validator: { validate: (value: unknown) => typeof value === 'string' && isFiscalYear(value), defaultMessage: () => 'fiscalYear must be two years in a row, like 2027-28' } })
  fiscalYear?: string;
}

class DashboardMoneyDto {
  @ApiProperty({ enum: FUND_CODES }) fundCode!: string;
  @ApiProperty({ example: '2027-28' }) fiscalYear!: string;
  @ApiProperty({ description: 'Budget lines of that year of the applications submitted and not withdrawn' }) requestedCents!: number;
  @ApiProperty({ description: 'Payment schedule of that year of the awards offered or accepted' }) approvedCents!: number;
  @ApiProperty({ description: 'Payment schedule of that year of the awards accepted' }) acceptedCents!: number;
  @ApiProperty({ description: 'Payments of that year recorded as paid' }) paidCents!: number;
  @ApiProperty({ description: 'Payments of that year of the accepted awards, not paid yet' }) toPayCents!: number;
  @ApiProperty({ description: 'Surpluses of that year owed back to the Crown and not recovered yet' }) recoveryOwedCents!: number;
  @ApiProperty({ description: 'Surpluses of that year recovered: offset against later payments or repaid' }) recoveredCents!: number;
}

class LocalizedDto {
  @ApiProperty() en!: string;
  @ApiProperty() fr!: string;
}

class DashboardCallDto {
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ enum: FUND_CODES }) fundCode!: string;
  @ApiProperty({ type: LocalizedDto }) title!: LocalizedDto;
  @ApiProperty({ enum: ['open', 'closed', 'scheduled'] }) phase!: string;
  @ApiProperty({ type: 'object', properties: Object.fromEntries(APPLICATION_STATUSES.map((status) => [status, { type: 'integer' }])), description: 'Applications in each status, drafts included' })
  counts!: Record<string, number>;
  @ApiProperty() total!: number;
}

class DashboardReportsDto {
  @ApiProperty({ enum: FUND_CODES }) fundCode!: string;
  @ApiProperty({ description: 'Reports of accepted awards not filed, due today or later (Ontario date)' }) due!: number;
  @ApiProperty({ description: 'Reports of accepted awards not filed or sent back, due before today' }) overdue!: number;
  @ApiProperty({ description: 'Reports filed, waiting for an officer’s review' }) awaitingReview!: number;
}

class DashboardOutcomeDto {
  @ApiProperty({ enum: FUND_CODES }) fundCode!: string;
  @ApiProperty({ example: 'people_served' }) key!: string;
  @ApiProperty({ type: LocalizedDto, description: 'The measure’s label in the latest call that counts it' }) label!: LocalizedDto;
  @ApiProperty({ description: 'Sum of the counts in accepted reports' }) total!: number;
}

class DashboardRegionDto {
  @ApiProperty({ enum: REGIONS }) region!: string;
  @ApiProperty({ description: 'Applications submitted and not withdrawn' }) submitted!: number;
  @ApiProperty({ description: 'Approvals recorded, released or not' }) approved!: number;
  @ApiProperty({ description: 'Their approved amounts' }) approvedCents!: number;
}

export class DashboardDto {
  @ApiProperty({ example: '2027-06-30', description: 'The Ontario date the reports are counted on' }) today!: string;
  @ApiProperty({ type: String, isArray: true, example: ['2027-28', '2028-29'], description: 'Fiscal years with a budget line or a payment, oldest first' }) fiscalYears!: string[];
  @ApiProperty({ type: DashboardMoneyDto, isArray: true, description: 'One row per fund and fiscal year with any money' }) money!: DashboardMoneyDto[];
  @ApiProperty({ type: DashboardCallDto, isArray: true, description: 'Published calls: open ones first, then closed, then not open yet' }) calls!: DashboardCallDto[];
  @ApiProperty({ type: DashboardReportsDto, isArray: true, description: 'One row per fund' }) reports!: DashboardReportsDto[];
  @ApiProperty({ type: DashboardOutcomeDto, isArray: true }) outcomes!: DashboardOutcomeDto[];
  @ApiProperty({ type: DashboardRegionDto, isArray: true, description: 'One row per region, in the order central, east, north, toronto, west' }) regions!: DashboardRegionDto[];
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
