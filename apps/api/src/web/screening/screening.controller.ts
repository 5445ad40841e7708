import { Body, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { APPLICATION_SEARCH, APPLICATION_SORTS, APPLICATION_STATUSES, ApplicationService, ApplicationStatus, ApplicationSummary, ScreeningService, SORT_ORDERS, StaffConflictService, StaffIndependenceService } from '@grants/applications';
import { Call, CallService } from '@grants/calls';
import { DomainError, formatMoney, NotFoundError } from '@grants/core';
import { Actor, OrganizationService } from '@grants/identity';
import { AssignmentService, DecisionProblem, decisionProblems, DecisionRecord, DecisionService, RankingService, ReviewService } from '@grants/reviews';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { typedText } from '../forms/fields';
import { EMPTY_DATE_PARTS } from '../forms/ontario-time';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { noticeOf, Page, PageController, PageCtx, PageResult, redirectTo, Refusal, submitForm, view } from '../pipeline';
import { FieldError } from '../views/form';
import { catalogNotice } from '../views/layout';
import { FormBody } from '../web-request';
import {
  decisionFormProblems,
  decisionProblemField,
  DecisionFormValues,
  EMPTY_DECISION_FORM,
  FormProblem,
  InformationFormValues,
  informationFormProblems,
  readDecisionForm,
  readInformationForm,
  readScreeningForm,
  readStaffConflictForm,
  respondByInstant,
  screeningFormProblems,
  ScreeningFormValues,
  staffConflictFormProblems,
  toDecisionRequest,
} from './screening-forms';
import { ApplicationListData, applicationListPage, applicationPage, ApplicationPageData, callAssignmentsPage, Notice, PAGE_SIZE, staffConflictConfirmPage } from './screening.pages';

const NOTICES: Record<string, MessageKey> = {
  eligible: 'screening.notice.eligible',
  ineligible: 'screening.notice.ineligible',
  information: 'screening.notice.information',
  assigned: 'screening.notice.assigned',
  removed: 'screening.notice.removed',
  decided: 'screening.notice.decided',
  conflict: 'screening.notice.conflictDeclared',
};

/** Statuses that have a place in the call's ranking (RankingService's). */
const RANKED: readonly ApplicationStatus[] = ['in_review', 'approved', 'declined', 'awarded'];

/** The application page again after a refused form: its errors, and what the officer typed. */
interface ApplicationViewOptions {
  errors?: FieldError[];
  forms?: Partial<ApplicationPageData['forms']>;
  notice?: Notice;
}

/**
 * The fund officer's applications: the filtered list, each application with its screening,
 * reviewers, reviews and decision, and a call's reviewers with automatic assignment. Every action
 * is a form that works without JavaScript; the services check the rules and record the audit trail.
 */
@PageController()
export class ScreeningWebController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly screenings: ScreeningService,
    private readonly staffConflicts: StaffConflictService,
    private readonly independence: StaffIndependenceService,
    private readonly assignments: AssignmentService,
    private readonly reviews: ReviewService,
    private readonly decisions: DecisionService,
    private readonly rankings: RankingService,
    private readonly calls: CallService,
    private readonly organizations: OrganizationService,
  ) {}

  @Get('officer/applications')
  @Page('officer')
  async list(@CurrentActor() actor: Actor, @Query() given: Partial<ListQuery>, @PageCtx() page: PageContext): Promise<PageResult> {
    const calls = (await this.calls.list(actor, { limit: 100 })).items;
    const filters = listFilters(calls, given);
    // The form sends every field, empty or not: the address kept (and shared) is the one with only what was chosen.
    if (Object.entries(given).some(([name, value]) => value !== undefined && value !== filters[name as keyof ListQuery])) return redirectTo(listAddress(filters));
    const query = listQueryOf(filters);
    const [found, totals] = await Promise.all([this.applications.list(actor, { ...query, limit: PAGE_SIZE }), this.applications.totals(actor, query)]);
    const allCalls = await this.withCallsOf(actor, calls, found.items);
    return view(applicationListPage(page, { rows: found.items, ...totals, nextCursor: found.nextCursor, calls: allCalls, filters, statuses: APPLICATION_STATUSES, sorts: APPLICATION_SORTS }));
  }

  @Get('officer/applications/:id')
  @Page('officer')
  async show(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const { values: forms, restored } = await page.typedOr(typedForms, () => ({}));
    return view(await this.applicationView(page, actor, id, { forms, notice: catalogNotice(page, restored ? 'form.restored' : noticeOf(NOTICES, notice)) }));
  }

  @Post('officer/applications/:id/screening')
  @Page('officer', { back: '/officer/applications/:id', keepTyped: true })
  screen(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const values = readScreeningForm(body);
    return submitForm({
      problems: screeningFormProblems(values).map((problem) => problemMessage(page, problem)),
      run: () => this.screenings.screen(actor, id, values.outcome === 'eligible' ? 'eligible' : 'ineligible', values.reason.trim()),
      refusals: { NOT_AWAITING_SCREENING: { field: 'screening', message: page.t('screening.error.notAwaitingScreening') } },
      done: () => redirectTo(`/officer/applications/${id}?notice=${values.outcome}`),
      again: (errors) => this.applicationView(page, actor, id, { errors, forms: { screening: values } }),
    });
  }

  @Post('officer/applications/:id/information-request')
  @Page('officer', { back: '/officer/applications/:id', keepTyped: true })
  requestInformation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const values = readInformationForm(body);
    return submitForm({
      problems: informationFormProblems(values).map((problem) => problemMessage(page, problem)),
      run: () => this.screenings.requestInformation(actor, id, values.message.trim(), respondByInstant(values)!),
      refusals: {
        RESPOND_BY_IN_PAST: { field: 'respondBy-day', message: page.t('screening.error.respondByPast') },
        NOT_AWAITING_SCREENING: { field: 'screening', message: page.t('screening.error.notAwaitingScreening') },
      },
      done: () => redirectTo(`/officer/applications/${id}?notice=information`),
      again: (errors) => this.applicationView(page, actor, id, { errors, forms: { information: values } }),
    });
  }

  @Post('officer/applications/:id/assignments')
  @Page('officer', { back: '/officer/applications/:id' })
  assign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const reviewerId = typedText(body.reviewerId).trim();
    const error = (field: string, key: MessageKey): FieldError => ({ field, message: page.t(key) });
    return submitForm({
      problems: /^[0-9a-f-]{36}$/i.test(reviewerId) ? [] : [error('reviewerId', 'screening.error.chooseReviewer')],
      run: () => this.assignments.assign(actor, id, reviewerId),
      refusals: { REVIEWER_NOT_ELIGIBLE: error('reviewerId', 'screening.error.reviewerNotEligible'), ALREADY_ASSIGNED: error('reviewerId', 'screening.error.alreadyAssigned'), NOT_IN_REVIEW: error('reviewers', 'screening.error.notInReview') },
      done: () => redirectTo(`/officer/applications/${id}?notice=assigned`),
      again: (errors) => this.applicationView(page, actor, id, { errors, forms: { reviewerId } }),
    });
  }

  @Post('officer/applications/:id/assignments/:assignmentId/remove')
  @Page('officer', { back: '/officer/applications/:id' })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('assignmentId', ParseUUIDPipe) assignmentId: string, @PageCtx() page: PageContext): Promise<PageResult> {
    // Only an assignment of this application, whatever the address says.
    if (!(await this.reviews.reviewsOf(actor, id)).some((review) => review.id === assignmentId)) throw new NotFoundError('Assignment');
    return submitForm({
      run: () => this.assignments.remove(actor, assignmentId),
      refusals: { ASSIGNMENT_CLOSED: { field: 'reviewers', message: page.t('screening.error.assignmentClosed') } },
      done: () => redirectTo(`/officer/applications/${id}?notice=removed`),
      again: (errors) => this.applicationView(page, actor, id, { errors }),
    });
  }

  @Post('officer/applications/:id/decision')
  @Page('officer', { back: '/officer/applications/:id', keepTyped: true })
  async decide(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const values = readDecisionForm(body);
    const formErrors = decisionFormProblems(values).map((problem) => problemMessage(page, problem));
    return submitForm({
      // The decision's own rules too, so that every problem is listed at once; the service checks them again.
      problems: formErrors.length > 0 ? mergeErrors(formErrors, await this.decisionRuleErrors(page, actor, id, values)) : [],
      run: () => this.decisions.decide(actor, id, toDecisionRequest(values)),
      refusals: decisionRefusals(page, values),
      done: () => redirectTo(`/officer/applications/${id}?notice=decided`),
      again: (errors) => this.applicationView(page, actor, id, { errors, forms: { decision: values } }),
    });
  }

  /** Asks first (a declaration cannot be withdrawn), then records it. */
  @Post('officer/applications/:id/staff-conflicts')
  @Page('officer', { back: '/officer/applications/:id', keepTyped: true })
  async declareConflict(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const values = readStaffConflictForm(body);
    const problems = staffConflictFormProblems(values).map((problem) => problemMessage(page, problem));
    if (problems.length === 0 && !values.confirmed) return view(await this.conflictConfirmView(page, actor, id, values.reason.trim()));
    return submitForm({
      problems,
      run: () => this.staffConflicts.declare(actor, id, values.reason.trim()),
      refusals: { ALREADY_DECLARED: { field: 'staffConflicts', message: page.t('screening.error.alreadyDeclared') } },
      done: () => redirectTo(`/officer/applications/${id}?notice=conflict#staff-conflicts`),
      again: (errors) => this.applicationView(page, actor, id, { errors, forms: { staffConflict: values.reason } }),
    });
  }

  @Get('officer/calls/:id/assignments')
  @Page('officer')
  async callAssignments(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) callId: string,
    @Query('created') created: string | undefined,
    @Query('short') short: string | undefined,
    @Query('conflicted') conflicted: string | undefined,
    @PageCtx() page: PageContext,
  ): Promise<PageResult> {
    const call = await this.calls.get(actor, callId);
    return view(callAssignmentsPage(page, call, await this.assignments.reviewersOfCall(actor, callId), autoNotice(page, created, short, conflicted)));
  }

  @Post('officer/calls/:id/assignments/auto')
  @Page('officer', { back: '/officer/calls/:id/assignments' })
  async autoAssign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string): Promise<PageResult> {
    const result = await this.assignments.autoAssign(actor, callId);
    const conflicted = result.conflicted.length > 0 ? `&conflicted=${result.conflicted.length}` : '';
    return redirectTo(`/officer/calls/${callId}/assignments?created=${result.created}&short=${result.shortfalls.length}${conflicted}`);
  }

  /** The application with everything an officer works on; the service records the read in the organization's access log. */
  private async applicationView(page: PageContext, actor: Actor, id: string, options: ApplicationViewOptions): Promise<string> {
    const application = await this.applications.get(actor, id);
    const staffConflict = await this.independence.conflictOf(actor, application.organizationId);
    // An officer tied to the organization sees what was sent, not the deliberation on it (the services refuse it).
    const deliberation = !staffConflict;
    const [call, organization, screenings, reviews, decision, staffConflicts] = await Promise.all([
      this.calls.get(actor, application.callId),
      this.organizations.get(actor, application.organizationId),
      this.screenings.history(actor, id),
      deliberation ? this.reviews.reviewsOf(actor, id) : null,
      deliberation ? this.decisions.decisionOf(actor, id) : null,
      this.staffConflicts.conflictsOf(actor, id),
    ]);
    const assignable = deliberation && application.status === 'in_review' ? await this.assignments.assignableReviewers(actor, id) : null;
    const ranking = deliberation && RANKED.includes(application.status) ? await this.rankings.placeOf(actor, call.id, id) : null;
    const forms = { ...emptyForms(page, decision), ...options.forms };
    return applicationPage(page, { application, call, organization, screenings, reviews, assignable, ranking, decision, staffConflict, staffConflicts, forms, errors: options.errors ?? [], notice: options.notice ?? null });
  }

  /** The confirmation of a declaration, naming the organization (its heading is not recorded as a staff read: the application page was). */
  private async conflictConfirmView(page: PageContext, actor: Actor, id: string, reason: string): Promise<string> {
    const { application } = await this.applications.readAccess(actor, id);
    const organization = await this.organizations.heading(actor, application.organizationId);
    return staffConflictConfirmPage(page, application, organization.legalName, reason);
  }

  /** The decision's rules for what was typed, against the application's place in the ranking (no line while it awaits reviews). */
  private async decisionRuleErrors(page: PageContext, actor: Actor, id: string, values: DecisionFormValues): Promise<FieldError[]> {
    if (values.outcome !== 'approved' && values.outcome !== 'declined') return [];
    const { application } = await this.applications.readAccess(actor, id);
    const place = RANKED.includes(application.status) ? await this.rankings.placeOf(actor, application.callId, id) : null;
    if (!place) return [];
    const requestedCents = (place.ranked ?? place.awaiting).requestedCents;
    return decisionErrors(page, values, decisionProblems({ ...toDecisionRequest(values), requestedCents, aboveFundingLine: place.ranked?.aboveFundingLine ?? null }), requestedCents);
  }

  /** The filter's calls, and the calls of the applications shown that are not among them. */
  private async withCallsOf(actor: Actor, calls: Call[], rows: ApplicationSummary[]): Promise<Call[]> {
    const missing = [...new Set(rows.map((row) => row.callId))].filter((id) => !calls.some((call) => call.id === id));
    return [...calls, ...(await Promise.all(missing.map((id) => this.calls.get(actor, id))))];
  }
}

/** What the list's form and links carry. */
type ListQuery = Record<'callId' | 'status' | 'q' | 'sort' | 'order' | 'cursor', string | undefined>;

/**
 * A filter or sort that is not one of the choices is none, rather than an error page; a search is
 * cut to the length the field takes. An order left to the sort is '' (defaultOrderOf).
 */
function listFilters(calls: Call[], given: Partial<ListQuery>): ApplicationListData['filters'] {
  const text = (value: string | undefined): string => (typeof value === 'string' ? value : '');
  const among = <T extends string>(choices: readonly T[], value: string | undefined): T | '' => ((choices as readonly string[]).includes(text(value)) ? (value as T) : '');
  return {
    callId: calls.some((call) => call.id === given.callId) ? given.callId! : '',
    status: among(APPLICATION_STATUSES, given.status),
    q: text(given.q).trim().slice(0, APPLICATION_SEARCH.maxLength).trim(),
    // The default sort is the one the select shows first: no need to say it.
    sort: given.sort === 'created' ? '' : among(APPLICATION_SORTS, given.sort),
    order: among(SORT_ORDERS, given.order),
    cursor: text(given.cursor),
  };
}

/** What the service is asked: the choices made, none for those left empty. */
function listQueryOf(filters: ApplicationListData['filters']) {
  return {
    callId: filters.callId || undefined,
    status: filters.status || undefined,
    q: filters.q || undefined,
    sort: filters.sort || undefined,
    order: filters.order || undefined,
    cursor: filters.cursor || undefined,
  };
}

/** The list with these choices, in the order the form has them. */
function listAddress(filters: ApplicationListData['filters']): string {
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== '')).toString();
  return `/officer/applications${query ? `?${query}` : ''}`;
}

/** The one of the application page's forms (they name their fields apart) that was typed into when the session ended. */
function typedForms(body: FormBody): ApplicationViewOptions['forms'] {
  if ('screeningReason' in body) return { screening: readScreeningForm(body) };
  if ('informationMessage' in body) return { information: readInformationForm(body) };
  if ('rationale' in body) return { decision: readDecisionForm(body) };
  if ('conflictReason' in body) return { staffConflict: readStaffConflictForm(body).reason };
  return {};
}

function emptyForms(page: PageContext, decision: DecisionRecord | null): ApplicationPageData['forms'] {
  return {
    screening: { outcome: '', reason: '' } satisfies ScreeningFormValues,
    information: { message: '', respondBy: EMPTY_DATE_PARTS } satisfies InformationFormValues,
    reviewerId: '',
    decision: decision ? savedDecisionForm(page, decision) : EMPTY_DECISION_FORM,
    staffConflict: '',
  };
}

function problemMessage(page: PageContext, problem: FormProblem): FieldError {
  return { field: problem.field, message: page.t(`screening.error.${problem.code}`, { max: problem.max ?? 0 }) };
}

/** How the decision service's refusals are shown: its rules beside their fields, a released or closed decision above the form. */
function decisionRefusals(page: PageContext, values: DecisionFormValues): Partial<Record<string, Refusal>> {
  return {
    rule_violation: (error: DomainError) =>
      Array.isArray(error.details?.problems) ? decisionErrors(page, values, error.details.problems as DecisionProblem[], (error.details.requestedCents as number | undefined) ?? 0) : [],
    DECISION_RELEASED: { field: 'decision', message: page.t('screening.error.decisionReleased') },
    NOT_IN_REVIEW: { field: 'decision', message: page.t('screening.error.notDecidable') },
  };
}

/** The decision's rules in words, beside the field they are about. */
function decisionErrors(page: PageContext, values: DecisionFormValues, problems: readonly DecisionProblem[], requestedCents: number): FieldError[] {
  const { t, locale } = page;
  const words: Record<DecisionProblem['code'], string> = {
    APPROVED_AMOUNT_REQUIRED: t('screening.error.amountRequired'),
    APPROVED_EXCEEDS_REQUEST: t('screening.error.amountOverRequest', { requested: formatMoney(locale, requestedCents) }),
    AMOUNT_ON_DECLINE: t('screening.error.amountOnDecline'),
    OVERRIDE_REASON_REQUIRED: t(values.outcome === 'approved' ? 'screening.error.overrideApprove' : 'screening.error.overrideDecline'),
  };
  return problems.flatMap((problem) => {
    const field = decisionProblemField(problem.code);
    return field && problem.code in words ? [{ field, message: words[problem.code] }] : [];
  });
}

/** The form's own problems first; a rule's problem only for a field that has none yet. */
function mergeErrors(first: FieldError[], second: FieldError[]): FieldError[] {
  return [...first, ...second.filter((error) => !first.some((other) => other.field === error.field))];
}

function savedDecisionForm(page: PageContext, decision: DecisionRecord): DecisionFormValues {
  return {
    outcome: decision.outcome,
    amount: decision.approvedCents === null ? '' : formatMoney(page.locale, decision.approvedCents),
    conditions: decision.conditions,
    rationale: decision.rationale,
    feedback: decision.feedback ?? '',
    overrideReason: decision.overrideReason ?? '',
  };
}

function autoNotice(page: PageContext, created: string | undefined, short: string | undefined, conflicted: string | undefined): Notice {
  if (created === undefined || !/^\d{1,6}$/.test(created)) return null;
  const count = Number(created);
  const shortfalls = /^\d{1,6}$/.test(short ?? '') ? Number(short) : 0;
  const skipped = /^\d{1,6}$/.test(conflicted ?? '') ? Number(conflicted) : 0;
  const made = page.t(count === 0 ? 'screening.notice.autoNone' : count === 1 ? 'screening.notice.autoOne' : 'screening.notice.autoMany', { count });
  const more = [
    ...(shortfalls === 0 ? [] : [page.t(shortfalls === 1 ? 'screening.notice.shortOne' : 'screening.notice.shortMany', { count: shortfalls })]),
    ...(skipped === 0 ? [] : [page.t(skipped === 1 ? 'screening.notice.autoConflictedOne' : 'screening.notice.autoConflictedMany', { count: skipped })]),
  ];
  if (more.length === 0) return { kind: 'success', text: made };
  // Nothing made because every application was left to another officer: "none was needed" would not be true.
  return { kind: 'informational', text: (count === 0 && skipped > 0 ? more : [made, ...more]).join(' ') };
}
