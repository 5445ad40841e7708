import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class AssignReviewerDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() reviewerId!: string;
}

export class ConflictDeclarationDto {
  @ApiProperty({ description: 'true recuses you; the application is given to another reviewer' }) @IsBoolean() conflict!: boolean;
  @ApiPropertyOptional() @IsOptional() @trim @IsString() @MaxLength(2000) explanation?: string;
}

class CriterionScoreDto {
  @ApiProperty() @IsString() @MaxLength(50) criterionKey!: string;
  @ApiProperty({ description: 'A whole number from 0 to the criterion’s maxScore' }) @IsNumber() score!: number;
  @ApiProperty() @trim @IsString() @MaxLength(5000) comment!: string;
}

export class ScoresDto {
  @ApiProperty({ type: CriterionScoreDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores!: CriterionScoreDto[];

  @ApiProperty() @trim @IsString() @MaxLength(10000) overallComment!: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['approved', 'declined'] }) @IsIn(['approved', 'declined']) outcome!: 'approved' | 'declined';
  @ApiPropertyOptional({ description: 'Integer cents, at most the amount requested; approvals only' }) @IsOptional() @IsInt() @Min(1) approvedCents?: number;
  @ApiPropertyOptional() @IsOptional() @trim @IsString() @MaxLength(5000) conditions?: string;
  @ApiProperty({ description: 'Why; always recorded' }) @trim @IsString() @MinLength(1, { message: 'rationale must not be empty' }) @MaxLength(5000) rationale!: string;
  @ApiPropertyOptional({ description: 'Required to approve below or decline above the funding line' }) @IsOptional() @trim @IsString() @MaxLength(5000) overrideReason?: string;
  @ApiPropertyOptional({ description: 'Shared with the organization in a decline letter; the rationale stays internal' }) @IsOptional() @trim @IsString() @MaxLength(5000) feedback?: string;
}
