import { Body, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { allowedFiscalYears, ApplicationService, AttachmentService, isEditable, SubmissionService } from '@grants/applications';
import { Call, CallService, eligibilityFaults, Fund } from '@grants/calls';
import { Clock, DomainError } from '@grants/core';
import { Actor, Organization, OrganizationService, UserService } from '@grants/identity';
import { CurrentActor, OptionalActor } from '../../http/auth/auth.decorators';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { json, noticeOf, Page, PageController, PageCtx, PageResult, PublicPage, redirectTo, script, submitForm, view, WantsJson } from '../pipeline';
import { FieldError } from '../views/form';
import { field, FormBody } from '../web-request';
import { savedAnswerValues, savedBudgetRows, withEmptyRows } from './apply-form';
import { budgetPart, MAX_BUDGET_ROWS, PartSave, pathAfterSave, projectPart, sectionOf, sectionPart } from './apply-parts';
import {
  APPLY_SCRIPT_PATH,
  attachmentsPage,
  budgetPage,
  callPage,
  CallPageData,
  checkPage,
  deleteDraftPage,
  DraftContext,
  ExcludedOrganization,
  projectPage,
  sectionPage,
  submittedPage,
  taskListPage,
} from './apply.pages';
import { APPLY_SCRIPT } from './apply.script';
import { submitAutosavedForm } from './autosaved-form';

const NOTICES: Record<string, MessageKey> = {
  created: 'apply.notice.created',
  saved: 'apply.notice.saved',
  uploaded: 'apply.notice.uploaded',
  removed: 'apply.notice.removed',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A part's form, as posted by its page or by the autosave script. */
interface PartPost {
  actor: Actor;
  id: string;
  body: FormBody;
  /** The part's page (the form's, not the POST address). */
  page: PageContext;
  /** The autosave script is asking: it is answered with JSON. */
  wantsJson: boolean;
}

/**
 * The applicant's pages: a call, starting an application, its task list and parts, checking and
 * submitting, and the confirmation. Every page works without JavaScript; the script saves the
 * question pages in the background and keeps the budget total live. Attaching a file has its own
 * controller (AttachmentUploadWebController), as its body is a stream.
 */
@PageController()
export class ApplyWebController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly attachments: AttachmentService,
    private readonly submissions: SubmissionService,
    private readonly calls: CallService,
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
    private readonly clock: Clock,
  ) {}

  @Get(APPLY_SCRIPT_PATH.slice(1))
  @PublicPage()
  applyScript(): PageResult {
    return script(APPLY_SCRIPT);
  }

  // ---- the call, and starting an application ----

  @Get('calls/:id')
  @PublicPage()
  async call(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return view(callPage(page, await this.callPageData(actor, id, page, { organizationId: '', errors: [], draftId: null })));
  }

  @Post('calls/:id/applications')
  @Page([], { back: '/calls/:id' })
  start(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const organizationId = field(body, 'organizationId');
    return submitForm({
      problems: UUID.test(organizationId) ? [] : [{ field: 'organizationId', message: page.t('apply.error.chooseOrganization') }],
      run: () => this.applications.createDraft(actor, id, organizationId),
      refusals: {
        // The organization has a draft already: the page offers it (409), with nothing to correct.
        DRAFT_EXISTS: async (error) => view(await this.callPageAgain(actor, id, page, organizationId, [], typeof error.details?.applicationId === 'string' ? error.details.applicationId : null), HttpStatus.CONFLICT),
        CALL_NOT_OPEN: { field: 'apply', message: page.t('apply.error.callNotOpen') },
        INELIGIBLE: { field: 'organizationId', message: page.t('apply.error.ineligible') },
      },
      done: (draft) => redirectTo(`/applications/${draft.id}/edit?notice=created`),
      again: (errors) => this.callPageAgain(actor, id, page, organizationId, errors),
    });
  }

  // ---- the task list ----

  @Get('applications/:id/edit')
  @Page()
  tasks(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.editing(actor, id, async (draft) => taskListPage(page, draft, noticeOf(NOTICES, notice), { canDelete: await this.applications.mayDeleteDraft(actor, draft.application) }));
  }

  // ---- deleting the draft: a page that says what will happen, then the deletion ----

  @Get('applications/:id/delete')
  @Page()
  async confirmDelete(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const draft = await this.draft(actor, id);
    // Not (or no longer) this person's to delete: the task list, which offers what they may do (or the application, once sent).
    if (!(await this.applications.mayDeleteDraft(actor, draft.application))) return redirectTo(`/applications/${id}/edit`);
    return view(deleteDraftPage(page, draft));
  }

  @Post('applications/:id/delete')
  @Page([], { back: '/applications/:id/delete' })
  deleteDraft(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return submitForm({
      run: () => this.applications.deleteDraft(actor, id),
      // Submitted meanwhile (say, by another member): the application's own page says so.
      refusals: { NOT_A_DRAFT: () => redirectTo(`/applications/${id}`) },
      done: () => redirectTo('/applications?notice=deleted'),
      again: async (errors) => deleteDraftPage(page, await this.draft(actor, id), errors),
    });
  }

  // ---- the project ----

  @Get('applications/:id/edit/project')
  @Page()
  project(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.editing(actor, id, (draft) =>
      this.keptOr(page, draft, (kept) => projectPart(page, draft, kept), () => {
        const { application } = draft;
        return projectPage(page, draft, { values: { title: application.title, summary: application.summary }, version: application.version, errors: [] }, noticeOf(NOTICES, notice));
      }),
    );
  }

  @Post('applications/:id/edit/project')
  @Page([], { back: '/applications/:id/edit/project', keepTyped: true })
  saveProject(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext, @WantsJson() wantsJson: boolean): Promise<PageResult> {
    return this.savePart({ actor, id, body, page, wantsJson }, (draft) => projectPart(page, draft, body));
  }

  // ---- a section of questions ----

  @Get('applications/:id/edit/sections/:key')
  @Page()
  section(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('key') key: string,
    @Query('notice') notice: string | undefined,
    @PageCtx() page: PageContext,
  ): Promise<PageResult> {
    return this.editing(actor, id, (draft) =>
      this.keptOr(page, draft, (kept) => sectionPart(page, draft, key, kept), () => {
        const section = sectionOf(draft, key);
        const values = savedAnswerValues(section.questions, draft.application.answers, page.locale);
        return sectionPage(page, draft, section, { values, version: draft.application.version, errors: [] }, noticeOf(NOTICES, notice));
      }),
    );
  }

  @Post('applications/:id/edit/sections/:key')
  @Page([], { back: '/applications/:id/edit/sections/:key', keepTyped: true })
  saveSection(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('key') key: string,
    @Body() body: FormBody,
    @PageCtx() page: PageContext,
    @WantsJson() wantsJson: boolean,
  ): Promise<PageResult> {
    return this.savePart({ actor, id, body, page, wantsJson }, (draft) => sectionPart(page, draft, key, body));
  }

  // ---- the budget ----

  @Get('applications/:id/edit/budget')
  @Page()
  budget(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('notice') notice: string | undefined,
    @Query('rows') rows: string | undefined,
    @PageCtx() page: PageContext,
  ): Promise<PageResult> {
    const count = Math.min(Number.parseInt(rows ?? '', 10) || 0, MAX_BUDGET_ROWS);
    return this.editing(actor, id, (draft) =>
      this.keptOr(page, draft, (kept) => budgetPart(page, draft, kept, this.fiscalYears(draft)), () => {
        const form = { rows: withEmptyRows(savedBudgetRows(draft.application.budget, page.locale), count), version: draft.application.version, errors: [] };
        return budgetPage(page, draft, this.fiscalYears(draft), form, noticeOf(NOTICES, notice));
      }),
    );
  }

  @Post('applications/:id/edit/budget')
  @Page([], { back: '/applications/:id/edit/budget', keepTyped: true })
  saveBudget(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext, @WantsJson() wantsJson: boolean): Promise<PageResult> {
    return this.savePart({ actor, id, body, page, wantsJson }, (draft) => budgetPart(page, draft, body, this.fiscalYears(draft)));
  }

  // ---- the attachments (a file is attached by AttachmentUploadWebController) ----

  @Get('applications/:id/edit/attachments')
  @Page()
  attachmentsForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.editing(actor, id, (draft) => attachmentsPage(page, draft, { errors: [] }, noticeOf(NOTICES, notice)));
  }

  @Post('applications/:id/edit/attachments/:attachmentId/remove')
  @Page([], { back: '/applications/:id/edit/attachments' })
  removeAttachment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('attachmentId', ParseUUIDPipe) attachmentId: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return submitForm({
      run: () => this.attachments.remove(actor, id, attachmentId),
      refusals: { APPLICATION_SUBMITTED: () => redirectTo(`/applications/${id}`) },
      done: () => redirectTo(`/applications/${id}/edit/attachments?notice=removed`),
      again: async (errors) => attachmentsPage(page, await this.draft(actor, id), { errors }, null),
    });
  }

  // ---- check, submit, confirmation ----

  @Get('applications/:id/check')
  @Page()
  check(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.editing(actor, id, async (draft) => checkPage(page, { draft, problems: await this.submissions.problems(actor, id), errors: [], notice: noticeOf(NOTICES, notice) }));
  }

  @Post('applications/:id/submit')
  @Page([], { back: '/applications/:id/check' })
  async submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    // Members only, as on every page of the form (an officer is refused, not sent through).
    await this.draft(actor, id);
    return submitForm({
      run: () => this.submissions.submit(actor, id),
      refusals: {
        // Refused, say the deadline passed meanwhile: the check page lists why, as it is now.
        rule_violation: { field: 'missing', message: page.t('apply.error.notSubmitted') },
        conflict: () => redirectTo(`/applications/${id}`),
      },
      done: () => redirectTo(`/applications/${id}/submitted`),
      again: (errors) => this.checkAgain(actor, id, page, errors),
    });
  }

  @Get('applications/:id/submitted')
  @Page()
  async submitted(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const draft = await this.draft(actor, id);
    if (!draft.application.referenceNumber || !draft.application.submittedAt) return redirectTo(`/applications/${id}/edit`);
    return view(submittedPage(page, draft));
  }

  // ---- shared ----

  private async callPageData(actor: Actor | null, id: string, page: PageContext, form: Pick<CallPageData, 'organizationId' | 'errors' | 'draftId'>): Promise<CallPageData> {
    const call = await this.calls.get(actor, id);
    const funds = await this.calls.funds();
    const fund = funds.find((candidate) => candidate.id === call.fundId);
    const base = { call, fundName: fund?.name[page.locale] ?? call.fundCode, ...form };
    if (!actor) return { ...base, organizations: null, existing: [] };
    const { organizations } = await this.users.profile(actor);
    const mine = new Set(organizations.map((organization) => organization.id));
    // Officers list every organization's applications: only the user's own count here.
    const applications = (await this.applications.list(actor, { callId: id, limit: 100 })).items.filter(
      (application) => mine.has(application.organizationId) && application.status !== 'withdrawn',
    );
    const drafting = new Set(applications.filter((application) => isEditable(application.status)).map((application) => application.organizationId));
    const free = await Promise.all(organizations.filter((organization) => !drafting.has(organization.id)).map((organization) => this.organizations.get(actor, organization.id)));
    const excluded = await this.excluded(actor, call, free, funds, page);
    const refused = new Set(excluded.map((organization) => organization.id));
    return {
      ...base,
      organizations: free.filter((organization) => !refused.has(organization.id)).map(({ id: organizationId, legalName }) => ({ id: organizationId, legalName })),
      existing: applications.map((application) => ({ id: application.id, organizationName: application.organizationName, status: application.status })),
      excluded,
    };
  }

  /** The organizations the call's eligibility rules exclude (the rule createDraft and submission apply), each with an open call of another fund it may apply to. */
  private async excluded(actor: Actor, call: Call, organizations: Organization[], funds: Fund[], page: PageContext): Promise<ExcludedOrganization[]> {
    const eligibility = call.eligibility;
    if (!eligibility) return [];
    const refused = organizations.map((organization) => ({ organization, faults: eligibilityFaults(eligibility, organization) })).filter(({ faults }) => faults.length > 0);
    return Promise.all(
      refused.map(async ({ organization, faults }) => {
        const other = await this.calls.openCallFor(actor, organization, call.fundId);
        const fundName = funds.find((candidate) => candidate.id === other?.fundId)?.name[page.locale] ?? other?.fundCode ?? '';
        return { id: organization.id, legalName: organization.legalName, faults, elsewhere: other?.title ? { id: other.id, title: other.title, fundName } : null };
      }),
    );
  }

  /** The call's page after a refused start: the error beside the first organization to choose from, or the draft the organization has already. */
  private async callPageAgain(actor: Actor, id: string, page: PageContext, organizationId: string, refused: FieldError[], draftId: string | null = null): Promise<string> {
    const data = await this.callPageData(actor, id, page, { organizationId, errors: [], draftId });
    const first = data.organizations?.[0]?.id ?? '';
    const errors = refused.map((error) => (error.field === 'organizationId' ? { ...error, field: `organizationId-${first}` } : error));
    return callPage(page, { ...data, errors });
  }

  /** The check page after a refused submission: why, as the application is now. */
  private async checkAgain(actor: Actor, id: string, page: PageContext, errors: FieldError[]): Promise<string> {
    const [draft, problems] = await Promise.all([this.draft(actor, id), this.submissions.problems(actor, id)]);
    return checkPage(page, { draft, problems, errors, notice: null });
  }

  private fiscalYears(draft: DraftContext): string[] {
    // The same years ApplicationService.updateDraft accepts.
    return allowedFiscalYears(draft.call.closesAt ?? this.clock.now(), draft.call.maxDurationMonths ?? 12);
  }

  /**
   * The application with its call and organization, for a member of the organization. Anyone
   * else is told it does not exist (the service decides), and an officer that only members edit.
   */
  private async draft(actor: Actor, id: string): Promise<DraftContext> {
    const application = await this.applications.getForMember(actor, id);
    const [call, organization] = await Promise.all([this.calls.get(actor, application.callId), this.organizations.get(actor, application.organizationId)]);
    return { application, call, organizationName: organization.legalName };
  }

  /** A page of the form while the application is the members' to edit; once submitted, the application's own page. */
  private async editing(actor: Actor, id: string, render: (draft: DraftContext) => string | Promise<string>): Promise<PageResult> {
    const draft = await this.draft(actor, id);
    if (!isEditable(draft.application.status)) return redirectTo(`/applications/${id}`);
    return view(await render(draft));
  }

  /**
   * A part's page as the person left it when their session ended (kept over the sign-in by the page
   * pipeline, and shown once, to be reviewed and saved), else as saved.
   */
  private async keptOr(page: PageContext, draft: DraftContext, part: (kept: FormBody) => PartSave, saved: () => string): Promise<string> {
    return (await page.typedOr((kept) => part(kept).render(draft, postedVersion(kept), [], 'form.restored'), saved)).values;
  }

  /**
   * Saves one part. From a button: on to the next part (or the list, or more budget rows) with a
   * notice, or the page again with the problems, status 422 (409 when someone else saved first,
   * keeping what was typed). From the autosave script (Accept: application/json): JSON only.
   */
  private async savePart(post: PartPost, read: (draft: DraftContext) => PartSave): Promise<PageResult> {
    const { actor, id, body, page, wantsJson } = post;
    const submittedAlready = (): PageResult => (wantsJson ? json({ code: 'APPLICATION_SUBMITTED' }, HttpStatus.CONFLICT) : redirectTo(`/applications/${id}`));
    const draft = await this.draft(actor, id);
    if (!isEditable(draft.application.status)) return submittedAlready();
    const part = read(draft);
    const version = postedVersion(body);
    // Someone else saved first: the page again at the version saved now, so that saving again keeps what this person typed.
    let shownVersion = version;
    return submitAutosavedForm(wantsJson, {
      problems: part.errors,
      run: () => this.applications.updateDraft(actor, id, version, part.changes),
      refusals: {
        STALE_VERSION: (error) => {
          shownVersion = typeof error.details?.currentVersion === 'number' ? error.details.currentVersion : version;
          return [{ field: 'part-form', message: page.t('apply.error.stale') }];
        },
        APPLICATION_SUBMITTED: submittedAlready,
        invalid: (error) => part.refused(problemFields(error)),
      },
      done: (saved) => redirectTo(pathAfterSave(page, draft, part, saved, field(body, 'then'))),
      saved: (saved) => ({ version: saved.version, savedAt: saved.updatedAt.toISOString() }),
      again: (errors) => part.render(draft, shownVersion, errors),
    });
  }
}

/** The version of the application the form was filled in on (the service refuses it if someone saved since). */
function postedVersion(body: FormBody): number {
  return Number.parseInt(field(body, 'version'), 10) || 0;
}

/** The fields an `invalid` refusal of the service names. */
function problemFields(error: DomainError): string[] {
  const problems = Array.isArray(error.details?.problems) ? (error.details.problems as Array<{ field: string }>) : [];
  return problems.map((problem) => problem.field);
}
