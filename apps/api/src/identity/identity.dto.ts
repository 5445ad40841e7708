import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ADDRESS_CITY,
  ADDRESS_LINE1,
  BUSINESS_NUMBER_PROBLEMS,
  CONTACT_TITLE,
  EMAIL,
  EMAILED_TOKEN,
  LOCALES,
  Locale,
  MEMBER_ROLES,
  MAX_CONTACTS,
  MemberRole,
  NO_BUSINESS_NUMBER_REASON,
  ORGANIZATION_LEGAL_NAME,
  ORGANIZATION_OPERATING_NAME,
  ORGANIZATION_REGISTRATION_NUMBER,
  ORGANIZATION_TYPES,
  OrganizationType,
  PANELS,
  Panel,
  parseBusinessNumber,
  PASSWORD,
  PERSON_NAME,
  PHONE,
  POSTAL_CODE,
  REGIONS,
  Region,
  STAFF_ROLES,
  StaffRole,
} from '@grants/identity';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { MAX_VERSION } from '../http/version';

/** class-validator's IsEmail, minus quoted local parts ("a b"@x.org) that no one uses and the database refuses. */
function IsEmailAddress(): PropertyDecorator {
  return applyDecorators(IsEmail({}, { message: 'email must be an email address' }), Matches(EMAIL.pattern, { message: 'email must be an email address' }));
}

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
/** Canadian postal code, stored as "A1A 1A1" whatever spacing and case were typed. */
const postalCode = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase().replace(/^(.{3})(.+)$/, '$1 $2') : value,
);

export class RegisterDto {
  @ApiProperty({ example: 'amelie@example.org' })
  @trim
  @IsEmailAddress()
  @MaxLength(EMAIL.maxLength)
  email!: string;

  @ApiProperty({ minLength: PASSWORD.minLength, example: 'a long passphrase' })
  @IsString()
  @MinLength(PASSWORD.minLength, { message: `password must be at least ${PASSWORD.minLength} characters long` })
  @MaxLength(PASSWORD.maxLength)
  password!: string;

  @ApiProperty({ example: 'Amélie Côté' })
  @trim
  @IsString()
  @MinLength(PERSON_NAME.minLength, { message: 'name must not be empty' })
  @MaxLength(PERSON_NAME.maxLength)
  name!: string;

  @ApiProperty({ enum: LOCALES })
  @IsIn(LOCALES)
  locale!: Locale;
}

export class TokenDto {
  @ApiProperty()
  @IsString()
  @MinLength(EMAILED_TOKEN.minLength)
  @MaxLength(EMAILED_TOKEN.maxLength)
  token!: string;
}

export class EmailDto {
  @ApiProperty()
  @trim
  @IsEmailAddress()
  @MaxLength(EMAIL.maxLength)
  email!: string;
}

export class LoginDto extends EmailDto {
  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD.maxLength)
  password!: string;
}

export class PasswordResetConfirmDto extends TokenDto {
  @ApiProperty({ minLength: PASSWORD.minLength })
  @IsString()
  @MinLength(PASSWORD.minLength, { message: `password must be at least ${PASSWORD.minLength} characters long` })
  @MaxLength(PASSWORD.maxLength)
  password!: string;
}

export class CreateStaffDto {
  @ApiProperty()
  @trim
  @IsEmailAddress()
  @MaxLength(EMAIL.maxLength)
  email!: string;

  @ApiProperty()
  @trim
  @IsString()
  @MinLength(PERSON_NAME.minLength)
  @MaxLength(PERSON_NAME.maxLength)
  name!: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(STAFF_ROLES.length)
  @IsIn(STAFF_ROLES, { each: true })
  roles!: StaffRole[];

  @ApiPropertyOptional({ enum: PANELS, isArray: true, description: 'ILIF: the Indigenous review panel' })
  @IsOptional()
  @IsArray()
  @IsIn(PANELS, { each: true })
  panels?: Panel[];

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of the invitation and later emails; English by default' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class AddressDto {
  @ApiProperty({ example: '215, rue Principale' })
  @trim
  @IsString()
  @MinLength(ADDRESS_LINE1.minLength)
  @MaxLength(ADDRESS_LINE1.maxLength)
  line1!: string;

  @ApiProperty({ example: 'Ottawa' })
  @trim
  @IsString()
  @MinLength(ADDRESS_CITY.minLength)
  @MaxLength(ADDRESS_CITY.maxLength)
  city!: string;

  @ApiProperty({ example: 'K1N 5M1' })
  @postalCode
  @IsString()
  @Matches(POSTAL_CODE.pattern, { message: 'postalCode must be a Canadian postal code such as K1N 5M1' })
  postalCode!: string;
}

/** A CRA Business Number as typed; the refusal says what is wrong with it. */
function IsBusinessNumber(): PropertyDecorator {
  return ValidateBy({
    name: 'isBusinessNumber',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && 'value' in parseBusinessNumber(value),
      defaultMessage: (args) => {
        const parsed = typeof args?.value === 'string' ? parseBusinessNumber(args.value) : { problem: 'FORMAT' as const };
        return `businessNumber is not a CRA Business Number: ${'problem' in parsed ? BUSINESS_NUMBER_PROBLEMS[parsed.problem] : ''}`;
      },
    },
  });
}

export class OrganizationContactDto {
  @ApiProperty({ example: 'Marie Tremblay' })
  @trim
  @IsString()
  @MinLength(PERSON_NAME.minLength, { message: 'name must not be empty' })
  @MaxLength(PERSON_NAME.maxLength)
  name!: string;

  @ApiProperty({ example: 'Directrice générale' })
  @trim
  @IsString()
  @MinLength(CONTACT_TITLE.minLength, { message: 'title must not be empty' })
  @MaxLength(CONTACT_TITLE.maxLength)
  title!: string;

  @ApiProperty({ description: 'A contact with signing authority must also be a member (same address) before the organization can submit' })
  @trim
  @IsEmailAddress()
  @MaxLength(EMAIL.maxLength)
  email!: string;

  @ApiProperty({ example: '613-555-0134' })
  @trim
  @IsString()
  @MaxLength(PHONE.maxLength)
  @Matches(PHONE.pattern, { message: 'phone must be a North American phone number such as 613-555-0134, with an optional extension' })
  phone!: string;

  @ApiProperty({ description: 'Binds the organization: signs its transfer payment agreements' })
  @IsBoolean()
  signingAuthority!: boolean;
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Services communautaires Nouvelle Voie' })
  @trim
  @IsString()
  @MinLength(ORGANIZATION_LEGAL_NAME.minLength, { message: 'legalName must not be empty' })
  @MaxLength(ORGANIZATION_LEGAL_NAME.maxLength)
  legalName!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @trim
  @IsString()
  @MaxLength(ORGANIZATION_OPERATING_NAME.maxLength)
  operatingName?: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  @IsIn(ORGANIZATION_TYPES)
  type!: OrganizationType;

  @ApiPropertyOptional({ example: '123456789RR0001' })
  @IsOptional()
  @trim
  @IsString()
  @MaxLength(ORGANIZATION_REGISTRATION_NUMBER.maxLength)
  registrationNumber?: string;

  @ApiPropertyOptional({ example: '123456782RR0001', nullable: true, description: 'The CRA Business Number: nine digits with their check digit, and an optional program account; spaces and hyphens allowed. Setting it clears noBusinessNumberReason' })
  @IsOptional()
  @trim
  @IsBusinessNumber()
  businessNumber?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Why the organization has no Business Number; setting it clears businessNumber' })
  @IsOptional()
  @trim
  @IsString()
  @MinLength(NO_BUSINESS_NUMBER_REASON.minLength, { message: 'noBusinessNumberReason must not be empty' })
  @MaxLength(NO_BUSINESS_NUMBER_REASON.maxLength)
  noBusinessNumberReason?: string | null;

  @ApiPropertyOptional({ type: OrganizationContactDto, isArray: true, description: `At least two before a submission, at most ${MAX_CONTACTS}; a change replaces the whole list` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CONTACTS)
  @ValidateNested({ each: true })
  @Type(() => OrganizationContactDto)
  contacts?: OrganizationContactDto[];

  @ApiProperty({ enum: REGIONS })
  @IsIn(REGIONS)
  region!: Region;

  @ApiProperty({ type: AddressDto })
  @IsObject() @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ApiProperty()
  @IsBoolean()
  indigenousLed!: boolean;

  @ApiProperty({ enum: LOCALES, description: 'Language of every email and letter to the organization' })
  @IsIn(LOCALES)
  preferredLanguage!: Locale;
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {
  @ApiPropertyOptional({ description: 'The version you read; or send it as If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version?: number;
}

export class InviteMemberDto {
  @ApiProperty()
  @trim
  @IsEmailAddress()
  @MaxLength(EMAIL.maxLength)
  email!: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;
}

export class UserRoleParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;
}

export class UserPanelParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ enum: PANELS })
  @IsIn(PANELS)
  panel!: Panel;
}
