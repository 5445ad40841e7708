import { Body, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { FundSettingsService } from '@grants/calls';
import { formatMoney, NotFoundError } from '@grants/core';
import { Actor, StaffAccount, UserService } from '@grants/identity';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { PageContext } from '../page-context';
import { noticeOf, Page, PageController, PageCtx, PageResult, redirectTo, submitForm, view } from '../pipeline';
import { FormBody } from '../web-request';
import { AccessAction, accessActionOf, accountPage, confirmAccessPage, fundsPage, newStaffPage, staffListPage, staffProblemMessage, thresholdProblemMessage } from './admin.pages';
import { readThreshold, thresholdField } from './fund-form';
import { readStaffForm, staffFormProblems, toStaffInput } from './staff-form';

const ACCOUNTS_PER_PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCOUNT_NOTICES = { disabled: 'admin.notice.disabled', enabled: 'admin.notice.enabled', roleRemoved: 'admin.notice.roleRemoved', panelRemoved: 'admin.notice.panelRemoved' } as const;

/**
 * The administrator's staff accounts: who has which role and panel, and creating an account (UserService.createStaff);
 * and the funds' payment controls (FundSettingsService).
 */
@PageController()
export class AdminWebController {
  constructor(
    private readonly users: UserService,
    private readonly fundSettings: FundSettingsService,
  ) {}

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
      refusals: { CANNOT_CHANGE_SELF: { field: 'email', message: page.t('admin.error.cannotChangeSelf') } },
      done: (created) => redirectTo(`/admin/staff?notice=${created.created ? 'invited' : 'updated'}&account=${created.id}`),
      again: (errors) => newStaffPage(page, { values, errors }),
    });
  }

  @Get('admin/staff/:id')
  @Page('admin')
  async account(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return view(accountPage(page, await this.users.managedAccount(actor, id), noticeOf(ACCOUNT_NOTICES, notice)));
  }

  /** Disabling, enabling and removing a role or a panel each ask first, saying what follows. */
  @Get('admin/staff/:id/confirm')
  @Page('admin')
  async confirm(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('action') action: string | undefined,
    @Query('value') value: string | undefined,
    @PageCtx() page: PageContext,
  ): Promise<PageResult> {
    const chosen = accessActionOf(action, value);
    if (!chosen) throw new NotFoundError('Action');
    return view(confirmAccessPage(page, await this.users.managedAccount(actor, id), chosen));
  }

  @Post('admin/staff/:id/disable')
  @Page('admin', { back: '/admin/staff/:id' })
  disable(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.change(actor, page, id, { kind: 'disable' }, () => this.users.disable(actor, id), 'disabled');
  }

  @Post('admin/staff/:id/enable')
  @Page('admin', { back: '/admin/staff/:id' })
  enable(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.change(actor, page, id, { kind: 'enable' }, () => this.users.enable(actor, id), 'enabled');
  }

  @Post('admin/staff/:id/roles/:role/remove')
  @Page('admin', { back: '/admin/staff/:id' })
  removeRole(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('role') role: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const action = accessActionOf('role', role);
    if (action?.kind !== 'role') throw new NotFoundError('Role');
    return this.change(actor, page, id, action, () => this.users.removeRole(actor, id, action.role), 'roleRemoved');
  }

  @Post('admin/staff/:id/panels/:panel/remove')
  @Page('admin', { back: '/admin/staff/:id' })
  removePanel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('panel') panel: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const action = accessActionOf('panel', panel);
    if (action?.kind !== 'panel') throw new NotFoundError('Panel');
    return this.change(actor, page, id, action, () => this.users.removePanel(actor, id, action.panel), 'panelRemoved');
  }

  @Get('admin/funds')
  @Page('admin')
  async funds(@CurrentActor() actor: Actor, @Query('notice') notice: string | undefined, @Query('fund') fundId: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const funds = await this.fundSettings.paymentControls(actor);
    const changed = notice === 'changed' ? funds.find((fund) => fund.fundId === fundId) : undefined;
    const text = changed ? page.t('admin.funds.notice', { fund: changed.name[page.locale], amount: formatMoney(page.locale, changed.secondApprovalThresholdCents) }) : null;
    return view(fundsPage(page, { funds, notice: text }));
  }

  @Post('admin/funds/:id')
  @Page('admin', { back: '/admin/funds' })
  async setThreshold(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const funds = await this.fundSettings.paymentControls(actor);
    const fund = funds.find((each) => each.fundId === id);
    if (!fund) throw new NotFoundError('Fund');
    const reading = readThreshold(body, id);
    const typed = { fundId: id, value: reading.typed };
    return submitForm({
      problems: reading.problem ? [thresholdProblemMessage(page, fund, reading.problem)] : [],
      run: () => this.fundSettings.setSecondApprovalThreshold(actor, id, reading.cents!),
      refusals: { THRESHOLD_OUT_OF_RANGE: { field: thresholdField(id), message: thresholdProblemMessage(page, fund, 'range').message } },
      done: () => redirectTo(`/admin/funds?notice=changed&fund=${id}`),
      again: (errors) => fundsPage(page, { funds, typed, errors }),
    });
  }

  /** A change of access, back to the account with its notice; a refusal shows on the confirmation page again. */
  private change(actor: Actor, page: PageContext, id: string, action: AccessAction, run: () => Promise<StaffAccount>, notice: keyof typeof ACCOUNT_NOTICES): Promise<PageResult> {
    return submitForm({
      run,
      refusals: { CANNOT_DISABLE_SELF: { field: 'confirm', message: page.t('admin.error.cannotDisableSelf') }, CANNOT_CHANGE_SELF: { field: 'confirm', message: page.t('admin.error.cannotChangeSelf') }, LAST_ADMIN: { field: 'confirm', message: page.t('admin.error.lastAdmin') } },
      done: () => redirectTo(`/admin/staff/${id}?notice=${notice}`),
      again: async (errors) => confirmAccessPage(page, await this.users.managedAccount(actor, id), action, errors),
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
