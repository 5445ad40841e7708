import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { LOCALES, Locale, MEMBER_ROLES, MemberRole, ORGANIZATION_TYPES, OrganizationType, PANELS, Panel, REGIONS, Region, STAFF_ROLES, StaffRole } from '@grants/identity';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** class-validator's IsEmail, minus quoted local parts ("a b"@x.org) that no one uses and the database refuses. */
function IsEmailAddress(): PropertyDecorator {
  return applyDecorators(IsEmail({}, { message: 'email must be an email address' }), Matches(/^[^@\s"]+@[^@\s"]+$/, { message: 'email must be an email address' }));
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
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 12, example: 'a long passphrase' })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters long' })
  @MaxLength(256)
  password!: string;

  @ApiProperty({ example: 'Amélie Côté' })
  @trim
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: LOCALES })
  @IsIn(LOCALES)
  locale!: Locale;
}

export class TokenDto {
  @ApiProperty()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  token!: string;
}

export class EmailDto {
  @ApiProperty()
  @trim
  @IsEmailAddress()
  @MaxLength(254)
  email!: string;
}

export class LoginDto extends EmailDto {
  @ApiProperty()
  @IsString()
  @MaxLength(256)
  password!: string;
}

export class PasswordResetConfirmDto extends TokenDto {
  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters long' })
  @MaxLength(256)
  password!: string;
}

export class CreateStaffDto {
  @ApiProperty()
  @trim
  @IsEmailAddress()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @trim
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(3)
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
  @MinLength(1)
  @MaxLength(200)
  line1!: string;

  @ApiProperty({ example: 'Ottawa' })
  @trim
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city!: string;

  @ApiProperty({ example: 'K1N 5M1' })
  @postalCode
  @IsString()
  @Matches(/^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$/, { message: 'postalCode must be a Canadian postal code such as K1N 5M1' })
  postalCode!: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Services communautaires Nouvelle Voie' })
  @trim
  @IsString()
  @MinLength(1, { message: 'legalName must not be empty' })
  @MaxLength(200)
  legalName!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @trim
  @IsString()
  @MaxLength(200)
  operatingName?: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  @IsIn(ORGANIZATION_TYPES)
  type!: OrganizationType;

  @ApiPropertyOptional({ example: '123456789RR0001' })
  @IsOptional()
  @trim
  @IsString()
  @MaxLength(50)
  registrationNumber?: string;

  @ApiProperty({ enum: REGIONS })
  @IsIn(REGIONS)
  region!: Region;

  @ApiProperty({ type: AddressDto })
  @ValidateNested()
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
  version?: number;
}

export class InviteMemberDto {
  @ApiProperty()
  @trim
  @IsEmailAddress()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;
}
