import { Body, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { StaffIndependenceService } from '@grants/applications';
import { AgreementService, AuditApplication, AWARD_STATUSES, AwardService, AwardStatus, AuditTrailService, DashboardService, isFiscalYear, ReportService } from '@grants/awards';
import { FUND_CODES, FundCode } from '@grants/calls';
import { Actor } from '@grants/identity';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { agreementIfAny } from '../agreements/agreements.controller';
import { typedText } from '../forms/fields';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { noticeOf, Page, PageController, PageCtx, PageResult, redirectTo, submitForm, view } from '../pipeline';
import { FieldError } from '../views/form';
import { field, FormBody } from '../web-request';
import { dashboardPage } from './dashboard.pages';
import { AuditSection, auditPage, awardPage, awardsPage, paymentReferenceError, reportReviewError } from './oversight.pages';
import { AuditSearch, paymentReferenceField, paymentReferenceProblem, readAuditSearch, readReportReview, reportReviewProblem, reviewCommentField } from './oversight-forms';

const AWARDS_PER_PAGE = 25;
const EVENTS_PER_PAGE = 50;
const AWARD_NOTICES: Record<string, MessageKey> = {
  paid: 'oversight.notice.paid',
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
 * The officer's follow-up of awards: the awards, one award's payments and reports (recording a
 * payment, accepting or sending back a report), and the audit trail (exports: exports.controller.ts), of which
 * administrators read the accounts' only. Every read and change goes through AwardService, ReportService and
 * AuditTrailService, which record staff reads in the organization's access log.
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
      run: () => this.awards.recordPayment(actor, id, paymentId, reference),
      // Recorded meanwhile (another tab, another officer), or not payable any more: the page shows where it stands.
      refusals: { PAYMENT_NOT_PAYABLE: { field: 'payments', message: page.t('oversight.error.notPayable') } },
      done: () => redirectTo(`/officer/awards/${id}?notice=paid`),
      again: (errors) => this.awardHtml(page, actor, id, { values: problem ? { [name]: typedText(body[name]) } : {}, errors, notice: null }),
    });
  }

  @Post('officer/awards/:id/reports/:reportId/review')
  @Page('officer', { back: '/officer/awards/:id', keepTyped: true })
  reviewReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('reportId', ParseUUIDPipe) reportId: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const form = readReportReview(body, reportId);
    const problem = reportReviewProblem(form);
    return submitForm({
      problems: problem ? [reportReviewError(page, reportId, problem)] : [],
      run: () => this.reports.review(actor, id, reportId, form.outcome!, form.comment.trim() || null),
      refusals: { REPORT_NOT_SUBMITTED: { field: 'reports', message: page.t('oversight.error.alreadyReviewed') } },
      done: () => redirectTo(`/officer/awards/${id}?notice=${form.outcome}`),
      again: (errors) => this.awardHtml(page, actor, id, { values: problem ? { [reviewCommentField(reportId)]: form.comment } : {}, errors, notice: null }),
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

  /** The award with its organization's name, its call's title and where its agreement stands; the services record the officer's reads in the organization's access log. */
  private async awardHtml(page: PageContext, actor: Actor, id: string, form: AwardForm): Promise<string> {
    const award = await this.awards.get(actor, id);
    const agreement = award.status === 'accepted' ? await agreementIfAny(this.agreements, actor, id) : null;
    return awardPage(page, { award, ...form, agreement, staffConflict: await this.independence.conflictOf(actor, award.organizationId) });
  }
}

/** The award page's forms as typed, by field name (each payment's and each report's fields are named apart). */
function typedValues(body: FormBody): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([name, value]) => [name, typedText(value)]));
}

function auditRefused(page: PageContext, typed: string, key: MessageKey): PageResult {
  return view(auditPage(page, { typed, errors: [{ field: 'entityId', message: page.t(key, { typed }) }], sections: null }), HttpStatus.UNPROCESSABLE_ENTITY);
}
