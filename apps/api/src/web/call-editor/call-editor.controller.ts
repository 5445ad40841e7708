import { Body, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Call, callGaps, callInconsistencies, CallService, CallTerms, Fund, FormSection, Problem, Question } from '@grants/calls';
import { DomainError, NotFoundError } from '@grants/core';
import { Actor } from '@grants/identity';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { Page, PageController, PageCtx, PageResult, PublicPage, redirectTo, script, submitForm, view } from '../pipeline';
import { FieldError } from '../views/form';
import { catalogNotice } from '../views/layout';
import { FormBody } from '../web-request';
import {
  basicsPage,
  closePage,
  editPath,
  eligibilityPage,
  fieldErrors,
  formOutlinePage,
  listPage,
  newCallPage,
  NewCallValues,
  Notice,
  overviewPage,
  PartForm,
  problemText,
  publishConfirmPage,
  questionPage,
  sectionPage,
} from './call-editor.pages';
import {
  basicsChanges,
  basicsValuesOf,
  eligibilityChanges,
  eligibilityValuesOf,
  FormError,
  ItemValues,
  ListItem,
  listFrom,
  ListKind,
  listValuesOf,
  MAX_TEXT_LENGTH,
  questionFrom,
  questionValuesOf,
  readBasics,
  readEligibility,
  readList,
  readQuestion,
  readSection,
  sectionFrom,
  sectionValuesOf,
  typed,
} from './call-form';
import { CALL_EDITOR_SCRIPT, CALL_EDITOR_SCRIPT_PATH } from './call-editor.script';
import { CALL_PARTS, CallPart, LocatedProblem, locateProblem } from './call-problems';

type ListPart = 'attachments' | 'rubric' | 'outcomes';

const NOTICES: Record<string, { kind: 'success' | 'informational'; key: MessageKey }> = {
  created: { kind: 'success', key: 'callEditor.notice.created' },
  published: { kind: 'success', key: 'callEditor.notice.published' },
  closed: { kind: 'success', key: 'callEditor.notice.closed' },
  sectionSaved: { kind: 'success', key: 'callEditor.notice.sectionSaved' },
  questionSaved: { kind: 'success', key: 'callEditor.notice.questionSaved' },
  moved: { kind: 'success', key: 'callEditor.notice.moved' },
  removed: { kind: 'success', key: 'callEditor.notice.removed' },
  stale: { kind: 'informational', key: 'callEditor.notice.stale' },
  readOnly: { kind: 'informational', key: 'callEditor.notice.readOnly' },
};

const LISTS: Record<ListPart, ListKind> = { attachments: 'attachments', rubric: 'criteria', outcomes: 'measures' };

/** How a part page is saved and shown again. */
interface PartSave {
  page: PageContext;
  part: CallPart;
  /** Where a problem of another part, or a stale version, is said. */
  firstField: string;
  render: (call: Call, errors: FieldError[]) => string;
  /** Where a saved part leads (else the call, saying which part was saved). */
  saved?: string;
  /** The section or question a page edits: its problems go beside its fields. */
  item?: { page: string };
  /** For a list page, the form row each saved item came from, and the band of its row each descriptor of a criterion came from. */
  rows?: string[];
  bands?: number[][];
}

/**
 * The officer's call editor: a draft is created with its fund and title, then filled in part by
 * part (one form each, every one working without JavaScript), its problems listed until it can
 * be published; a published call reads back, and can be closed early. The rules are CallService's:
 * these pages read forms, call it with the version they showed, and put its problems beside the
 * fields that caused them.
 */
@PageController()
export class CallEditorWebController {
  constructor(private readonly calls: CallService) {}

  @Get(CALL_EDITOR_SCRIPT_PATH.slice(1))
  @PublicPage()
  editorScript(): PageResult {
    return script(CALL_EDITOR_SCRIPT);
  }

  // ---- creating ----

  @Get('officer/calls/new')
  @Page('officer')
  async newForm(@PageCtx() page: PageContext): Promise<PageResult> {
    const { values, restored } = await page.typedOr(readNewCall, () => ({ fundId: '', titleEn: '', titleFr: '' }));
    return view(newCallPage(page, await this.calls.funds(), values, [], restored ? catalogNotice(page, 'form.restored') : null));
  }

  @Post('officer/calls/new')
  @Page('officer', { back: '/officer/calls/new', keepTyped: true })
  async create(@CurrentActor() actor: Actor, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const funds = await this.calls.funds();
    const values = readNewCall(body);
    return submitForm({
      problems: fieldErrors(page.t, newCallErrors(values, funds)),
      run: () => this.calls.create(actor, values.fundId, { title: { en: values.titleEn.trim(), fr: values.titleFr.trim() } }),
      done: (call) => redirectTo(`${editPath(call.id)}?notice=created`),
      again: (errors) => newCallPage(page, funds, values, errors),
    });
  }

  // ---- overview, publishing, closing ----

  @Get('officer/calls/:id/edit')
  @Page('officer')
  async overview(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return view(await this.overviewHtml(page, await this.calls.get(actor, id), noticeFor(page, notice), []));
  }

  /** Publishing asks first; a call that is not ready, or already published, goes back to its page. */
  @Get('officer/calls/:id/publish/confirm')
  @Page('officer')
  async publishConfirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, (call) => {
      const ready = callGaps(call).length === 0 && callInconsistencies(call, call.fundCode).length === 0;
      return ready ? view(publishConfirmPage(page, call)) : redirectTo(`${editPath(id)}#blocking`);
    });
  }

  @Post('officer/calls/:id/publish')
  @Page('officer', { back: '/officer/calls/:id/edit' })
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return submitForm({
      run: () => this.calls.publish(actor, id),
      refusals: {
        CALL_ALREADY_PUBLISHED: () => redirectTo(editPath(id)),
        CALL_INCOMPLETE: { field: 'blocking', message: page.t('callEditor.error.notReady') },
        CLOSING_IN_PAST: { field: 'publish', message: page.t('callEditor.error.closingPast') },
      },
      done: () => redirectTo(`${editPath(id)}?notice=published`),
      again: async (errors) => this.overviewHtml(page, await this.calls.get(actor, id), null, errors),
    });
  }

  @Get('officer/calls/:id/close')
  @Page('officer')
  async closeForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const call = await this.calls.get(actor, id);
    if (call.status !== 'open' && call.status !== 'scheduled') return redirectTo(editPath(id));
    return view(closePage(page, call));
  }

  @Post('officer/calls/:id/close')
  @Page('officer', { back: '/officer/calls/:id/close' })
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return submitForm({
      run: () => this.calls.close(actor, id),
      // A draft, or closed already (by its closing time or from another tab): the call's page says where it stands.
      refusals: { CALL_NOT_OPEN: () => redirectTo(editPath(id)) },
      done: () => redirectTo(`${editPath(id)}?notice=closed`),
      again: async () => closePage(page, await this.calls.get(actor, id)),
    });
  }

  // ---- basics and eligibility ----

  @Get('officer/calls/:id/edit/basics')
  @Page('officer')
  basicsForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, async (call) => {
      const shown = await shownPart(page, call, readBasics, () => basicsValuesOf(call, page.locale));
      return view(basicsPage(page, shown.call, shown.form));
    });
  }

  @Post('officer/calls/:id/edit/basics')
  @Page('officer', { back: '/officer/calls/:id/edit/basics', keepTyped: true })
  saveBasics(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, (call) => {
      const values = readBasics(body);
      const { changes, errors } = basicsChanges(values, call);
      const render = (current: Call, fieldErrorList: FieldError[]): string => basicsPage(page, current, { values, errors: fieldErrorList });
      return this.saveAndAnswer(actor, call, body, changes, errors, { page, part: 'basics', firstField: 'titleEn', render });
    });
  }

  @Get('officer/calls/:id/edit/eligibility')
  @Page('officer')
  eligibilityForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, async (call) => {
      const shown = await shownPart(page, call, readEligibility, () => eligibilityValuesOf(call.eligibility));
      return view(eligibilityPage(page, shown.call, shown.form));
    });
  }

  @Post('officer/calls/:id/edit/eligibility')
  @Page('officer', { back: '/officer/calls/:id/edit/eligibility', keepTyped: true })
  saveEligibility(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, (call) => {
      const values = readEligibility(body);
      const { changes, errors } = eligibilityChanges(values);
      const render = (current: Call, fieldErrorList: FieldError[]): string => eligibilityPage(page, current, { values, errors: fieldErrorList });
      return this.saveAndAnswer(actor, call, body, changes, errors, { page, part: 'eligibility', firstField: 'organizationTypes-non_profit', render });
    });
  }

  // ---- the application form: its outline, then one section or question per page ----

  @Get('officer/calls/:id/edit/form')
  @Page('officer')
  formOutline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, (call) => view(formOutlinePage(page, call, noticeFor(page, notice))));
  }

  @Get('officer/calls/:id/edit/form/sections/new')
  @Page('officer')
  newSectionForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, async (call) => {
      const shown = await shownPart(page, call, readSection, () => sectionValuesOf(null));
      return view(sectionPage(page, shown.call, null, shown.form));
    });
  }

  @Post('officer/calls/:id/edit/form/sections/new')
  @Page('officer', { back: '/officer/calls/:id/edit/form/sections/new', keepTyped: true })
  addSection(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, (call) => this.saveNewSection(actor, call, body, page));
  }

  @Get('officer/calls/:id/edit/form/sections/:section')
  @Page('officer')
  sectionForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('section') sectionParam: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, async (call) => {
      const s = indexOf(sectionParam);
      const section = sectionAt(call, s);
      const shown = await shownPart(page, call, readSection, () => sectionValuesOf(section), { itemKey: section.key });
      return view(sectionPage(page, shown.call, s, shown.form));
    });
  }

  @Post('officer/calls/:id/edit/form/sections/:section')
  @Page('officer', { back: '/officer/calls/:id/edit/form/sections/:section', keepTyped: true })
  saveSection(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('section') sectionParam: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const s = indexOf(sectionParam);
    return this.withDraft(actor, id, (call) => this.saveSectionAt(actor, call, s, body, page));
  }

  @Post('officer/calls/:id/edit/form/sections/:section/move')
  @Page('officer', { back: '/officer/calls/:id/edit/form' })
  moveSection(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('section') sectionParam: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.editOutline(actor, id, body, page, 'moved', sectionParam);
  }

  @Post('officer/calls/:id/edit/form/sections/:section/remove')
  @Page('officer', { back: '/officer/calls/:id/edit/form' })
  removeSection(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('section') sectionParam: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.editOutline(actor, id, body, page, 'removed', sectionParam);
  }

  @Get('officer/calls/:id/edit/form/sections/:section/questions/new')
  @Page('officer')
  newQuestionForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('section') sectionParam: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, async (call) => {
      const s = indexOf(sectionParam);
      sectionAt(call, s);
      const shown = await shownPart(page, call, readQuestion, () => questionValuesOf(null, page.locale));
      return view(questionPage(page, shown.call, s, null, shown.form));
    });
  }

  @Post('officer/calls/:id/edit/form/sections/:section/questions/new')
  @Page('officer', { back: '/officer/calls/:id/edit/form/sections/:section/questions/new', keepTyped: true })
  addQuestion(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('section') sectionParam: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const s = indexOf(sectionParam);
    return this.withDraft(actor, id, (call) => this.saveNewQuestion(actor, call, s, body, page));
  }

  @Get('officer/calls/:id/edit/form/sections/:section/questions/:question')
  @Page('officer')
  questionForm(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Param('question') questionParam: string,
    @PageCtx() page: PageContext,
  ): Promise<PageResult> {
    return this.withDraft(actor, id, async (call) => {
      const [s, q] = [indexOf(sectionParam), indexOf(questionParam)];
      const question = questionAt(call, s, q);
      const shown = await shownPart(page, call, readQuestion, () => questionValuesOf(question, page.locale), { itemKey: question.key });
      return view(questionPage(page, shown.call, s, q, shown.form));
    });
  }

  @Post('officer/calls/:id/edit/form/sections/:section/questions/:question')
  @Page('officer', { back: '/officer/calls/:id/edit/form/sections/:section/questions/:question', keepTyped: true })
  saveQuestion(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Param('question') questionParam: string,
    @Body() body: FormBody,
    @PageCtx() page: PageContext,
  ): Promise<PageResult> {
    const [s, q] = [indexOf(sectionParam), indexOf(questionParam)];
    return this.withDraft(actor, id, (call) => this.saveQuestionAt(actor, call, s, q, body, page));
  }

  @Post('officer/calls/:id/edit/form/sections/:section/questions/:question/move')
  @Page('officer', { back: '/officer/calls/:id/edit/form' })
  moveQuestion(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Param('question') questionParam: string,
    @Body() body: FormBody,
    @PageCtx() page: PageContext,
  ): Promise<PageResult> {
    return this.editOutline(actor, id, body, page, 'moved', sectionParam, questionParam);
  }

  @Post('officer/calls/:id/edit/form/sections/:section/questions/:question/remove')
  @Page('officer', { back: '/officer/calls/:id/edit/form' })
  removeQuestion(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Param('question') questionParam: string,
    @Body() body: FormBody,
    @PageCtx() page: PageContext,
  ): Promise<PageResult> {
    return this.editOutline(actor, id, body, page, 'removed', sectionParam, questionParam);
  }

  // ---- lists: required attachments, rubric, outcome measures ----

  @Get('officer/calls/:id/edit/attachments')
  @Page('officer')
  attachmentsForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.listForm(actor, id, 'attachments', notice, page);
  }

  @Post('officer/calls/:id/edit/attachments')
  @Page('officer', { back: '/officer/calls/:id/edit/attachments', keepTyped: true })
  saveAttachments(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, (call) => this.saveList(actor, call, 'attachments', body, page));
  }

  @Get('officer/calls/:id/edit/rubric')
  @Page('officer')
  rubricForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.listForm(actor, id, 'rubric', notice, page);
  }

  @Post('officer/calls/:id/edit/rubric')
  @Page('officer', { back: '/officer/calls/:id/edit/rubric', keepTyped: true })
  saveRubric(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, (call) => this.saveList(actor, call, 'rubric', body, page));
  }

  @Get('officer/calls/:id/edit/outcomes')
  @Page('officer')
  outcomesForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.listForm(actor, id, 'outcomes', notice, page);
  }

  @Post('officer/calls/:id/edit/outcomes')
  @Page('officer', { back: '/officer/calls/:id/edit/outcomes', keepTyped: true })
  saveOutcomes(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.withDraft(actor, id, (call) => this.saveList(actor, call, 'outcomes', body, page));
  }

  // ---- shared ----

  private async overviewHtml(page: PageContext, call: Call, notice: Notice, errors: FieldError[]): Promise<string> {
    const fund = (await this.calls.funds()).find((candidate) => candidate.id === call.fundId);
    if (!fund) throw new NotFoundError('Fund');
    // The same rules publishing applies: what is missing, then what contradicts itself.
    const problems = call.publishedAt ? [] : [...callGaps(call), ...callInconsistencies(call, call.fundCode)].map(locateProblem);
    return overviewPage(page, { call, fund, problems, notice, errors });
  }

  /** The call, if it is still a draft, to the page that edits it; a published call's editing pages lead back to it. */
  private async withDraft(actor: Actor, id: string, answer: (call: Call) => PageResult | Promise<PageResult>): Promise<PageResult> {
    const call = await this.calls.get(actor, id);
    if (call.publishedAt !== null) return redirectTo(`${editPath(id)}?notice=readOnly`);
    return answer(call);
  }

  private saveNewSection(actor: Actor, call: Call, body: FormBody, page: PageContext): Promise<PageResult> {
    const values = readSection(body);
    const sections = call.form?.sections ?? [];
    const { section, errors } = sectionFrom(values, null, call.form);
    return this.saveAndAnswer(actor, call, body, { form: { sections: [...sections, section] } }, errors, {
      page,
      part: 'form',
      firstField: 'titleEn',
      item: { page: `form/sections/${sections.length}` },
      saved: `${editPath(call.id, 'form')}?notice=sectionSaved#section-${sections.length}`,
      render: (current, fieldErrorList) => sectionPage(page, current, null, { values, errors: fieldErrorList, itemKey: '' }),
    });
  }

  private async saveSectionAt(actor: Actor, call: Call, s: number, body: FormBody, page: PageContext): Promise<PageResult> {
    const values = readSection(body);
    const sections = call.form?.sections ?? [];
    const current = sections[s];
    if (!current || current.key !== typed(body, 'itemKey')) {
      return view(sectionPage(page, call, s, { values, errors: [{ field: 'titleEn', message: page.t('callEditor.error.moved') }], itemKey: typed(body, 'itemKey') }), HttpStatus.CONFLICT);
    }
    const { section, errors } = sectionFrom(values, current, call.form);
    return this.saveAndAnswer(actor, call, body, { form: { sections: sections.map((other, index) => (index === s ? section : other)) } }, errors, {
      page,
      part: 'form',
      firstField: 'titleEn',
      item: { page: `form/sections/${s}` },
      saved: `${editPath(call.id, 'form')}?notice=sectionSaved#section-${s}`,
      render: (fresh, fieldErrorList) => sectionPage(page, fresh, s, { values, errors: fieldErrorList, itemKey: current.key }),
    });
  }

  private saveNewQuestion(actor: Actor, call: Call, s: number, body: FormBody, page: PageContext): Promise<PageResult> {
    const section = sectionAt(call, s);
    const values = readQuestion(body);
    const { question, errors } = questionFrom(values, null, call.form);
    const q = section.questions.length;
    return this.saveAndAnswer(actor, call, body, { form: withQuestions(call, s, [...section.questions, question]) }, errors, {
      page,
      part: 'form',
      firstField: 'labelEn',
      item: { page: `form/sections/${s}/questions/${q}` },
      saved: `${editPath(call.id, 'form')}?notice=questionSaved#section-${s}`,
      render: (fresh, fieldErrorList) => questionPage(page, fresh, s, null, { values, errors: fieldErrorList, itemKey: '' }),
    });
  }

  private async saveQuestionAt(actor: Actor, call: Call, s: number, q: number, body: FormBody, page: PageContext): Promise<PageResult> {
    const values = readQuestion(body);
    const section = call.form?.sections[s];
    const current = section?.questions[q];
    if (!section || !current || current.key !== typed(body, 'itemKey')) {
      return view(questionPage(page, call, s, q, { values, errors: [{ field: 'labelEn', message: page.t('callEditor.error.moved') }], itemKey: typed(body, 'itemKey') }), HttpStatus.CONFLICT);
    }
    const { question, errors } = questionFrom(values, current, call.form);
    return this.saveAndAnswer(actor, call, body, { form: withQuestions(call, s, section.questions.map((other, index) => (index === q ? question : other))) }, errors, {
      page,
      part: 'form',
      firstField: 'labelEn',
      item: { page: `form/sections/${s}/questions/${q}` },
      saved: `${editPath(call.id, 'form')}?notice=questionSaved#section-${s}`,
      render: (fresh, fieldErrorList) => questionPage(page, fresh, s, q, { values, errors: fieldErrorList, itemKey: current.key }),
    });
  }

  private listForm(actor: Actor, id: string, part: ListPart, notice: string | undefined, page: PageContext): Promise<PageResult> {
    const kind = LISTS[part];
    return this.withDraft(actor, id, async (call) => {
      const shown = await shownPart(page, call, (body) => readList(kind, body), () => listValuesOf(kind, listItems(call, kind), page.locale), { notice: noticeFor(page, notice) });
      return view(listPage(page, shown.call, kind, shown.form));
    });
  }

  private saveList(actor: Actor, call: Call, part: ListPart, body: FormBody, page: PageContext): Promise<PageResult> {
    const kind = LISTS[part];
    const values: ItemValues[] = readList(kind, body);
    const { items, rows, bands, errors } = listFrom(kind, values);
    const changes: Partial<CallTerms> =
      kind === 'attachments'
        ? { requiredAttachments: items as CallTerms['requiredAttachments'] }
        : kind === 'criteria'
          ? { rubric: { criteria: items as NonNullable<CallTerms['rubric']>['criteria'] } }
          : { outcomeMeasures: items as CallTerms['outcomeMeasures'] };
    const more = typed(body, 'then') === 'more';
    return this.saveAndAnswer(actor, call, body, changes, errors, {
      page,
      part,
      firstField: `${kind}-${values[0]?.row ?? 'new'}-labelEn`,
      rows,
      bands,
      saved: more ? `${editPath(call.id, part)}?notice=saved-${part}#${kind}-new-labelEn` : `${editPath(call.id)}?notice=saved-${part}`,
      render: (fresh, fieldErrorList) => listPage(page, fresh, kind, { values, errors: fieldErrorList }),
    });
  }

  /**
   * Saves a part page's changes and answers: back to the call (or where `saved` says) on success;
   * otherwise the page again, with what was typed, the problems beside their fields (422), or the
   * newer version and a word that someone else saved meanwhile (409).
   */
  private saveAndAnswer(actor: Actor, call: Call, body: FormBody, changes: Partial<CallTerms>, formErrors: FormError[], options: PartSave): Promise<PageResult> {
    const { page, render } = options;
    return submitForm({
      problems: fieldErrors(page.t, formErrors),
      run: () => this.calls.update(actor, call.id, versionOf(body), changes),
      refusals: {
        STALE_VERSION: { field: options.firstField, message: page.t('callEditor.error.stale') },
        CALL_INVALID: (error) => problemsOf(error).map((problem) => this.besideField(page, problem, options)),
        CALL_NOT_DRAFT: () => redirectTo(`${editPath(call.id)}?notice=readOnly`),
      },
      done: () => redirectTo(options.saved ?? `${editPath(call.id)}?notice=saved-${options.part}`),
      again: async (errors, status) => render(status === HttpStatus.CONFLICT ? await this.calls.get(actor, call.id) : call, errors),
    });
  }

  /** Where a problem of the service goes on the page that was saved. */
  private besideField(page: PageContext, problem: LocatedProblem, options: Pick<PartSave, 'part' | 'firstField' | 'item' | 'rows' | 'bands'>): FieldError {
    const { t } = page;
    const message = t(problem.message, problem.params);
    if (options.item) return problem.page === options.item.page ? { field: problem.field, message } : { field: options.firstField, message: problemText(t, problem) };
    if (problem.part !== options.part) return { field: options.firstField, message: problemText(t, problem) };
    if (options.rows && problem.item !== undefined) {
      const item = problem.item - 1;
      const row = options.rows[item] ?? 'new';
      // The editor sorts a criterion's bands and leaves blank ones out: the field is the band as typed.
      const field = problem.field.replace(/-band-(\d+)-/, (_, band: string) => `-band-${options.bands?.[item]?.[Number(band)] ?? band}-`);
      return { field: field.replace(new RegExp(`^(\\w+)-${item}-`), `$1-${row}-`), message };
    }
    return { field: problem.field, message };
  }

  /** Moves (`direction` up or down) or removes a section of the form, or a question of a section. */
  private editOutline(actor: Actor, id: string, body: FormBody, page: PageContext, edit: 'moved' | 'removed', sectionParam: string, questionParam?: string): Promise<PageResult> {
    return this.withDraft(actor, id, (call) => {
      const s = indexOf(sectionParam);
      const change = <T>(items: readonly T[], index: number): T[] => (edit === 'moved' ? moved(items, index, typed(body, 'direction')) : items.filter((_, other) => other !== index));
      if (questionParam === undefined) {
        const section = sectionAt(call, s);
        const sections = change(call.form!.sections, s);
        return this.outlineChange(actor, call, body, page, sections, edit, edit === 'moved' ? sections.indexOf(section) : null);
      }
      const q = indexOf(questionParam);
      questionAt(call, s, q);
      return this.outlineChange(actor, call, body, page, withQuestions(call, s, change(call.form!.sections[s]!.questions, q)).sections, edit, s);
    });
  }

  /** A move or a removal on the form's outline: nothing to type, so a stale version only asks to look again. */
  private outlineChange(actor: Actor, call: Call, body: FormBody, page: PageContext, sections: FormSection[], notice: 'moved' | 'removed', anchorSection: number | null): Promise<PageResult> {
    const anchor = anchorSection === null || anchorSection < 0 ? '' : `#section-${anchorSection}`;
    return submitForm({
      run: () => this.calls.update(actor, call.id, versionOf(body), { form: { sections } }),
      refusals: {
        CALL_NOT_DRAFT: () => redirectTo(`${editPath(call.id)}?notice=readOnly`),
        STALE_VERSION: () => redirectTo(`${editPath(call.id, 'form')}?notice=stale`),
      },
      done: () => redirectTo(`${editPath(call.id, 'form')}?notice=${notice}${anchor}`),
      again: () => formOutlinePage(page, call, null),
    });
  }
}

/** What the new-call form itself got wrong: the fund, and both titles. */
function newCallErrors(values: NewCallValues, funds: readonly Fund[]): FormError[] {
  const errors: FormError[] = [];
  if (!funds.some((fund) => fund.id === values.fundId)) errors.push({ field: `fundId-${funds[0]?.id ?? ''}`, message: 'callEditor.error.fund' });
  for (const [field, language] of [['titleEn', 'en'], ['titleFr', 'fr']] as const) {
    const title = values[field].trim();
    if (title === '') errors.push({ field, message: `callEditor.problem.missing.title.${language}` });
    else if (title.length > MAX_TEXT_LENGTH) errors.push({ field, message: 'callEditor.error.tooLong', params: { max: MAX_TEXT_LENGTH } });
  }
  return errors;
}

/** The new call's form as typed. */
function readNewCall(body: FormBody): NewCallValues {
  return { fundId: typed(body, 'fundId'), titleEn: typed(body, 'titleEn'), titleFr: typed(body, 'titleFr') };
}

/**
 * A part's form as typed when the session ended (kept over the sign-in), at the version and for the
 * section or question it was typed on, so that saving it says if the call changed since; else as
 * saved, with the page's notice.
 */
async function shownPart<V>(page: PageContext, call: Call, read: (body: FormBody) => V, saved: () => V, shown: { itemKey?: string; notice?: Notice } = {}): Promise<{ call: Call; form: PartForm<V> & { itemKey: string } }> {
  const form = await page.typedOr(
    (body) => ({ values: read(body), version: versionOf(body), itemKey: typed(body, 'itemKey') }),
    () => ({ values: saved(), version: call.version, itemKey: shown.itemKey ?? '' }),
  );
  const { values, version, itemKey } = form.values;
  return { call: { ...call, version }, form: { values, errors: [], itemKey, notice: form.restored ? catalogNotice(page, 'form.restored') : (shown.notice ?? null) } };
}

/** The version the page showed; a form without one is stale. */
function versionOf(body: FormBody): number {
  const version = Number(typed(body, 'version'));
  return Number.isSafeInteger(version) ? version : 0;
}

function problemsOf(error: DomainError): LocatedProblem[] {
  return ((error.details?.problems ?? []) as Problem[]).map(locateProblem);
}

function noticeFor(page: PageContext, notice: string | undefined): Notice {
  if (!notice) return null;
  const saved = /^saved-(\w+)$/.exec(notice)?.[1];
  if (saved && (CALL_PARTS as readonly string[]).includes(saved)) return { kind: 'success', text: page.t('callEditor.notice.saved', { part: page.t(`callEditor.part.${saved as CallPart}`) }) };
  const known = NOTICES[notice];
  return known ? { kind: known.kind, text: page.t(known.key) } : null;
}

function indexOf(text: string): number {
  if (!/^\d{1,4}$/.test(text)) throw new NotFoundError('Page');
  return Number(text);
}

function sectionAt(call: Call, s: number): FormSection {
  const section = call.form?.sections[s];
  if (!section) throw new NotFoundError('Section');
  return section;
}

function questionAt(call: Call, s: number, q: number): Question {
  const question = sectionAt(call, s).questions[q];
  if (!question) throw new NotFoundError('Question');
  return question;
}

function withQuestions(call: Call, s: number, questions: Question[]): { sections: FormSection[] } {
  return { sections: (call.form?.sections ?? []).map((section, index) => (index === s ? { ...section, questions } : section)) };
}

/** The list with one item moved a place up or down (unchanged at either end). */
function moved<T>(items: readonly T[], index: number, direction: string): T[] {
  const target = direction === 'up' ? index - 1 : direction === 'down' ? index + 1 : index;
  const copy = [...items];
  if (target < 0 || target >= copy.length || target === index) return copy;
  [copy[index], copy[target]] = [copy[target]!, copy[index]!];
  return copy;
}

function listItems(call: Call, kind: ListKind): ListItem[] {
  if (kind === 'attachments') return call.requiredAttachments;
  if (kind === 'criteria') return call.rubric?.criteria ?? [];
  return call.outcomeMeasures ?? [];
}
