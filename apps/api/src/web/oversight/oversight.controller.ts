import { Body, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { StaffIndependenceService } from '@grants/applications';
import { AgreementService, AuditApplication, AWARD_STATUSES, AwardHoldService, AwardService, AwardStatus, AuditTrailService, BulkApproval, DashboardService, isFiscalYear, PaymentService, RecoveryService, ReportService } from '@grants/awards';
import { FUND_CODES, FundCode } from '@grants/calls';
import { Actor } from '@grants/identity';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { agreementIfAny } from '../agreements/agreements.controller';
import { typedText } from '../forms/fields';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { noticeOf, Page, PageController, PageCtx, PageResult, redirectTo, streamed, submitForm, view } from '../pipeline';
import { HOLD_REASON_FIELD, holdReasonProblem, QUEUE_QUERIES, QueueTab, queueTabOf, selectedPayments } from '../payments/payment-forms';
import { holdReasonError, holdRefusals, noneSelectedError, paymentRequestRefusals, paymentsQueuePage } from '../payments/payments.pages';
import { FieldError } from '../views/form';
import { field, FormBody } from '../web-request';
import { dashboardPage } from './dashboard.pages';
import { AuditSection, auditPage, awardPage, awardsPage, paymentReferenceError, reportReviewError } from './oversight.pages';
import { AuditSearch, justificationField, paymentReferenceField, paymentReferenceProblem, readAuditSearch, readReportReview, reportReviewProblem, reviewCommentField } from './oversight-forms';

const AWARDS_PER_PAGE = 25;
const EVENTS_PER_PAGE = 50;
const PAYMENTS_PER_PAGE = 25;
const AWARD_NOTICES: Record<string, MessageKey> = {
  paid: 'oversight.notice.paid',
  requested: 'payment.notice.requested',
  held: 'hold.notice.placed',
  lifted: 'hold.notice.lifted',
  accepted: 'oversight.notice.reportAccepted',
  returned: 'oversight.notice.reportReturned',
};

/** The award page again, with a form as typed and what is wrong with it. */
interface AwardForm {
  values: Record<string, string>;
  errors: FieldError[];
  notice: MessageKey | null;
}

/**
 * The officer's follow-up of awards: the awards, one award's payments and reports (requesting and
 * recording a payment, holding the payments, accepting or sending back a report), the payments
 * queues that officers and approvers share (approving several at once, the finance file), and the
 * audit trail (exports: exports.controller.ts), of which administrators read the accounts' only. Every
 * read and change goes through AwardService, PaymentService, AwardHoldService, ReportService and
 * AuditTrailService, which check who may do what and record staff reads in the organization's access log.
 */
@PageController()
export class OversightWebController {
  constructor(
    private readonly awards: AwardService,
    private readonly reports: ReportService,
    private readonly independence: StaffIndependenceService,
    private readonly auditTrail: AuditTrailService,
    private readonly dashboards: DashboardService,
    private readonly agreements: AgreementService,
    private readonly payments: PaymentService,
    private readonly recoveries: RecoveryService,
    private readonly holds: AwardHoldService,
  ) {}

  @Get('officer/dashboard')
  @Page('officer')
  async dashboard(@CurrentActor() actor: Actor, @Query('fund') fund: unknown, @Query('fiscalYear') fiscalYear: unknown, @PageCtx() page: PageContext): Promise<PageResult> {
    // A fund or a year that is not one (an edited address) shows every fund or year rather than an error.
    const fundCode = typeof fund === 'string' && (FUND_CODES as readonly string[]).includes(fund) ? (fund as FundCode) : undefined;
    const year = typeof fiscalYear === 'string' && isFiscalYear(fiscalYear) ? fiscalYear : undefined;
    const dashboard = await this.dashboards.dashboard(actor, { fundCode, fiscalYear: year });
    return view(dashboardPage(page, { dashboard, fund: fundCode ?? '', fiscalYear: year ?? '' }));
  }

  @Get('officer/awards')
  @Page('officer')
  async list(@CurrentActor() actor: Actor, @Query('status') status: string | undefined, @Query('cursor') cursor: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    // An unknown status (an edited address) shows every award rather than an error.
    const chosen = (AWARD_STATUSES as readonly string[]).includes(status ?? '') ? (status as AwardStatus) : undefined;
    const awards = await this.awards.list(actor, { status: chosen, limit: AWARDS_PER_PAGE, cursor: cursor || undefined });
    return view(awardsPage(page, { awards: awards.items, status: chosen ?? '', nextCursor: awards.nextCursor }));
  }

  @Get('officer/awards/:id')
  @Page('officer')
  async show(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    // A payment reference or a report's review comment typed when the session ended, kept over the sign-in.
    const { values, restored } = await page.typedOr(typedValues, () => ({}));
    return view(await this.awardHtml(page, actor, id, { values, errors: [], notice: restored ? 'form.restored' : noticeOf(AWARD_NOTICES, notice) }));
  }

  @Post('officer/awards/:id/payments/:paymentId')
  @Page('officer', { back: '/officer/awards/:id', keepTyped: true })
  recordPayment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('paymentId', ParseUUIDPipe) paymentId: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const name = paymentReferenceField(paymentId);
    const reference = field(body, name);
    const problem = paymentReferenceProblem(reference);
    return submitForm({
      problems: problem ? [paymentReferenceError(page, paymentId, problem)] : [],
      run: () => this.payments.recordPaid(actor, paymentId, reference, id),
      // Recorded meanwhile (another tab, another officer), or not payable any more: the page shows where it stands.
      refusals: { PAYMENT_NOT_APPROVED: { field: 'payments', message: page.t('oversight.error.notPayable') } },
      done: () => redirectTo(`/officer/awards/${id}?notice=paid`),
      again: (errors) => this.awardHtml(page, actor, id, { values: problem ? { [name]: typedText(body[name]) } : {}, errors, notice: null }),
    });
  }

  @Post('officer/awards/:id/payments/:paymentId/request')
  @Page('officer', { back: '/officer/awards/:id' })
  requestPayment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('paymentId', ParseUUIDPipe) paymentId: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return submitForm({
      run: () => this.payments.request(actor, paymentId, id),
      // A condition unmet meanwhile (a hold placed, say, while the page was open), or requested already elsewhere.
      refusals: paymentRequestRefusals(page),
      done: () => redirectTo(`/officer/awards/${id}?notice=requested`),
      again: (errors) => this.awardHtml(page, actor, id, { values: {}, errors, notice: null }),
    });
  }

  @Post('officer/awards/:id/hold')
  @Page('officer', { back: '/officer/awards/:id', keepTyped: true })
  placeHold(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const reason = field(body, HOLD_REASON_FIELD);
    const problem = holdReasonProblem(reason);
    return submitForm({
      problems: problem ? [holdReasonError(page, problem)] : [],
      run: () => this.holds.place(actor, id, reason),
      refusals: holdRefusals(page),
      done: () => redirectTo(`/officer/awards/${id}?notice=held`),
      again: (errors) => this.awardHtml(page, actor, id, { values: { [HOLD_REASON_FIELD]: typedText(body[HOLD_REASON_FIELD]) }, errors, notice: null }),
    });
  }

  @Post('officer/awards/:id/hold/lift')
  @Page('officer', { back: '/officer/awards/:id' })
  liftHold(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return submitForm({
      run: () => this.holds.lift(actor, id),
      refusals: holdRefusals(page),
      done: () => redirectTo(`/officer/awards/${id}?notice=lifted`),
      again: (errors) => this.awardHtml(page, actor, id, { values: {}, errors, notice: null }),
    });
  }

  /** The payments waiting for each step; an officer starts on those to request, an approver on those to approve. */
  @Get('officer/payments')
  @Page(['officer', 'approver'])
  async paymentQueue(@CurrentActor() actor: Actor, @Query('show') show: unknown, @Query('cursor') cursor: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const tab = queueTabOf(show, actor.roles.includes('officer') ? 'request' : 'approve');
    return view(await this.queueHtml(page, actor, tab, typeof cursor === 'string' ? cursor : undefined));
  }

  @Get('officer/payments/finance.csv')
  @Page(['officer', 'approver'])
  async financeFile(@CurrentActor() actor: Actor): Promise<PageResult> {
    const { filename, content } = await this.payments.financeFile(actor);
    return streamed(filename, 'text/csv; charset=utf-8', content);
  }

  /** Each ticked payment approved on its own; the queue again, saying how many were approved and why any was not. */
  @Post('officer/payments/approve')
  @Page('approver', { back: '/officer/payments?show=approve' })
  async approvePayments(@CurrentActor() actor: Actor, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const ids = selectedPayments(body);
    if (ids.length === 0) return view(await this.queueHtml(page, actor, 'approve', undefined, { errors: [noneSelectedError(page)] }), HttpStatus.UNPROCESSABLE_ENTITY);
    const result = await this.payments.approveMany(actor, ids);
    return view(await this.queueHtml(page, actor, 'approve', undefined, { result }));
  }

  @Post('officer/awards/:id/reports/:reportId/review')
  @Page('officer', { back: '/officer/awards/:id', keepTyped: true })
  reviewReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('reportId', ParseUUIDPipe) reportId: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const form = readReportReview(body, reportId);
    const problem = reportReviewProblem(form);
    return submitForm({
      problems: problem ? [reportReviewError(page, reportId, problem)] : [],
      run: () => this.reports.review(actor, id, reportId, { outcome: form.outcome!, comment: form.comment.trim() || null, varianceJustification: form.justification.trim() || null }),
      refusals: {
        REPORT_NOT_SUBMITTED: { field: 'reports', message: page.t('oversight.error.alreadyReviewed') },
        VARIANCE_NOT_COVERED: { field: justificationField(reportId), message: page.t('oversight.error.varianceNotCovered') },
      },
      done: () => redirectTo(`/officer/awards/${id}?notice=${form.outcome}`),
      again: (errors) => this.awardHtml(page, actor, id, { values: { [reviewCommentField(reportId)]: form.comment, [justificationField(reportId)]: form.justification }, errors, notice: null }),
    });
  }

  @Get('officer/audit')
  @Page(['officer', 'admin'])
  async audit(@CurrentActor() actor: Actor, @Query('entityId') entityId: unknown, @Query('cursor') cursor: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const typed = typeof entityId === 'string' ? entityId.trim() : '';
    const search = readAuditSearch(typed);
    if (search.kind === 'none') return view(auditPage(page, { typed, errors: [], sections: null }));
    if (search.kind === 'invalid') return auditRefused(page, typed, 'oversight.error.searchInvalid');
    const application = await this.auditTrail.findApplication(actor, search.kind === 'reference' ? { reference: search.reference } : { id: search.id });
    if (application) return view(auditPage(page, { typed, errors: [], sections: await this.applicationTrails(page, actor, application, search, cursor) }));
    if (search.kind === 'reference') return auditRefused(page, typed, 'oversight.error.referenceUnknown');
    const other = await this.trail(actor, search.id, page.t('oversight.audit.heading.other', { id: search.id }), cursor);
    // Nothing recorded under an identifier that is not an application: say so rather than show an empty table.
    return view(auditPage(page, { typed, errors: [], sections: other.events.length > 0 ? [other] : [] }));
  }

  /** The application's trail and its award's: an identifier of either, or the reference number, shows both. */
  private async applicationTrails(page: PageContext, actor: Actor, application: AuditApplication, search: AuditSearch, cursor: string | undefined): Promise<AuditSection[]> {
    const reference = application.referenceNumber ?? application.applicationId;
    // A next page continues one trail only: the one its link was for.
    const only = cursor && search.kind === 'id' ? search.id : null;
    const sections: AuditSection[] = [];
    if (!only || only === application.applicationId) {
      sections.push(await this.trail(actor, application.applicationId, page.t('oversight.audit.heading.application', { reference }), only ? cursor : undefined));
    }
    if (application.awardId && (!only || only === application.awardId)) {
      sections.push(await this.trail(actor, application.awardId, page.t('oversight.audit.heading.award', { reference }), only ? cursor : undefined));
    }
    return sections;
  }

  /** One entity's trail, a page at a time; the service refuses an administrator anything but an account's, and records the read. */
  private async trail(actor: Actor, entityId: string, heading: string, cursor: string | undefined): Promise<AuditSection> {
    const events = await this.auditTrail.eventsOf(actor, entityId, { limit: EVENTS_PER_PAGE, cursor: cursor || undefined });
    return { heading, entityId, events: events.items, nextCursor: events.nextCursor, reads: events.reads };
  }

  private async queueHtml(page: PageContext, actor: Actor, tab: QueueTab, cursor: string | undefined, after: { result?: BulkApproval; errors?: FieldError[] } = {}): Promise<string> {
    const payments = await this.payments.list(actor, { ...QUEUE_QUERIES[tab], limit: PAYMENTS_PER_PAGE, cursor: cursor || undefined });
    return paymentsQueuePage(page, { tab, items: payments.items, nextCursor: payments.nextCursor, ...after });
  }

  /** The award with its organization's name, its call's title and where its agreement stands; the services record the officer's reads in the organization's access log. */
  private async awardHtml(page: PageContext, actor: Actor, id: string, form: AwardForm): Promise<string> {
    const award = await this.awards.get(actor, id);
    const accepted = award.status === 'accepted';
    const agreement = accepted ? await agreementIfAny(this.agreements, actor, id) : null;
    const reconciliation = accepted ? await this.recoveries.reconciliation(actor, id) : undefined;
    return awardPage(page, { award, ...form, agreement, reconciliation, staffConflict: await this.independence.conflictOf(actor, award.organizationId) });
  }
}

/** The award page's forms as typed, by field name (each payment's and each report's fields are named apart). */
function typedValues(body: FormBody): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([name, value]) => [name, typedText(value)]));
}

function auditRefused(page: PageContext, typed: string, key: MessageKey): PageResult {
  return view(auditPage(page, { typed, errors: [{ field: 'entityId', message: page.t(key, { typed }) }], sections: null }), HttpStatus.UNPROCESSABLE_ENTITY);
}
