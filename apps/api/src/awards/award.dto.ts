import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FISCAL_YEAR } from '@grants/applications';
import { AWARD_STATUSES, AwardStatus, PAYMENT_REFERENCE, REPORT_NARRATIVE, REPORT_REVIEW_COMMENT, REPORT_SPENT_CENTS } from '@grants/awards';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryDto } from '../http/page-query.dto';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class AwardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ enum: AWARD_STATUSES }) @IsOptional() @IsIn(AWARD_STATUSES) status?: AwardStatus;
}

export class FileReportDto {
  @ApiProperty({ description: 'The fiscal year the report covers, such as 2027-28', example: '2027-28' })
  @Matches(FISCAL_YEAR.pattern, { message: 'period must be a fiscal year written like 2027-28' })
  period!: string;

  @ApiProperty({ enum: ['interim', 'final'] }) @IsIn(['interim', 'final']) kind!: 'interim' | 'final';

  @ApiProperty({ description: 'Money spent in the period, in integer cents' }) @IsInt() @Min(REPORT_SPENT_CENTS.min) @Max(REPORT_SPENT_CENTS.max) spentCents!: number;

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
}

export class RecordPaymentDto {
  @ApiProperty({ description: 'The payment’s reference in the finance system' }) @trim @IsString() @MinLength(PAYMENT_REFERENCE.minLength) @MaxLength(PAYMENT_REFERENCE.maxLength) paymentReference!: string;
}
