import 'multer';
import {
  Body,
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  HttpStatus,
  Injectable,
  Param,
  ParseUUIDPipe,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  allowedFiscalYears,
  Application,
  ApplicationService,
  AttachmentService,
  DraftChanges,
  isEditable,
  MAX_ATTACHMENT_BYTES,
  MAX_BUDGET_LINES,
  OTHER_ATTACHMENT_KEY,
  SubmissionService,
} from '@grants/applications';
import { CallService, FormSection } from '@grants/calls';
import { Clock, DomainError, ForbiddenError, NotFoundError } from '@grants/core';
import { Actor, OrganizationService, UserService } from '@grants/identity';
import { Response } from 'express';
import { memoryStorage } from 'multer';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { OptionalActor, Public } from '../../http/auth/auth.decorators';
import { MessageKey } from '../i18n/i18n';
import { formPage, PageContext, pageContext } from '../page-context';
import { FieldError } from '../views/form';
import { field, FormBody, PageRequest, sendScript, signInFirst } from '../web-request';
import {
  EMPTY_BUDGET_ROWS,
  MORE_BUDGET_ROWS,
  projectProblems,
  readAnswerForm,
  readBudgetForm,
  readProjectForm,
  refusedAnswers,
  refusedBudget,
  savedAnswerValues,
  savedBudgetRows,
  toAnswers,
  toBudget,
  withEmptyRows,
} from './apply-form';
import {
  answerProblemMessage,
  APPLY_SCRIPT_PATH,
  attachmentsPage,
  budgetPage,
  budgetProblemMessage,
  callPage,
  CallPageData,
  checkPage,
  DraftContext,
  nextPartPath,
  projectPage,
  projectProblemMessage,
  sectionPage,
  submittedPage,
  taskListPage,
  uploadField,
} from './apply.pages';
import { APPLY_SCRIPT } from './apply.script';

const NOTICES: Record<string, MessageKey> = {
  created: 'apply.notice.created',
  saved: 'apply.notice.saved',
  uploaded: 'apply.notice.uploaded',
  removed: 'apply.notice.removed',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BUDGET_ROWS = MAX_BUDGET_LINES + EMPTY_BUDGET_ROWS;

type UploadRequest = PageRequest & { uploadTooLarge?: boolean };

const FileUpload = FileInterceptor('file', { storage: memoryStorage(), limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5 } });

/**
 * The API's upload interceptor, except that a file over the limit reaches the route, which says so
 * beside the field, instead of ending on an error page. Multer has read the whole request by then.
 */
@Injectable()
class PageUploadInterceptor extends FileUpload {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error: unknown) {
      if (!(error instanceof PayloadTooLargeException)) throw error;
      context.switchToHttp().getRequest<UploadRequest>().uploadTooLarge = true;
      return next.handle();
    }
  }
}

/** How a part's page is saved: what its form holds, and how to show it again. */
interface PartSave {
  /** The part's own page. */
  path: string;
  /** What is wrong with the form before the service sees it. */
  errors: FieldError[];
  changes: DraftChanges;
  /** The service's refusal of some fields, as this page's errors; null when it is not about fields. */
  refused: (problemFields: string[]) => FieldError[];
  render: (page: PageContext, draft: DraftContext, version: number, errors: FieldError[]) => string;
  /** Where "Add more lines" leads after saving. */
  morePath?: string;
}

/**
 * The applicant's pages: a call, starting an application, its task list and parts, checking and
 * submitting, and the confirmation. Every page works without JavaScript; the script saves the
 * question pages in the background and keeps the budget total live.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ApplyWebController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly attachments: AttachmentService,
    private readonly submissions: SubmissionService,
    private readonly calls: CallService,
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  @Get(APPLY_SCRIPT_PATH.slice(1))
  script(@Res() response: Response): void {
    sendScript(response, APPLY_SCRIPT);
  }

  // ---- the call, and starting an application ----

  @Get('calls/:id')
  async call(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const page = pageContext(request, response);
    response.type('html').send(callPage(page, await this.callPageData(actor, id, page, { organizationId: '', errors: [], draftId: null })));
  }

  @Post('calls/:id/applications')
  async start(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response, `/calls/${id}`);
    const page = formPage(request, response, `/calls/${id}`);
    const organizationId = field(body, 'organizationId');
    const refuse = async (status: HttpStatus, form: Pick<CallPageData, 'errors' | 'draftId'>): Promise<void> => {
      const data = await this.callPageData(actor, id, page, { organizationId, ...form });
      const first = data.organizations?.[0]?.id ?? '';
      const errors = form.errors.map((error) => (error.field === 'organizationId' ? { ...error, field: `organizationId-${first}` } : error));
      response.status(status).type('html').send(callPage(page, { ...data, errors }));
    };
    if (!UUID.test(organizationId)) return refuse(HttpStatus.UNPROCESSABLE_ENTITY, { errors: [{ field: 'organizationId', message: page.t('apply.error.chooseOrganization') }], draftId: null });
    try {
      const draft = await this.applications.createDraft(actor, id, organizationId);
      response.redirect(HttpStatus.SEE_OTHER, `/applications/${draft.id}/edit?notice=created`);
    } catch (error: unknown) {
      if (error instanceof DomainError && error.code === 'DRAFT_EXISTS') {
        const draftId = typeof error.details?.applicationId === 'string' ? error.details.applicationId : null;
        return refuse(HttpStatus.CONFLICT, { errors: [], draftId });
      }
      if (error instanceof DomainError && error.code === 'CALL_NOT_OPEN') {
        return refuse(HttpStatus.UNPROCESSABLE_ENTITY, { errors: [{ field: 'apply', message: page.t('apply.error.callNotOpen') }], draftId: null });
      }
      throw error;
    }
  }

  private async callPageData(actor: Actor | null, id: string, page: PageContext, form: Pick<CallPageData, 'organizationId' | 'errors' | 'draftId'>): Promise<CallPageData> {
    const call = await this.calls.get(actor, id);
    const fund = (await this.calls.funds()).find((candidate) => candidate.id === call.fundId);
    const base = { call, fundName: fund?.name[page.locale] ?? call.fundCode, ...form };
    if (!actor) return { ...base, organizations: null, existing: [] };
    const { organizations } = await this.users.profile(actor);
    const mine = new Set(organizations.map((organization) => organization.id));
    // Officers list every organization's applications: only the user's own count here.
    const applications = (await this.applications.list(actor, { callId: id, limit: 100 })).items.filter(
      (application) => mine.has(application.organizationId) && application.status !== 'withdrawn',
    );
    const drafting = new Set(applications.filter((application) => isEditable(application.status)).map((application) => application.organizationId));
    return {
      ...base,
      organizations: organizations.filter((organization) => !drafting.has(organization.id)).map(({ id: organizationId, legalName }) => ({ id: organizationId, legalName })),
      existing: applications.map((application) => ({ id: application.id, organizationName: application.organizationName, status: application.status })),
    };
  }

  // ---- the task list ----

  @Get('applications/:id/edit')
  async tasks(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const draft = await this.draft(actor, id);
    if (!isEditable(draft.application.status)) return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
    response.type('html').send(taskListPage(pageContext(request, response), draft, NOTICES[notice ?? ''] ?? null));
  }

  // ---- the project ----

  @Get('applications/:id/edit/project')
  async project(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const draft = await this.draft(actor, id);
    if (!isEditable(draft.application.status)) return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
    const { application } = draft;
    const values = { title: application.title, summary: application.summary };
    response.type('html').send(projectPage(pageContext(request, response), draft, { values, version: application.version, errors: [] }, NOTICES[notice ?? ''] ?? null));
  }

  @Post('applications/:id/edit/project')
  async saveProject(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const path = `/applications/${id}/edit/project`;
    await this.savePart(actor, id, body, request, response, path, (page) => {
      const values = readProjectForm(body);
      return {
        path,
        errors: projectProblems(values).map((problem) => projectProblemMessage(page, problem)),
        changes: { title: values.title.trim(), summary: values.summary.trim() },
        refused: () => [],
        render: (renderPage, draft, version, errors) => projectPage(renderPage, draft, { values, version, errors }, null),
      };
    });
  }

  // ---- a section of questions ----

  @Get('applications/:id/edit/sections/:key')
  async section(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('key') key: string,
    @Query('notice') notice: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const draft = await this.draft(actor, id);
    if (!isEditable(draft.application.status)) return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
    const section = sectionOf(draft, key);
    const page = pageContext(request, response);
    const values = savedAnswerValues(section.questions, draft.application.answers, page.locale);
    response.type('html').send(sectionPage(page, draft, section, { values, version: draft.application.version, errors: [] }, NOTICES[notice ?? ''] ?? null));
  }

  @Post('applications/:id/edit/sections/:key')
  async saveSection(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('key') key: string,
    @Body() body: FormBody,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    const path = `/applications/${id}/edit/sections/${key}`;
    await this.savePart(actor, id, body, request, response, path, (page, draft) => {
      const section = sectionOf(draft, key);
      const values = readAnswerForm(section.questions, body);
      const { answers, problems } = toAnswers(section.questions, values, page.locale);
      return {
        path,
        errors: problems.map((problem) => answerProblemMessage(page, problem)),
        changes: { answers },
        refused: (fields) => refusedAnswers(section.questions, fields).map((problem) => answerProblemMessage(page, problem)),
        render: (renderPage, renderDraft, version, errors) => sectionPage(renderPage, renderDraft, section, { values, version, errors }, null),
      };
    });
  }

  // ---- the budget ----

  @Get('applications/:id/edit/budget')
  async budget(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('notice') notice: string | undefined,
    @Query('rows') rows: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const draft = await this.draft(actor, id);
    if (!isEditable(draft.application.status)) return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
    const page = pageContext(request, response);
    const count = Math.min(Number.parseInt(rows ?? '', 10) || 0, MAX_BUDGET_ROWS);
    const form = { rows: withEmptyRows(savedBudgetRows(draft.application.budget, page.locale), count), version: draft.application.version, errors: [] };
    response.type('html').send(budgetPage(page, draft, this.fiscalYears(draft), form, NOTICES[notice ?? ''] ?? null));
  }

  @Post('applications/:id/edit/budget')
  async saveBudget(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const path = `/applications/${id}/edit/budget`;
    await this.savePart(actor, id, body, request, response, path, (page, draft) => {
      const rows = readBudgetForm(body);
      const { lines, rowOfLine, problems } = toBudget(rows);
      const months = draft.call.maxDurationMonths ?? 12;
      const more = field(body, 'then') === 'more' ? Math.min(rows.length + MORE_BUDGET_ROWS, MAX_BUDGET_ROWS) : 0;
      return {
        path,
        errors: problems.map((problem) => budgetProblemMessage(page, problem, months)),
        changes: { budget: lines },
        refused: (fields) => refusedBudget(fields, rowOfLine).map((problem) => budgetProblemMessage(page, problem, months)),
        render: (renderPage, renderDraft, version, errors) => budgetPage(renderPage, renderDraft, this.fiscalYears(renderDraft), { rows: withEmptyRows(rows, more), version, errors }, null),
        morePath: `${path}?rows=${more}&notice=saved#line-${lines.length}-fiscalYear`,
      };
    });
  }

  private fiscalYears(draft: DraftContext): string[] {
    // The same years ApplicationService.updateDraft accepts.
    return allowedFiscalYears(draft.call.closesAt ?? this.clock.now(), draft.call.maxDurationMonths ?? 12);
  }

  // ---- the attachments ----

  @Get('applications/:id/edit/attachments')
  async attachmentsForm(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('notice') notice: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const draft = await this.draft(actor, id);
    if (!isEditable(draft.application.status)) return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
    response.type('html').send(attachmentsPage(pageContext(request, response), draft, { errors: [] }, NOTICES[notice ?? ''] ?? null));
  }

  @Post('applications/:id/edit/attachments/:key')
  @UseInterceptors(PageUploadInterceptor)
  async upload(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('key') key: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Req() request: UploadRequest,
    @Res() response: Response,
  ): Promise<void> {
    const path = `/applications/${id}/edit/attachments`;
    if (!actor) return signInFirst(request, response, path);
    const page = formPage(request, response, path);
    const draft = await this.draft(actor, id);
    if (!isEditable(draft.application.status)) return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
    if (key !== OTHER_ATTACHMENT_KEY && !draft.call.requiredAttachments.some((document) => document.key === key)) throw new NotFoundError('Attachment');
    const refuse = (message: MessageKey): void => {
      response
        .status(HttpStatus.UNPROCESSABLE_ENTITY)
        .type('html')
        .send(attachmentsPage(page, draft, { errors: [{ field: uploadField(key), message: page.t(message) }] }, null));
    };
    if (request.uploadTooLarge) return refuse('apply.error.file.tooLarge');
    if (!file) return refuse('apply.error.file.missing');
    try {
      // Multer reads the name as Latin-1; browsers send UTF-8 (the API route does the same).
      await this.attachments.upload(actor, id, { key, originalName: Buffer.from(file.originalname, 'latin1').toString('utf8'), content: file.buffer });
    } catch (error: unknown) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'EMPTY_FILE') return refuse('apply.error.file.empty');
      if (error.code === 'FILE_TOO_LARGE') return refuse('apply.error.file.tooLarge');
      if (error.code === 'UNSUPPORTED_FILE_TYPE') return refuse('apply.error.file.type');
      if (error.code === 'APPLICATION_SUBMITTED') return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `${path}?notice=uploaded#document-${key}`);
  }

  @Post('applications/:id/edit/attachments/:attachmentId/remove')
  async removeAttachment(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    const path = `/applications/${id}/edit/attachments`;
    if (!actor) return signInFirst(request, response, path);
    try {
      await this.attachments.remove(actor, id, attachmentId);
    } catch (error: unknown) {
      if (error instanceof DomainError && error.code === 'APPLICATION_SUBMITTED') return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `${path}?notice=removed`);
  }

  // ---- check, submit, confirmation ----

  @Get('applications/:id/check')
  async check(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const draft = await this.draft(actor, id);
    if (!isEditable(draft.application.status)) return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
    const problems = await this.submissions.problems(actor, id);
    response.type('html').send(checkPage(pageContext(request, response), { draft, problems, errors: [], notice: NOTICES[notice ?? ''] ?? null }));
  }

  @Post('applications/:id/submit')
  async submit(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const path = `/applications/${id}/check`;
    if (!actor) return signInFirst(request, response, path);
    // Members only, as on every page of the form (an officer is refused, not sent through).
    await this.draft(actor, id);
    try {
      await this.submissions.submit(actor, id);
    } catch (error: unknown) {
      if (error instanceof DomainError && error.kind === 'rule_violation') {
        // Refused, say the deadline passed meanwhile: the check page lists why, as it is now.
        const page = formPage(request, response, path);
        const [draft, problems] = await Promise.all([this.draft(actor, id), this.submissions.problems(actor, id)]);
        response
          .status(HttpStatus.UNPROCESSABLE_ENTITY)
          .type('html')
          .send(checkPage(page, { draft, problems, errors: [{ field: 'missing', message: page.t('apply.error.notSubmitted') }], notice: null }));
        return;
      }
      if (error instanceof DomainError && error.kind === 'conflict') return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}/submitted`);
  }

  @Get('applications/:id/submitted')
  async submitted(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const draft = await this.draft(actor, id);
    if (!draft.application.referenceNumber || !draft.application.submittedAt) return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}/edit`);
    response.type('html').send(submittedPage(pageContext(request, response), draft));
  }

  // ---- shared ----

  /**
   * The application with its call and organization, for a member of the organization. Anyone
   * else is told it does not exist (the service decides), and an officer that only members edit.
   */
  private async draft(actor: Actor, id: string): Promise<DraftContext> {
    const access = await this.applications.readAccess(actor, id);
    if (!access.memberRole) throw new ForbiddenError('Only members of the organization edit its application');
    const application = await this.applications.view(this.dataSource.manager, access.application);
    const [call, organization] = await Promise.all([this.calls.get(actor, application.callId), this.organizations.get(actor, application.organizationId)]);
    return { application, call, organizationName: organization.legalName };
  }

  /**
   * Saves one part. From a button: on to the next part (or the list, or more budget rows) with a
   * notice, or the page again with the problems, status 422 (409 when someone else saved first,
   * keeping what was typed). From the autosave script (Accept: application/json): JSON only.
   */
  private async savePart(
    actor: Actor | null,
    id: string,
    body: FormBody,
    request: PageRequest,
    response: Response,
    path: string,
    read: (page: PageContext, draft: DraftContext) => PartSave,
  ): Promise<void> {
    const json = (request.get('accept') ?? '').includes('application/json');
    if (!actor) {
      if (json) return void response.status(HttpStatus.UNAUTHORIZED).json({ code: 'UNAUTHENTICATED' });
      return signInFirst(request, response, path);
    }
    const page = formPage(request, response, path);
    const draft = await this.draft(actor, id);
    if (!isEditable(draft.application.status)) {
      if (json) return void response.status(HttpStatus.CONFLICT).json({ code: 'APPLICATION_SUBMITTED' });
      return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
    }
    const part = read(page, draft);
    const version = Number.parseInt(field(body, 'version'), 10) || 0;
    const refuse = (status: HttpStatus, errors: FieldError[], shownVersion: number): void => {
      if (json) return void response.status(status).json({ code: status === HttpStatus.CONFLICT ? 'STALE_VERSION' : 'INVALID', errors });
      response.status(status).type('html').send(part.render(page, draft, shownVersion, errors));
    };
    if (part.errors.length > 0) return refuse(HttpStatus.UNPROCESSABLE_ENTITY, part.errors, version);
    let saved: Application;
    try {
      saved = await this.applications.updateDraft(actor, id, version, part.changes);
    } catch (error: unknown) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'STALE_VERSION') {
        // Shown with the version saved now: saving again keeps what this person typed.
        const current = typeof error.details?.currentVersion === 'number' ? error.details.currentVersion : version;
        return refuse(HttpStatus.CONFLICT, [{ field: 'part-form', message: page.t('apply.error.stale') }], current);
      }
      if (error.code === 'APPLICATION_SUBMITTED') {
        if (json) return void response.status(HttpStatus.CONFLICT).json({ code: error.code });
        return response.redirect(HttpStatus.SEE_OTHER, `/applications/${id}`);
      }
      if (error.kind === 'invalid') {
        const problems = Array.isArray(error.details?.problems) ? (error.details.problems as Array<{ field: string }>) : [];
        const errors = part.refused(problems.map((problem) => problem.field));
        if (errors.length > 0) return refuse(HttpStatus.UNPROCESSABLE_ENTITY, errors, version);
      }
      throw error;
    }
    if (json) return void response.json({ version: saved.version, savedAt: saved.updatedAt.toISOString() });
    const then = field(body, 'then');
    const next = then === 'list' ? `/applications/${id}/edit` : then === 'more' && part.morePath ? part.morePath : nextPartPath(page, { ...draft, application: saved }, part.path);
    response.redirect(HttpStatus.SEE_OTHER, `${next}${next.includes('?') ? '' : '?notice=saved'}`);
  }
}

function sectionOf(draft: DraftContext, key: string): FormSection {
  const section = draft.call.form?.sections.find((candidate) => candidate.key === key);
  if (!section) throw new NotFoundError('Section');
  return section;
}

