import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BUDGET_CATEGORIES, BudgetCategory, FISCAL_YEAR } from '@grants/applications';
import { AWARD_STATUSES, AwardStatus, REPORT_NARRATIVE, REPORT_REVIEW_COMMENT, REPORT_SPENT_CENTS, VARIANCE_JUSTIFICATION } from '@grants/awards';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../http/page-query.dto';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class AwardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ enum: AWARD_STATUSES }) @IsOptional() @IsIn(AWARD_STATUSES) status?: AwardStatus;
}

export class SpendingLineDto {
  @ApiProperty({ example: '2027-28', description: 'The report’s period' })
  @Matches(FISCAL_YEAR.pattern, { message: 'fiscalYear must be a fiscal year written like 2027-28' })
  fiscalYear!: string;

  @ApiProperty({ enum: BUDGET_CATEGORIES }) @IsIn(BUDGET_CATEGORIES) category!: BudgetCategory;

  @ApiProperty({ description: 'Spent on the line in the period, in integer cents' }) @IsInt() @Min(REPORT_SPENT_CENTS.min) @Max(REPORT_SPENT_CENTS.max) spentCents!: number;
}

export class FileReportDto {
  @ApiProperty({ description: 'The fiscal year the report covers, such as 2027-28', example: '2027-28' })
  @Matches(FISCAL_YEAR.pattern, { message: 'period must be a fiscal year written like 2027-28' })
  period!: string;

  @ApiProperty({ enum: ['interim', 'final'] }) @IsIn(['interim', 'final']) kind!: 'interim' | 'final';

  @ApiProperty({ type: () => [SpendingLineDto], description: 'Spending of the period by budget line (one line per category), compared with schedule D' })
  @IsArray()
  @ArrayMaxSize(BUDGET_CATEGORIES.length, { message: `spending has at most one line per budget category (${BUDGET_CATEGORIES.length})` })
  @ValidateNested({ each: true })
  @Type(() => SpendingLineDto)
  spending!: SpendingLineDto[];

  @ApiProperty({
    description: 'A whole count for every outcome measure of the call, by key (e.g. {"people_served": 140}). Counts only: never personal information.',
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
  })
  @IsObject()
  outcomes!: Record<string, unknown>;

  @ApiProperty() @trim @IsString() @MinLength(REPORT_NARRATIVE.minLength, { message: 'narrative must not be empty' }) @MaxLength(REPORT_NARRATIVE.maxLength) narrative!: string;
}

export class ReviewReportDto {
  @ApiProperty({ enum: ['accepted', 'returned'] }) @IsIn(['accepted', 'returned']) outcome!: 'accepted' | 'returned';
  @ApiPropertyOptional({ description: 'Required when sending the report back: what to change' }) @IsOptional() @trim @IsString() @MaxLength(REPORT_REVIEW_COMMENT.maxLength) comment?: string;
  @ApiPropertyOptional({ description: 'Required to accept spending beyond schedule D’s flexibility that no amendment covers: why the office accepts it' })
  @IsOptional()
  @trim
  @IsString()
  @MaxLength(VARIANCE_JUSTIFICATION.maxLength)
  varianceJustification?: string;
}
