import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ADDRESS_CITY,
  ADDRESS_LINE1,
  EMAIL,
  EMAILED_TOKEN,
  LOCALES,
  Locale,
  MEMBER_ROLES,
  MemberRole,
  ORGANIZATION_LEGAL_NAME,
  ORGANIZATION_OPERATING_NAME,
  ORGANIZATION_REGISTRATION_NUMBER,
  ORGANIZATION_TYPES,
  OrganizationType,
  PANELS,
  Panel,
  PASSWORD,
  PERSON_NAME,
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
