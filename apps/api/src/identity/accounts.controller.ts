import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page } from '@grants/core';
import { Actor, OrganizationService, StaffAccount, UserService } from '@grants/identity';
import { CurrentActor, Roles } from '../http/auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import { CreateStaffDto, UserPanelParamsDto, UserRoleParamsDto } from './identity.dto';
import { AcceptedInvitationDto, MeDto, StaffAccountDto, StaffAccountPageDto, StaffCreatedDto } from './identity.responses';

@ApiTags('Accounts')
@ApiBearerAuth()
@Controller()
export class AccountsController {
  constructor(
    private readonly users: UserService,
    private readonly organizations: OrganizationService,
  ) {}

  @Get('me')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.users.profile(actor);
  }

  @Post('users')
  @Roles('admin')
  @ApiCreatedResponse({ type: StaffCreatedDto, description: 'A new account gets an invitation email; an existing one gains the roles' })
  async createStaff(@CurrentActor() actor: Actor, @Body() body: CreateStaffDto): Promise<StaffCreatedDto> {
    const { id, email, roles } = await this.users.createStaff(actor, { ...body, panels: body.panels ?? [], locale: body.locale ?? 'en' });
    return { id, email, roles };
  }

  @Get('users')
  @Roles('admin')
  @ApiOkResponse({ type: StaffAccountPageDto, description: 'Accounts with a staff role (reviewer, officer, admin), newest first' })
  listStaff(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<StaffAccount>> {
    return this.users.listStaff(actor, query);
  }

  @Get('users/:id')
  @Roles('admin')
  @ApiOkResponse({ type: StaffAccountDto })
  @ApiNotFoundResponse({ description: 'No staff account has this identifier' })
  staffAccount(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StaffAccount> {
    return this.users.staffAccount(actor, id);
  }

  @Post('users/:id/disable')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StaffAccountDto, description: 'Every session of the account ends at once; its unsubmitted reviews go to other reviewers' })
  @ApiConflictResponse({ description: 'CANNOT_DISABLE_SELF, or LAST_ADMIN: the only enabled administrator' })
  @ApiNotFoundResponse({ description: 'No account has this identifier' })
  disable(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StaffAccount> {
    return this.users.disable(actor, id);
  }

  @Post('users/:id/enable')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StaffAccountDto, description: 'The account may sign in again, with the roles and panels it had' })
  @ApiNotFoundResponse({ description: 'No account has this identifier' })
  enable(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StaffAccount> {
    return this.users.enable(actor, id);
  }

  @Delete('users/:id/roles/:role')
  @Roles('admin')
  @ApiOkResponse({ type: StaffAccountDto, description: 'The role ends at once; open reviews that no longer fit go to other reviewers' })
  @ApiConflictResponse({ description: 'LAST_ADMIN: the administrator role of the only enabled administrator' })
  @ApiNotFoundResponse({ description: 'No account has this identifier' })
  removeRole(@CurrentActor() actor: Actor, @Param() params: UserRoleParamsDto): Promise<StaffAccount> {
    return this.users.removeRole(actor, params.id, params.role);
  }

  @Delete('users/:id/panels/:panel')
  @Roles('admin')
  @ApiOkResponse({ type: StaffAccountDto, description: 'The panel’s open reviews go to other panelists, and automatic assignment stops choosing the person for it' })
  @ApiNotFoundResponse({ description: 'No account has this identifier' })
  removePanel(@CurrentActor() actor: Actor, @Param() params: UserPanelParamsDto): Promise<StaffAccount> {
    return this.users.removePanel(actor, params.id, params.panel);
  }

  @Post('invitations/:id/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AcceptedInvitationDto })
  @ApiNotFoundResponse({ description: 'No open invitation for the address you signed in with' })
  acceptInvitation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AcceptedInvitationDto> {
    return this.organizations.acceptInvitation(actor, id);
  }
}
