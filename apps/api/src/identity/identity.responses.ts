import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCALES, MEMBER_ROLES, ORGANIZATION_TYPES, PANELS, REGIONS, ROLES } from '@grants/identity';
import { AddressDto, OrganizationContactDto } from './identity.dto';

export class RegisteredDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
}

class SignedInUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
}

export class LoginResponseDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ type: SignedInUserDto }) user!: SignedInUserDto;
}

class MembershipDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: string;
  @ApiProperty({ enum: REGIONS }) region!: string;
}

class PendingInvitationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: string;
  @ApiProperty() expiresAt!: Date;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LOCALES }) locale!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ enum: PANELS, isArray: true }) panels!: string[];
  @ApiProperty({ type: MembershipDto, isArray: true }) organizations!: MembershipDto[];
  @ApiProperty({ type: PendingInvitationDto, isArray: true, description: 'Invitations waiting for this address' })
  invitations!: PendingInvitationDto[];
}

export class StaffCreatedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
}

export class ProfileProblemDto {
  @ApiProperty({ enum: ['BUSINESS_NUMBER_MISSING', 'CONTACTS_MISSING', 'SIGNING_AUTHORITY_MISSING', 'SIGNING_AUTHORITY_NOT_MEMBER'] }) code!: string;
  @ApiPropertyOptional({ description: 'CONTACTS_MISSING: how many the profile has' }) contacts?: number;
  @ApiPropertyOptional({ description: 'SIGNING_AUTHORITY_NOT_MEMBER: who to invite' }) name?: string;
  @ApiPropertyOptional() email?: string;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() legalName!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) operatingName!: string | null;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) registrationNumber!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '123456782RR0001' }) businessNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) noBusinessNumberReason!: string | null;
  @ApiProperty({ type: OrganizationContactDto, isArray: true }) contacts!: OrganizationContactDto[];
  @ApiProperty({ type: ProfileProblemDto, isArray: true, description: 'What the profile lacks before the organization can submit; empty when complete' }) profileProblems!: ProfileProblemDto[];
  @ApiProperty({ enum: REGIONS }) region!: string;
  @ApiProperty({ type: AddressDto }) address!: AddressDto;
  @ApiProperty() indigenousLed!: boolean;
  @ApiProperty({ enum: LOCALES }) preferredLanguage!: string;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: string;
  @ApiProperty({ enum: ['pending'] }) status!: 'pending';
  @ApiProperty() expiresAt!: Date;
}

class MemberDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: string;
  @ApiProperty() since!: Date;
}

class OpenInvitationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: string;
  @ApiProperty() expiresAt!: Date;
}

export class MembersDto {
  @ApiProperty({ type: MemberDto, isArray: true }) members!: MemberDto[];
  @ApiProperty({ type: OpenInvitationDto, isArray: true }) invitations!: OpenInvitationDto[];
}

export class AcceptedInvitationDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: string;
}

export class StaffAccountDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ enum: PANELS, isArray: true }) panels!: string[];
  @ApiProperty({ description: 'Invited, and the invitation’s link not used yet: no password set' }) invitationPending!: boolean;
  @ApiProperty({ nullable: true, type: Date, description: 'When an administrator disabled the account; null while it may sign in' }) disabledAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class StaffAccountPageDto {
  @ApiProperty({ type: StaffAccountDto, isArray: true, description: 'Newest first' }) items!: StaffAccountDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
