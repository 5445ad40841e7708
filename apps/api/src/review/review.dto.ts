import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALL_KEY, RUBRIC_CRITERIA } from '@grants/calls';
import { CONFLICT_EXPLANATION, DECISION_RATIONALE, DECISION_TEXT, REVIEW_COMMENT, REVIEW_OVERALL_COMMENT } from '@grants/reviews';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class AssignReviewerDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() reviewerId!: string;
}

export class ConflictDeclarationDto {
  @ApiProperty({ description: 'true recuses you; the application is given to another reviewer' }) @IsBoolean() conflict!: boolean;
  @ApiPropertyOptional() @IsOptional() @trim @IsString() @MaxLength(CONFLICT_EXPLANATION.maxLength) explanation?: string;
}

export class CriterionScoreDto {
  @ApiProperty() @IsString() @MaxLength(CALL_KEY.maxLength) criterionKey!: string;
  @ApiProperty({ description: 'A whole number from 0 to the criterion’s maxScore' }) @IsNumber() score!: number;
  @ApiProperty() @trim @IsString() @MaxLength(REVIEW_COMMENT.maxLength) comment!: string;
}

export class ScoresDto {
  @ApiProperty({ type: CriterionScoreDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(RUBRIC_CRITERIA.maxItems)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores!: CriterionScoreDto[];

  @ApiProperty() @trim @IsString() @MaxLength(REVIEW_OVERALL_COMMENT.maxLength) overallComment!: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['approved', 'declined'] }) @IsIn(['approved', 'declined']) outcome!: 'approved' | 'declined';
  @ApiPropertyOptional({ description: 'Integer cents, at most the amount requested; approvals only' }) @IsOptional() @IsInt() @Min(1) approvedCents?: number;
  @ApiPropertyOptional() @IsOptional() @trim @IsString() @MaxLength(DECISION_TEXT.maxLength) conditions?: string;
  @ApiProperty({ description: 'Why; always recorded' }) @trim @IsString() @MinLength(DECISION_RATIONALE.minLength, { message: 'rationale must not be empty' }) @MaxLength(DECISION_RATIONALE.maxLength) rationale!: string;
  @ApiPropertyOptional({ description: 'Required to approve below or decline above the funding line' }) @IsOptional() @trim @IsString() @MaxLength(DECISION_TEXT.maxLength) overrideReason?: string;
  @ApiPropertyOptional({ description: 'Shared with the organization in a decline letter; the rationale stays internal' }) @IsOptional() @trim @IsString() @MaxLength(DECISION_TEXT.maxLength) feedback?: string;
}
