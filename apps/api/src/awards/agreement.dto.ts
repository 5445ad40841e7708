import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BUDGET_CATEGORIES, BUDGET_LINE_AMOUNT_CENTS, BudgetCategory, FISCAL_YEAR } from '@grants/applications';
import { AGREEMENT_CONDITIONS, AGREEMENT_STATUSES, AgreementStatus, AMENDMENT_LINES, AMENDMENT_REASON, SIGNER_NAME, SIGNER_TITLE } from '@grants/awards';
import { PageQueryDto } from '../http/page-query.dto';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, Equals, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a signing authority types and attests when signing for the organization (agreements, the data-sharing agreement). */
export abstract class SignerDto {
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

export class SignAgreementDto extends SignerDto {
  @ApiProperty({ description: 'The version you read and sign' }) @IsInt() @Min(1) @Max(10_000) version!: number;

  @ApiPropertyOptional({ description: 'The SHA-256 of the PDF you read; refused (409 AGREEMENT_PDF_CHANGED) if it is not this version’s' })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'pdfSha256 must be 64 hexadecimal characters' })
  pdfSha256?: string;
}

export class CountersignAgreementDto {
  @ApiProperty({ description: 'The version you counter-sign' }) @IsInt() @Min(1) @Max(10_000) version!: number;

  @ApiPropertyOptional({ description: 'Your position; “Authorized approver” by default' })
  @IsOptional()
  @trim
  @IsString()
  @MinLength(SIGNER_TITLE.minLength, { message: 'title must not be empty' })
  @MaxLength(SIGNER_TITLE.maxLength)
  title?: string;
}

class AmendedBudgetLineDto {
  @ApiProperty({ example: '2027-28' }) @Matches(FISCAL_YEAR.pattern, { message: 'fiscalYear must be a fiscal year written like 2027-28' }) fiscalYear!: string;
  @ApiProperty({ enum: BUDGET_CATEGORIES }) @IsIn(BUDGET_CATEGORIES) category!: BudgetCategory;
  @ApiProperty({ description: 'Integer cents' }) @IsInt() @Min(1) @Max(BUDGET_LINE_AMOUNT_CENTS.max) amountCents!: number;
}

class AmendedInstalmentDto {
  @ApiProperty({ example: '2027-28' }) @Matches(FISCAL_YEAR.pattern, { message: 'fiscalYear must be a fiscal year written like 2027-28' }) fiscalYear!: string;
  @ApiProperty({ example: '2027-04-01' }) @Matches(ISO_DATE, { message: 'dueOn must be a date written like 2027-04-01' }) dueOn!: string;
  @ApiProperty({ description: 'Integer cents' }) @IsInt() @Min(1) @Max(BUDGET_LINE_AMOUNT_CENTS.max) amountCents!: number;
}

export class ProposeAmendmentDto {
  @ApiProperty({ description: 'Why the agreement changes; the organization reads it' })
  @trim
  @IsString()
  @MinLength(AMENDMENT_REASON.minLength, { message: 'reason must not be empty' })
  @MaxLength(AMENDMENT_REASON.maxLength)
  reason!: string;

  @ApiPropertyOptional({ type: AmendedBudgetLineDto, isArray: true, description: 'Schedule D as a whole; adds up to the agreement’s total' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(AMENDMENT_LINES.max)
  @ValidateNested({ each: true })
  @Type(() => AmendedBudgetLineDto)
  budget?: AmendedBudgetLineDto[];

  @ApiPropertyOptional({ type: AmendedInstalmentDto, isArray: true, description: 'Schedule E’s instalments, in order, as many as now; paid ones unchanged; adds up to the total' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(AMENDMENT_LINES.max)
  @ValidateNested({ each: true })
  @Type(() => AmendedInstalmentDto)
  paymentPlan?: AmendedInstalmentDto[];

  @ApiPropertyOptional({ example: '2029-03-31' }) @IsOptional() @Matches(ISO_DATE, { message: 'endsOn must be a date written like 2029-03-31' }) endsOn?: string;

  @ApiPropertyOptional({ description: 'Schedule B as a whole' }) @IsOptional() @trim @IsString() @MaxLength(AGREEMENT_CONDITIONS.maxLength) conditions?: string;
}

export class AgreementPdfQueryDto {
  @ApiPropertyOptional({ description: 'A version; the latest by default' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  version?: number;
}

export class AgreementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES, default: 'awaiting_province' }) @IsOptional() @IsIn(AGREEMENT_STATUSES) status?: AgreementStatus;
}
