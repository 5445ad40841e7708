import { Body, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { PAYMENT_REFERENCE, RecoveryService } from '@grants/awards';
import { Actor, hasRole } from '@grants/identity';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { typedText } from '../forms/fields';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { noticeOf, Page, PageController, PageCtx, PageResult, Refusal, redirectTo, submitForm, view } from '../pipeline';
import { FieldError } from '../views/form';
import { field, FormBody } from '../web-request';
import { reconciliationPage, repaymentReferenceField } from './reconciliation.pages';

const NOTICES: Record<string, MessageKey> = { recorded: 'reconciliation.notice.recorded', offset: 'reconciliation.notice.offset', repaid: 'reconciliation.notice.repaid' };

/**
 * An award's year-end reconciliation: read by its organization's members, officers and approvers
 * (RecoveryService decides who), settled by officers: a year's surplus recorded as owed, kept from
 * the next payments, or recorded as repaid.
 */
@PageController()
export class ReconciliationWebController {
  constructor(private readonly recoveries: RecoveryService) {}

  @Get('awards/:id/reconciliation')
  @Page()
  async show(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return view(await this.html(page, actor, id, { values: {}, errors: [], notice: noticeOf(NOTICES, notice) }));
  }

  @Post('officer/awards/:id/reconciliation/recoveries')
  @Page('officer', { back: '/awards/:id/reconciliation' })
  record(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    return submitForm({
      run: () => this.recoveries.record(actor, id, field(body, 'fiscalYear')),
      refusals: refusals(page),
      done: () => redirectTo(`/awards/${id}/reconciliation?notice=recorded`),
      again: (errors) => this.html(page, actor, id, { values: {}, errors, notice: null }),
    });
  }

  @Post('officer/awards/:id/reconciliation/recoveries/:recoveryId/offset')
  @Page('officer', { back: '/awards/:id/reconciliation' })
  offset(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('recoveryId', ParseUUIDPipe) recoveryId: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return submitForm({
      run: () => this.recoveries.offset(actor, recoveryId, id),
      refusals: refusals(page),
      done: () => redirectTo(`/awards/${id}/reconciliation?notice=offset`),
      again: (errors) => this.html(page, actor, id, { values: {}, errors, notice: null }),
    });
  }

  @Post('officer/awards/:id/reconciliation/recoveries/:recoveryId/repayment')
  @Page('officer', { back: '/awards/:id/reconciliation', keepTyped: true })
  repayment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('recoveryId', ParseUUIDPipe) recoveryId: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const name = repaymentReferenceField(recoveryId);
    const reference = field(body, name).trim();
    const problem = reference === '' ? page.t('reconciliation.error.reference') : reference.length > PAYMENT_REFERENCE.maxLength ? page.t('reconciliation.error.referenceTooLong', { max: PAYMENT_REFERENCE.maxLength }) : null;
    return submitForm({
      problems: problem ? [{ field: name, message: problem }] : [],
      run: () => this.recoveries.repaid(actor, recoveryId, reference, id),
      refusals: refusals(page),
      done: () => redirectTo(`/awards/${id}/reconciliation?notice=repaid`),
      again: (errors) => this.html(page, actor, id, { values: { [name]: typedText(body[name]) }, errors, notice: null }),
    });
  }

  private async html(page: PageContext, actor: Actor, id: string, form: { values: Record<string, string>; errors: FieldError[]; notice: MessageKey | null }): Promise<string> {
    return reconciliationPage(page, { reconciliation: await this.recoveries.reconciliationOf(actor, id), canSettle: hasRole(actor, 'officer'), ...form });
  }
}

/** The service's refusals, said at the top of the page: the page shows where things stand now. */
function refusals(page: PageContext): Partial<Record<string, Refusal>> {
  const top = (key: MessageKey): FieldError => ({ field: 'years', message: page.t(key) });
  return {
    REPORT_NOT_ACCEPTED: top('reconciliation.error.reportNotAccepted'),
    NO_SURPLUS: top('reconciliation.error.noSurplus'),
    ALREADY_RECONCILED: top('reconciliation.error.alreadyReconciled'),
    NOTHING_TO_OFFSET: top('reconciliation.error.nothingToOffset'),
    RECOVERY_SETTLED: top('reconciliation.error.settled'),
    PAYMENTS_OUTSTANDING: top('reconciliation.error.paymentsOutstanding'),
    AMENDMENT_PENDING: top('reconciliation.error.amendmentPending'),
  };
}
