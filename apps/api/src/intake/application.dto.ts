import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { PageQueryDto } from '../http/page-query.dto';
import {
  APPLICATION_SEARCH,
  APPLICATION_SORTS,
  APPLICATION_STATUSES,
  APPLICATION_SUMMARY,
  ApplicationSort,
  APPLICATION_TITLE,
  ApplicationStatus,
  BUDGET_CATEGORIES,
  BUDGET_LINE_AMOUNT_CENTS,
  BUDGET_LINE_DESCRIPTION,
  BudgetCategory,
  FISCAL_YEAR,
  INFORMATION_REQUEST_MESSAGE,
  STAFF_CONFLICT_REASON,
  MAX_BUDGET_LINES,
  SCREENING_OUTCOMES,
  SCREENING_REASON,
  ScreeningOutcome,
  SORT_ORDERS,
  SortOrder,
} from '@grants/applications';
import { CALL_KEY } from '@grants/calls';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsInstant } from '../http/instant';
import { MAX_VERSION } from '../http/version';

/** A cursor holds the last item's sort key: an organization's name takes room. */
const LIST_CURSOR_MAX_LENGTH = 1500;

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() organizationId!: string;
}

export class BudgetLineDto {
  @ApiProperty({ example: '2027-28', description: 'Ontario fiscal year: 1 April to 31 March' })
  @IsString()
  @Matches(FISCAL_YEAR.pattern, { message: 'fiscalYear must look like 2027-28' })
  fiscalYear!: string;

  @ApiProperty({ enum: BUDGET_CATEGORIES }) @IsIn(BUDGET_CATEGORIES) category!: BudgetCategory;
  @ApiProperty() @trim @IsString() @MaxLength(BUDGET_LINE_DESCRIPTION.maxLength) description!: string;
  @ApiProperty({ description: 'Integer cents', maximum: BUDGET_LINE_AMOUNT_CENTS.max })
  @IsInt()
  @Min(BUDGET_LINE_AMOUNT_CENTS.min)
  @Max(BUDGET_LINE_AMOUNT_CENTS.max, { message: `amountCents must be at most ${BUDGET_LINE_AMOUNT_CENTS.max} (${(BUDGET_LINE_AMOUNT_CENTS.max / 100).toLocaleString('en-CA')} dollars)` })
  amountCents!: number;
}

export class UpdateApplicationDto {
  @ApiPropertyOptional({ description: 'The version you read; or send it as If-Match' }) @IsOptional() @IsInt() @Min(1) @Max(MAX_VERSION) version?: number;
  @ApiPropertyOptional() @IsOptional() @trim @IsString() @MaxLength(APPLICATION_TITLE.maxLength) title?: string;
  @ApiPropertyOptional() @IsOptional() @trim @IsString() @MaxLength(APPLICATION_SUMMARY.maxLength) summary?: string;

  @ApiPropertyOptional({ description: 'questionKey → value, checked against the call’s form; null clears an answer', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  answers?: Record<string, unknown>;

  @ApiPropertyOptional({ type: BudgetLineDto, isArray: true, description: 'Replaces the whole budget' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_BUDGET_LINES)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  budget?: BudgetLineDto[];
}

export class UploadAttachmentDto {
  @ApiProperty({ description: 'A required attachment key of the call, or "other"' }) @IsString() @MaxLength(CALL_KEY.maxLength) key!: string;
}

/** The applications list's filters, search and sort; the page as PageQueryDto's, with room in the cursor for the key it carries (an organization's name). */
export class ApplicationQueryDto extends OmitType(PageQueryDto, ['cursor'] as const) {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES }) @IsOptional() @IsIn(APPLICATION_STATUSES) status?: ApplicationStatus;

  @ApiPropertyOptional({
    minLength: APPLICATION_SEARCH.minLength,
    maxLength: APPLICATION_SEARCH.maxLength,
    description: 'Search, case aside: the beginning of a reference number (CBSF-2026-00), or part of an organization’s legal or operating name or of a project title. Trimmed',
  })
  @IsOptional()
  @trim
  @IsString()
  @MinLength(APPLICATION_SEARCH.minLength, { message: 'q must not be empty' })
  @MaxLength(APPLICATION_SEARCH.maxLength)
  q?: string;

  @ApiPropertyOptional({
    enum: APPLICATION_SORTS,
    default: 'created',
    description:
      'created: when started; submitted; requested: the amount requested; score: the mean weighted score of the submitted reviews (officers; unscored to anyone else); status, in the order applications go through them; reference; organization: its legal name. Applications without the key (not submitted, not scored, no reference yet) come last in either order',
  })
  @IsOptional()
  @IsIn(APPLICATION_SORTS)
  sort?: ApplicationSort;

  @ApiPropertyOptional({ enum: SORT_ORDERS, description: 'desc by default for created, submitted, requested and score; asc for status, reference and organization' })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order?: SortOrder;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page, with the same sort and order' })
  @IsOptional()
  @IsString()
  @MaxLength(LIST_CURSOR_MAX_LENGTH)
  cursor?: string;
}

export class ScreeningDto {
  @ApiProperty({ enum: SCREENING_OUTCOMES }) @IsIn(SCREENING_OUTCOMES) outcome!: ScreeningOutcome;
  @ApiProperty({ description: 'Why; shown to the organization when it is ineligible' })
  @trim
  @IsString()
  @MinLength(SCREENING_REASON.minLength, { message: 'reason must not be empty' })
  @MaxLength(SCREENING_REASON.maxLength)
  reason!: string;
}

export class StaffConflictDto {
  @ApiProperty({ description: 'Why you step back from this organization’s applications; officers read it' })
  @trim
  @IsString()
  @MinLength(STAFF_CONFLICT_REASON.minLength, { message: 'reason must not be empty' })
  @MaxLength(STAFF_CONFLICT_REASON.maxLength)
  reason!: string;
}

export class InformationRequestDto {
  @ApiProperty({ description: 'What the organization should add or change; sent to every member' })
  @trim
  @IsString()
  @MinLength(INFORMATION_REQUEST_MESSAGE.minLength, { message: 'message must not be empty' })
  @MaxLength(INFORMATION_REQUEST_MESSAGE.maxLength)
  message!: string;

  @ApiProperty({ description: 'ISO 8601 instant until which the organization may resubmit' })
  @IsInstant()
  respondBy!: Date;
}
