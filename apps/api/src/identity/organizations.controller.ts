import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Actor, DataSharingAgreement, DataSharingService, Organization, OrganizationService } from '@grants/identity';
import { Response } from 'express';
import { CurrentActor } from '../http/auth/auth.decorators';
import { expectedVersion, refuseNulls } from '../http/version';
import { AcceptDataSharingDto, AggregateConsentDto } from './data-sharing.dto';
import { CreateOrganizationDto, InviteMemberDto, UpdateOrganizationDto } from './identity.dto';
import { InvitationDto, MembersDto, OrganizationDto } from './identity.responses';

@ApiTags('Organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly dataSharing: DataSharingService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: OrganizationDto, description: 'The caller becomes its owner' })
  @ApiForbiddenResponse({ description: 'EMAIL_NOT_VERIFIED: the caller has not confirmed their own address' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(actor, { ...body, operatingName: body.operatingName ?? null, registrationNumber: body.registrationNumber ?? null });
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganizationDto })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) response: Response): Promise<OrganizationDto> {
    return withEtag(response, await this.organizations.get(actor, id));
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version you read, e.g. "3" (or send `version` in the body)' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiConflictResponse({ description: 'STALE_VERSION: someone changed it since you read it' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateOrganizationDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrganizationDto> {
    refuseNulls(body, ['legalName', 'type', 'region', 'address', 'indigenousLed', 'preferredLanguage', 'contacts']);
    const { version, ...changes } = body;
    return withEtag(response, await this.organizations.update(actor, id, expectedVersion(ifMatch, version), changes));
  }

  @Get(':id/members')
  @ApiOkResponse({ type: MembersDto })
  members(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<MembersDto> {
    return this.organizations.members(actor, id);
  }

  @Post(':id/members')
  @ApiCreatedResponse({ type: InvitationDto, description: 'The address is emailed an invitation; it joins once it accepts' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not an owner; EMAIL_NOT_VERIFIED: the inviter has not confirmed their own address' })
  @ApiTooManyRequestsResponse({ description: 'INVITATION_LIMIT: the organization sent its invitations for the day; details {limit, retryAt}' })
  invite(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: InviteMemberDto): Promise<InvitationDto> {
    return this.organizations.invite(actor, id, body.email, body.role);
  }

  @Delete(':id/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'An owner removed the member, or the caller left (their own user id); they are emailed and lose access at once' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: only owners remove someone else' })
  @ApiConflictResponse({ description: 'LAST_OWNER: the organization would be left without an owner' })
  async removeMember(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    await this.organizations.removeMember(actor, id, userId);
  }

  @Delete(':id/invitations/:invitationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The invitation is revoked: its link no longer works' })
  @ApiNotFoundResponse({ description: 'No open invitation of this organization has this id (accepted, expired or revoked already)' })
  async revokeInvitation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('invitationId', ParseUUIDPipe) invitationId: string): Promise<void> {
    await this.organizations.revokeInvitation(actor, id, invitationId);
  }

  @Get(':id/data-sharing-agreement')
  @ApiOkResponse({ description: 'The data-sharing agreement (OCAP®) asked of an Indigenous-led organization before its first ILIF submission: the version asked for, its clauses in both languages, its acceptance, every version accepted. Members and officers' })
  dataSharingAgreement(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<DataSharingAgreement> {
    return this.dataSharing.get(actor, id);
  }

  @Post(':id/data-sharing-agreement/accept')
  @HttpCode(HttpStatus.OK)
  @ApiForbiddenResponse({ description: 'NOT_SIGNING_AUTHORITY: only a member named in the profile as a contact with signing authority accepts it' })
  @ApiConflictResponse({ description: 'STALE_VERSION (details.currentVersion), ALREADY_ACCEPTED' })
  acceptDataSharing(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AcceptDataSharingDto): Promise<DataSharingAgreement> {
    return this.dataSharing.accept(actor, id, { version: body.version, name: body.name, title: body.title });
  }

  @Put(':id/aggregate-consent')
  @ApiOkResponse({ description: 'The agreement with the consent as chosen. Without consent, an Indigenous-led organization’s figures are left out of the office’s aggregate reports and dashboards' })
  @ApiForbiddenResponse({ description: 'NOT_OWNER: an owner chooses' })
  aggregateConsent(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: AggregateConsentDto): Promise<DataSharingAgreement> {
    return this.dataSharing.setAggregateConsent(actor, id, body.consent);
  }
}

function withEtag(response: Response, organization: Organization): Organization {
  response.setHeader('ETag', `"${organization.version}"`);
  return organization;
}
