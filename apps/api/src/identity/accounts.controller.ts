import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page } from '@grants/core';
import { Actor, OrganizationService, StaffAccount, UserService } from '@grants/identity';
import { CurrentActor, Roles } from '../http/auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import { CreateStaffDto } from './identity.dto';
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

  @Post('invitations/:id/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AcceptedInvitationDto })
  @ApiNotFoundResponse({ description: 'No open invitation for the address you signed in with' })
  acceptInvitation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AcceptedInvitationDto> {
    return this.organizations.acceptInvitation(actor, id);
  }
}
