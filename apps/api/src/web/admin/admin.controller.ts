import { Body, Get, Post, Query } from '@nestjs/common';
import { NotFoundError } from '@grants/core';
import { Actor, StaffAccount, UserService } from '@grants/identity';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { PageContext } from '../page-context';
import { Page, PageController, PageCtx, PageResult, redirectTo, submitForm, view } from '../pipeline';
import { FormBody } from '../web-request';
import { newStaffPage, staffListPage, staffProblemMessage } from './admin.pages';
import { readStaffForm, staffFormProblems, toStaffInput } from './staff-form';

const ACCOUNTS_PER_PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The administrator's staff accounts: who has which role and panel, and creating an account (UserService.createStaff). */
@PageController()
export class AdminWebController {
  constructor(private readonly users: UserService) {}

  @Get('admin/staff')
  @Page('admin')
  async list(
    @CurrentActor() actor: Actor,
    @Query('cursor') cursor: string | undefined,
    @Query('notice') notice: string | undefined,
    @Query('account') accountId: string | undefined,
    @PageCtx() page: PageContext,
  ): Promise<PageResult> {
    const accounts = await this.users.listStaff(actor, { limit: ACCOUNTS_PER_PAGE, cursor: cursor || undefined });
    return view(staffListPage(page, { accounts: accounts.items, nextCursor: accounts.nextCursor, notice: await this.noticeText(actor, page, notice, accountId) }));
  }

  @Get('admin/staff/new')
  @Page('admin')
  async form(@PageCtx() page: PageContext): Promise<PageResult> {
    const { values, restored } = await page.typedOr(readStaffForm, () => ({ name: '', email: '', roles: [], panels: [], locale: page.locale }));
    return view(newStaffPage(page, { values, errors: [], notice: restored ? 'form.restored' : null }));
  }

  @Post('admin/staff/new')
  @Page('admin', { keepTyped: true })
  create(@CurrentActor() actor: Actor, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const values = readStaffForm(body);
    return submitForm({
      problems: staffFormProblems(values).map((problem) => staffProblemMessage(page, problem)),
      run: () => this.users.createStaff(actor, toStaffInput(values)),
      done: (created) => redirectTo(`/admin/staff?notice=${created.created ? 'invited' : 'updated'}&account=${created.id}`),
      again: (errors) => newStaffPage(page, { values, errors }),
    });
  }

  /** The notice after creating an account names its address, read here rather than carried in the address bar. */
  private async noticeText(actor: Actor, page: PageContext, notice: string | undefined, accountId: string | undefined): Promise<string | null> {
    if ((notice !== 'invited' && notice !== 'updated') || !accountId || !UUID.test(accountId)) return null;
    const account = await this.users.staffAccount(actor, accountId).catch((error: unknown): StaffAccount | null => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (!account) return null;
    return page.t(notice === 'invited' ? 'admin.notice.invited' : 'admin.notice.updated', { email: account.email });
  }
}
