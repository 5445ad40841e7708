import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  CALL_KEY,
  CALL_LABEL,
  CALL_TEXT,
  CRITERION_DESCRIPTORS,
  DISAGREEMENT_THRESHOLD,
  FORM_SECTIONS,
  HOLDBACK_PERCENT,
  OUTCOME_MEASURES,
  QUESTION_OPTIONS,
  QUESTION_TYPES,
  QuestionType,
  REQUIRED_ATTACHMENTS,
  RUBRIC_CRITERIA,
  SECTION_QUESTIONS,
} from '@grants/calls';
import { ORGANIZATION_TYPES, OrganizationType, REGIONS, Region } from '@grants/identity';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../http/instant';
import { MAX_VERSION } from '../http/version';

/** Text in both official languages; both are needed to publish, either may be empty while drafting. */
export class LocalizedTextDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(CALL_TEXT.maxLength) en?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(CALL_TEXT.maxLength) fr?: string;
}

export class LabelDto {
  @ApiProperty() @IsString() @MaxLength(CALL_LABEL.maxLength) en!: string;
  @ApiProperty() @IsString() @MaxLength(CALL_LABEL.maxLength) fr!: string;
}

export class OptionDto {
  @ApiProperty() @IsString() @MaxLength(CALL_KEY.maxLength) value!: string;
  @ApiProperty({ type: LabelDto }) @IsObject() @ValidateNested() @Type(() => LabelDto) label!: LabelDto;
}

export class QuestionDto {
  @ApiProperty() @IsString() @MaxLength(CALL_KEY.maxLength) key!: string;
  @ApiProperty({ enum: QUESTION_TYPES }) @IsIn(QUESTION_TYPES) type!: QuestionType;
  @ApiProperty({ type: LabelDto }) @IsObject() @ValidateNested() @Type(() => LabelDto) label!: LabelDto;
  @ApiProperty() @IsBoolean() required!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() maxLength?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() min?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() max?: number;
  @ApiPropertyOptional({ type: OptionDto, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(QUESTION_OPTIONS.maxItems)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @Type(() => OptionDto)
  options?: OptionDto[];
}

class SectionDto {
  @ApiProperty() @IsString() @MaxLength(CALL_KEY.maxLength) key!: string;
  @ApiProperty({ type: LabelDto }) @IsObject() @ValidateNested() @Type(() => LabelDto) title!: LabelDto;
  @ApiProperty({ type: QuestionDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(SECTION_QUESTIONS.maxItems)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions!: QuestionDto[];
}

class FormDto {
  @ApiProperty({ type: SectionDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(FORM_SECTIONS.maxItems)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @Type(() => SectionDto)
  sections!: SectionDto[];
}

class ScoreDescriptorDto {
  @ApiProperty({ description: 'The lowest score of the band; it reaches up to the next descriptor’s minScore, the last one to maxScore', example: 4 }) @IsInt() minScore!: number;
  @ApiProperty({ type: LabelDto, description: 'What scores in the band mean' }) @IsObject() @ValidateNested() @Type(() => LabelDto) label!: LabelDto;
}

class CriterionDto {
  @ApiProperty() @IsString() @MaxLength(CALL_KEY.maxLength) key!: string;
  @ApiProperty({ type: LabelDto }) @IsObject() @ValidateNested() @Type(() => LabelDto) label!: LabelDto;
  @ApiProperty() @IsNumber() weight!: number;
  @ApiProperty() @IsInt() maxScore!: number;
  @ApiPropertyOptional({ type: ScoreDescriptorDto, isArray: true, description: 'What the scores mean, by band, in ascending order of minScore (from 0 to maxScore)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CRITERION_DESCRIPTORS.maxItems)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @Type(() => ScoreDescriptorDto)
  descriptors?: ScoreDescriptorDto[];
}

class RubricDto {
  @ApiProperty({ type: CriterionDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(RUBRIC_CRITERIA.maxItems)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];
}

class RequiredAttachmentDto {
  @ApiProperty() @IsString() @MaxLength(CALL_KEY.maxLength) key!: string;
  @ApiProperty({ type: LabelDto }) @IsObject() @ValidateNested() @Type(() => LabelDto) label!: LabelDto;
}

class OutcomeMeasureDto {
  @ApiProperty({ example: 'people_served' }) @IsString() @MaxLength(CALL_KEY.maxLength) key!: string;
  @ApiProperty({ type: LabelDto }) @IsObject() @ValidateNested() @Type(() => LabelDto) label!: LabelDto;
}

class EligibilityDto {
  @ApiProperty({ enum: ORGANIZATION_TYPES, isArray: true }) @IsArray() @IsIn(ORGANIZATION_TYPES, { each: true }) organizationTypes!: OrganizationType[];
  @ApiProperty({ enum: REGIONS, isArray: true, nullable: true, description: 'null: every region' })
  @IsOptional()
  @IsArray()
  @IsIn(REGIONS, { each: true })
  regions!: Region[] | null;
  @ApiProperty() @IsBoolean() indigenousLedRequired!: boolean;
}

export class CallTermsDto {
  @ApiPropertyOptional({ type: LocalizedTextDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto) title?: LocalizedTextDto;
  @ApiPropertyOptional({ type: LocalizedTextDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto) description?: LocalizedTextDto;
  @ApiPropertyOptional({ description: 'ISO 8601 instant with offset' }) @IsOptional() @IsInstant() opensAt?: Date;
  @ApiPropertyOptional({ description: 'ISO 8601 instant with offset; the server’s clock enforces it' }) @IsOptional() @IsInstant() closesAt?: Date;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) budgetEnvelopeCents?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) minRequestCents?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) maxRequestCents?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() maxDurationMonths?: number;
  @ApiPropertyOptional({ type: EligibilityDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => EligibilityDto) eligibility?: EligibilityDto;
  @ApiPropertyOptional({ type: FormDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => FormDto) form?: FormDto;
  @ApiPropertyOptional({ type: RequiredAttachmentDto, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REQUIRED_ATTACHMENTS.maxItems)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @Type(() => RequiredAttachmentDto)
  requiredAttachments?: RequiredAttachmentDto[];
  @ApiPropertyOptional({ type: RubricDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => RubricDto) rubric?: RubricDto;
  @ApiPropertyOptional() @IsOptional() @IsInt() reviewersPerApplication?: number;
  @ApiPropertyOptional({ description: 'When reviews are due (after closesAt); reviewers are reminded three days before' })
  @IsOptional()
  @IsInstant()
  reviewDueAt?: Date;
  @ApiPropertyOptional({ description: 'Reviews of one application spreading more than this many points (0–100) are flagged', default: 20 })
  @IsOptional()
  @IsNumber()
  @Min(DISAGREEMENT_THRESHOLD.min)
  @Max(DISAGREEMENT_THRESHOLD.max)
  disagreementThreshold?: number;
  @ApiPropertyOptional({ description: 'Percent of an award’s total kept from its last instalment until the final report is accepted: a whole number from 0 to 50', default: 10 })
  @IsOptional()
  @IsInt()
  @Min(HOLDBACK_PERCENT.min)
  @Max(HOLDBACK_PERCENT.max)
  holdbackPercent?: number;
  @ApiPropertyOptional({ type: OutcomeMeasureDto, isArray: true, description: 'What funded organizations report as counts (people served, staff trained): never personal information' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(OUTCOME_MEASURES.maxItems)
  @IsObject({ each: true }) @ValidateNested({ each: true })
  @Type(() => OutcomeMeasureDto)
  outcomeMeasures?: OutcomeMeasureDto[];
}

export class CreateCallDto extends CallTermsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() fundId!: string;
}

export class UpdateCallDto extends PartialType(CallTermsDto) {
  @ApiPropertyOptional({ description: 'The version you read; or send it as If-Match' }) @IsOptional() @IsInt() @Min(1) @Max(MAX_VERSION) version?: number;
}
