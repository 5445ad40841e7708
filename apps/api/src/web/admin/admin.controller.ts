import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Actor, UserService } from '@grants/identity';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { OptionalActor, Public } from '../../http/auth/auth.decorators';
import { PageContext, pageContext } from '../page-context';
import { FormBody, hasPageRole, PageRequest, signInFirst } from '../web-request';
import { newStaffPage, staffListPage, staffProblemMessage } from './admin.pages';
import { readStaffForm, staffFormProblems, toStaffInput } from './staff-form';

const ACCOUNTS_PER_PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The administrator's staff accounts: who has which role and panel, and creating an account (UserService.createStaff). */
@ApiExcludeController()
@Public()
@Controller()
export class AdminWebController {
  constructor(
    private readonly users: UserService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('admin/staff')
  async list(
    @OptionalActor() actor: Actor | null,
    @Query('cursor') cursor: string | undefined,
    @Query('notice') notice: string | undefined,
    @Query('account') accountId: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'admin')) return signInFirst(request, response);
    const page = pageContext(request, response);
    const accounts = await this.users.listStaff(actor, { limit: ACCOUNTS_PER_PAGE, cursor: cursor || undefined });
    response.type('html').send(staffListPage(page, { accounts: accounts.items, nextCursor: accounts.nextCursor, notice: await this.noticeText(page, notice, accountId) }));
  }

  @Get('admin/staff/new')
  form(@OptionalActor() actor: Actor | null, @Req() request: PageRequest, @Res() response: Response): void {
    if (!hasPageRole(actor, 'admin')) return signInFirst(request, response);
    const page = pageContext(request, response);
    response.type('html').send(newStaffPage(page, { values: { name: '', email: '', roles: [], panels: [], locale: page.locale }, errors: [] }));
  }

  @Post('admin/staff/new')
  async create(@OptionalActor() actor: Actor | null, @Body() body: FormBody, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'admin')) return signInFirst(request, response, '/admin/staff/new');
    const page = { ...pageContext(request, response), path: '/admin/staff/new' };
    const values = readStaffForm(body);
    const problems = staffFormProblems(values);
    if (problems.length > 0) {
      const errors = problems.map((problem) => staffProblemMessage(page, problem));
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(newStaffPage(page, { values, errors }));
      return;
    }
    const created = await this.users.createStaff(actor, toStaffInput(values));
    response.redirect(HttpStatus.SEE_OTHER, `/admin/staff?notice=${created.created ? 'invited' : 'updated'}&account=${created.id}`);
  }

  /** The notice after creating an account names its address, read here rather than carried in the address bar. */
  private async noticeText(page: PageContext, notice: string | undefined, accountId: string | undefined): Promise<string | null> {
    if ((notice !== 'invited' && notice !== 'updated') || !accountId || !UUID.test(accountId)) return null;
    const [account] = (await this.dataSource.query(`SELECT email FROM user_account WHERE id = $1`, [accountId])) as Array<{ email: string }>;
    if (!account) return null;
    return page.t(notice === 'invited' ? 'admin.notice.invited' : 'admin.notice.updated', { email: account.email });
  }
}
