import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_STATUSES, ApplicationStatus, BUDGET_CATEGORIES, BudgetCategory, SCREENING_OUTCOMES, ScreeningOutcome } from '@grants/applications';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../http/page-query.dto';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() organizationId!: string;
}

export class BudgetLineDto {
  @ApiProperty({ example: '2027-28', description: 'Ontario fiscal year: 1 April to 31 March' })
  @IsString()
  @Matches(/^\d{4}-\d{2}$/, { message: 'fiscalYear must look like 2027-28' })
  fiscalYear!: string;

  @ApiProperty({ enum: BUDGET_CATEGORIES }) @IsIn(BUDGET_CATEGORIES) category!: BudgetCategory;
  @ApiProperty() @trim @IsString() @MaxLength(500) description!: string;
  @ApiProperty({ description: 'Integer cents', maximum: 100_000_000_000 })
  @IsInt()
  @Min(1)
  @Max(100_000_000_000, { message: 'amountCents must be at most 100000000000 (one billion dollars)' })
  amountCents!: number;
}

export class UpdateApplicationDto {
  @ApiPropertyOptional({ description: 'The version you read; or send it as If-Match' }) @IsOptional() @IsInt() @Min(1) version?: number;
  @ApiPropertyOptional() @IsOptional() @trim @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @trim @IsString() @MaxLength(2000) summary?: string;

  @ApiPropertyOptional({ description: 'questionKey → value, checked against the call’s form; null clears an answer', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  answers?: Record<string, unknown>;

  @ApiPropertyOptional({ type: BudgetLineDto, isArray: true, description: 'Replaces the whole budget' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  budget?: BudgetLineDto[];
}

export class UploadAttachmentDto {
  @ApiProperty({ description: 'A required attachment key of the call, or "other"' }) @IsString() @MaxLength(50) key!: string;
}

export class ApplicationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() callId?: string;
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES }) @IsOptional() @IsIn(APPLICATION_STATUSES) status?: ApplicationStatus;
}

export class ScreeningDto {
  @ApiProperty({ enum: SCREENING_OUTCOMES }) @IsIn(SCREENING_OUTCOMES) outcome!: ScreeningOutcome;
  @ApiProperty({ description: 'Why; shown to the organization when it is ineligible' })
  @trim
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(2000)
  reason!: string;
}

export class InformationRequestDto {
  @ApiProperty({ description: 'What the organization should add or change; sent to every member' })
  @trim
  @IsString()
  @MinLength(1, { message: 'message must not be empty' })
  @MaxLength(5000)
  message!: string;

  @ApiProperty({ description: 'ISO 8601 instant until which the organization may resubmit' })
  @Type(() => Date)
  @IsDate()
  respondBy!: Date;
}
