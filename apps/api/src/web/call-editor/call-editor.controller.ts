import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Call, callGaps, callInconsistencies, CallService, CallTerms, FormSection, Problem, Question } from '@grants/calls';
import { DomainError, NotFoundError } from '@grants/core';
import { Actor } from '@grants/identity';
import { Response } from 'express';
import { OptionalActor, Public } from '../../http/auth/auth.decorators';
import { MessageKey } from '../i18n/i18n';
import { formPage, PageContext, pageContext } from '../page-context';
import { FieldError } from '../views/form';
import { hasPageRole, PageRequest, sendScript, signInFirst } from '../web-request';
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
  problemText,
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

type Form = Record<string, unknown>;
type SaveOutcome = { kind: 'saved' } | { kind: 'stale'; call: Call } | { kind: 'invalid'; problems: LocatedProblem[] } | { kind: 'published' };

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

const LISTS: Record<'attachments' | 'rubric' | 'outcomes', ListKind> = { attachments: 'attachments', rubric: 'criteria', outcomes: 'measures' };

/**
 * The officer's call editor: a draft is created with its fund and title, then filled in part by
 * part (one form each, every one working without JavaScript), its problems listed until it can
 * be published; a published call reads back, and can be closed early. The rules are CallService's:
 * these pages read forms, call it with the version they showed, and put its problems beside the
 * fields that caused them.
 */
@ApiExcludeController()
@Public()
@Controller()
export class CallEditorWebController {
  constructor(private readonly calls: CallService) {}

  @Get(CALL_EDITOR_SCRIPT_PATH.slice(1))
  script(@Res() response: Response): void {
    sendScript(response, CALL_EDITOR_SCRIPT);
  }

  // ---- creating ----

  @Get('officer/calls/new')
  async newForm(@OptionalActor() actor: Actor | null, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const funds = await this.calls.funds();
    response.type('html').send(newCallPage(pageContext(request, response), funds, { fundId: '', titleEn: '', titleFr: '' }, []));
  }

  @Post('officer/calls/new')
  async create(@OptionalActor() actor: Actor | null, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, '/officer/calls/new');
    const page = formPage(request, response, '/officer/calls/new');
    const funds = await this.calls.funds();
    const values: NewCallValues = { fundId: typed(body, 'fundId'), titleEn: typed(body, 'titleEn'), titleFr: typed(body, 'titleFr') };
    const errors: FormError[] = [];
    if (!funds.some((fund) => fund.id === values.fundId)) errors.push({ field: `fundId-${funds[0]?.id ?? ''}`, message: 'callEditor.error.fund' });
    for (const [field, language] of [['titleEn', 'en'], ['titleFr', 'fr']] as const) {
      const title = values[field].trim();
      if (title === '') errors.push({ field, message: `callEditor.problem.missing.title.${language}` });
      else if (title.length > MAX_TEXT_LENGTH) errors.push({ field, message: 'callEditor.error.tooLong', params: { max: MAX_TEXT_LENGTH } });
    }
    if (errors.length > 0) {
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(newCallPage(page, funds, values, fieldErrors(page.t, errors)));
      return;
    }
    const call = await this.calls.create(actor, values.fundId, { title: { en: values.titleEn.trim(), fr: values.titleFr.trim() } });
    response.redirect(HttpStatus.SEE_OTHER, `${editPath(call.id)}?notice=created`);
  }

  // ---- overview, publishing, closing ----

  @Get('officer/calls/:id/edit')
  async overview(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('notice') notice: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const page = pageContext(request, response);
    const call = await this.calls.get(actor, id);
    response.type('html').send(await this.overviewHtml(page, call, noticeFor(page, notice), []));
  }

  @Post('officer/calls/:id/publish')
  async publish(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, editPath(id));
    try {
      await this.calls.publish(actor, id);
    } catch (error: unknown) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'CALL_ALREADY_PUBLISHED') return response.redirect(HttpStatus.SEE_OTHER, editPath(id));
      if (error.code !== 'CALL_INCOMPLETE' && error.code !== 'CLOSING_IN_PAST') throw error;
      const page = formPage(request, response, editPath(id));
      const refusal: FieldError =
        error.code === 'CALL_INCOMPLETE' ? { field: 'blocking', message: page.t('callEditor.error.notReady') } : { field: 'publish', message: page.t('callEditor.error.closingPast') };
      const call = await this.calls.get(actor, id);
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(await this.overviewHtml(page, call, null, [refusal]));
      return;
    }
    response.redirect(HttpStatus.SEE_OTHER, `${editPath(id)}?notice=published`);
  }

  @Get('officer/calls/:id/close')
  async closeForm(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const call = await this.calls.get(actor, id);
    if (call.status !== 'open' && call.status !== 'scheduled') return response.redirect(HttpStatus.SEE_OTHER, editPath(id));
    response.type('html').send(closePage(pageContext(request, response), call));
  }

  @Post('officer/calls/:id/close')
  async close(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, `/officer/calls/${id}/close`);
    try {
      await this.calls.close(actor, id);
    } catch (error: unknown) {
      // A draft, or closed already (by its closing time or from another tab): the call's page says where it stands.
      if (error instanceof DomainError && error.code === 'CALL_NOT_OPEN') return response.redirect(HttpStatus.SEE_OTHER, editPath(id));
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `${editPath(id)}?notice=closed`);
  }

  // ---- basics and eligibility ----

  @Get('officer/calls/:id/edit/basics')
  async basicsForm(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const page = pageContext(request, response);
    response.type('html').send(basicsPage(page, call, { values: basicsValuesOf(call, page.locale), errors: [] }));
  }

  @Post('officer/calls/:id/edit/basics')
  async saveBasics(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, editPath(id, 'basics'));
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const page = formPage(request, response, editPath(id, 'basics'));
    const values = readBasics(body);
    const { changes, errors } = basicsChanges(values, call);
    await this.saveAndAnswer(actor, call, body, changes, errors, response, {
      page,
      part: 'basics',
      firstField: 'titleEn',
      render: (current, fieldErrorList) => basicsPage(page, current, { values, errors: fieldErrorList }),
    });
  }

  @Get('officer/calls/:id/edit/eligibility')
  async eligibilityForm(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    response.type('html').send(eligibilityPage(pageContext(request, response), call, { values: eligibilityValuesOf(call.eligibility), errors: [] }));
  }

  @Post('officer/calls/:id/edit/eligibility')
  async saveEligibility(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, editPath(id, 'eligibility'));
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const page = formPage(request, response, editPath(id, 'eligibility'));
    const values = readEligibility(body);
    const { changes, errors } = eligibilityChanges(values);
    await this.saveAndAnswer(actor, call, body, changes, errors, response, {
      page,
      part: 'eligibility',
      firstField: 'organizationTypes-non_profit',
      render: (current, fieldErrorList) => eligibilityPage(page, current, { values, errors: fieldErrorList }),
    });
  }

  // ---- the application form: its outline, then one section or question per page ----

  @Get('officer/calls/:id/edit/form')
  async formOutline(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('notice') notice: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const page = pageContext(request, response);
    response.type('html').send(formOutlinePage(page, call, noticeFor(page, notice)));
  }

  @Get('officer/calls/:id/edit/form/sections/new')
  async newSectionForm(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    response.type('html').send(sectionPage(pageContext(request, response), call, null, { values: sectionValuesOf(null), errors: [], itemKey: '' }));
  }

  @Post('officer/calls/:id/edit/form/sections/new')
  async addSection(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const path = editPath(id, 'form/sections/new');
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, path);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const page = formPage(request, response, path);
    const values = readSection(body);
    const sections = call.form?.sections ?? [];
    const { section, errors } = sectionFrom(values, []);
    await this.saveAndAnswer(actor, call, body, { form: { sections: [...sections, section] } }, errors, response, {
      page,
      part: 'form',
      firstField: 'key',
      item: { page: `form/sections/${sections.length}`, path: `form.sections[${sections.length}]` },
      saved: `${editPath(id, 'form')}?notice=sectionSaved#section-${sections.length}`,
      render: (current, fieldErrorList) => sectionPage(page, current, null, { values, errors: fieldErrorList, itemKey: '' }),
    });
  }

  @Get('officer/calls/:id/edit/form/sections/:section')
  async sectionForm(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const s = indexOf(sectionParam);
    const section = sectionAt(call, s);
    response.type('html').send(sectionPage(pageContext(request, response), call, s, { values: sectionValuesOf(section), errors: [], itemKey: section.key }));
  }

  @Post('officer/calls/:id/edit/form/sections/:section')
  async saveSection(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Body() body: Form,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    const s = indexOf(sectionParam);
    const path = editPath(id, `form/sections/${s}`);
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, path);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const page = formPage(request, response, path);
    const values = readSection(body);
    const sections = call.form?.sections ?? [];
    const current = sections[s];
    if (!current || current.key !== typed(body, 'itemKey')) {
      response.status(HttpStatus.CONFLICT).type('html').send(sectionPage(page, call, s, { values, errors: [{ field: 'key', message: page.t('callEditor.error.moved') }], itemKey: typed(body, 'itemKey') }));
      return;
    }
    const { section, errors } = sectionFrom(values, current.questions);
    await this.saveAndAnswer(actor, call, body, { form: { sections: sections.map((other, index) => (index === s ? section : other)) } }, errors, response, {
      page,
      part: 'form',
      firstField: 'key',
      item: { page: `form/sections/${s}`, path: `form.sections[${s}]` },
      saved: `${editPath(id, 'form')}?notice=sectionSaved#section-${s}`,
      render: (fresh, fieldErrorList) => sectionPage(page, fresh, s, { values, errors: fieldErrorList, itemKey: current.key }),
    });
  }

  @Post('officer/calls/:id/edit/form/sections/:section/move')
  async moveSection(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Body() body: Form,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.editOutline(actor, id, body, request, response, 'moved', sectionParam);
  }

  @Post('officer/calls/:id/edit/form/sections/:section/remove')
  async removeSection(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Body() body: Form,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.editOutline(actor, id, body, request, response, 'removed', sectionParam);
  }

  @Get('officer/calls/:id/edit/form/sections/:section/questions/new')
  async newQuestionForm(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const s = indexOf(sectionParam);
    sectionAt(call, s);
    const page = pageContext(request, response);
    response.type('html').send(questionPage(page, call, s, null, { values: questionValuesOf(null, page.locale), errors: [], itemKey: '' }));
  }

  @Post('officer/calls/:id/edit/form/sections/:section/questions/new')
  async addQuestion(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Body() body: Form,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    const s = indexOf(sectionParam);
    const path = editPath(id, `form/sections/${s}/questions/new`);
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, path);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const page = formPage(request, response, path);
    const section = sectionAt(call, s);
    const values = readQuestion(body);
    const { question, optionLines, errors } = questionFrom(values);
    const q = section.questions.length;
    await this.saveAndAnswer(actor, call, body, { form: withQuestions(call, s, [...section.questions, question]) }, errors, response, {
      page,
      part: 'form',
      firstField: 'key',
      item: { page: `form/sections/${s}/questions/${q}`, path: `form.sections[${s}].questions[${q}]`, optionLines },
      saved: `${editPath(id, 'form')}?notice=questionSaved#section-${s}`,
      render: (fresh, fieldErrorList) => questionPage(page, fresh, s, null, { values, errors: fieldErrorList, itemKey: '' }),
    });
  }

  @Get('officer/calls/:id/edit/form/sections/:section/questions/:question')
  async questionForm(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Param('question') questionParam: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const [s, q] = [indexOf(sectionParam), indexOf(questionParam)];
    const question = questionAt(call, s, q);
    const page = pageContext(request, response);
    response.type('html').send(questionPage(page, call, s, q, { values: questionValuesOf(question, page.locale), errors: [], itemKey: question.key }));
  }

  @Post('officer/calls/:id/edit/form/sections/:section/questions/:question')
  async saveQuestion(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Param('question') questionParam: string,
    @Body() body: Form,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    const [s, q] = [indexOf(sectionParam), indexOf(questionParam)];
    const path = editPath(id, `form/sections/${s}/questions/${q}`);
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, path);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const page = formPage(request, response, path);
    const values = readQuestion(body);
    const section = call.form?.sections[s];
    const current = section?.questions[q];
    if (!section || !current || current.key !== typed(body, 'itemKey')) {
      response.status(HttpStatus.CONFLICT).type('html').send(questionPage(page, call, s, q, { values, errors: [{ field: 'key', message: page.t('callEditor.error.moved') }], itemKey: typed(body, 'itemKey') }));
      return;
    }
    const { question, optionLines, errors } = questionFrom(values);
    await this.saveAndAnswer(actor, call, body, { form: withQuestions(call, s, section.questions.map((other, index) => (index === q ? question : other))) }, errors, response, {
      page,
      part: 'form',
      firstField: 'key',
      item: { page: `form/sections/${s}/questions/${q}`, path: `form.sections[${s}].questions[${q}]`, optionLines },
      saved: `${editPath(id, 'form')}?notice=questionSaved#section-${s}`,
      render: (fresh, fieldErrorList) => questionPage(page, fresh, s, q, { values, errors: fieldErrorList, itemKey: current.key }),
    });
  }

  @Post('officer/calls/:id/edit/form/sections/:section/questions/:question/move')
  async moveQuestion(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Param('question') questionParam: string,
    @Body() body: Form,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.editOutline(actor, id, body, request, response, 'moved', sectionParam, questionParam);
  }

  @Post('officer/calls/:id/edit/form/sections/:section/questions/:question/remove')
  async removeQuestion(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('section') sectionParam: string,
    @Param('question') questionParam: string,
    @Body() body: Form,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.editOutline(actor, id, body, request, response, 'removed', sectionParam, questionParam);
  }

  // ---- lists: required attachments, rubric, outcome measures ----

  @Get(['officer/calls/:id/edit/attachments', 'officer/calls/:id/edit/rubric', 'officer/calls/:id/edit/outcomes'])
  async listForm(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('notice') notice: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const part = listPart(request);
    const kind = LISTS[part];
    const page = pageContext(request, response);
    response.type('html').send(listPage(page, call, kind, { values: listValuesOf(listItems(call, kind), page.locale), errors: [], notice: noticeFor(page, notice) }));
  }

  @Post(['officer/calls/:id/edit/attachments', 'officer/calls/:id/edit/rubric', 'officer/calls/:id/edit/outcomes'])
  async saveList(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const part = listPart(request);
    const kind = LISTS[part];
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, editPath(id, part));
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const page = formPage(request, response, editPath(id, part));
    const values: ItemValues[] = readList(kind, body);
    const { items, rows, errors } = listFrom(kind, values);
    const changes: Partial<CallTerms> =
      kind === 'attachments'
        ? { requiredAttachments: items as CallTerms['requiredAttachments'] }
        : kind === 'criteria'
          ? { rubric: { criteria: items as NonNullable<CallTerms['rubric']>['criteria'] } }
          : { outcomeMeasures: items as CallTerms['outcomeMeasures'] };
    const more = typed(body, 'then') === 'more';
    await this.saveAndAnswer(actor, call, body, changes, errors, response, {
      page,
      part,
      firstField: `${kind}-${values[0]?.row ?? 'new'}-key`,
      rows,
      saved: more ? `${editPath(id, part)}?notice=saved-${part}#${kind}-new-key` : `${editPath(id)}?notice=saved-${part}`,
      render: (fresh, fieldErrorList) => listPage(page, fresh, kind, { values, errors: fieldErrorList }),
    });
  }

  // ---- shared ----

  private async overviewHtml(page: PageContext, call: Call, notice: Notice, errors: FieldError[]): Promise<string> {
    const fund = (await this.calls.funds()).find((candidate) => candidate.id === call.fundId);
    if (!fund) throw new NotFoundError('Fund');
    // The same rules publishing applies: what is missing, then what contradicts itself.
    const problems = call.publishedAt ? [] : [...callGaps(call), ...callInconsistencies(call, call.fundCode)].map(locateProblem);
    return overviewPage(page, { call, fund, problems, notice, errors });
  }

  /** The call, if it is still a draft; a published call's editing pages lead back to it. */
  private async draft(actor: Actor, id: string, response: Response): Promise<Call | null> {
    const call = await this.calls.get(actor, id);
    if (call.publishedAt === null) return call;
    response.redirect(HttpStatus.SEE_OTHER, `${editPath(id)}?notice=readOnly`);
    return null;
  }

  private async save(actor: Actor, call: Call, body: Form, changes: Partial<CallTerms>): Promise<SaveOutcome> {
    const version = Number(typed(body, 'version'));
    try {
      await this.calls.update(actor, call.id, Number.isSafeInteger(version) ? version : 0, changes);
      return { kind: 'saved' };
    } catch (error: unknown) {
      if (error instanceof DomainError) {
        if (error.code === 'STALE_VERSION') return { kind: 'stale', call: await this.calls.get(actor, call.id) };
        if (error.code === 'CALL_INVALID') return { kind: 'invalid', problems: ((error.details?.problems ?? []) as Problem[]).map(locateProblem) };
        if (error.code === 'CALL_NOT_DRAFT') return { kind: 'published' };
      }
      throw error;
    }
  }

  /**
   * Saves a part page's changes and answers: back to the call (or where `saved` says) on success;
   * otherwise the page again, with what was typed, the problems beside their fields (422), or the
   * newer version and a word that someone else saved meanwhile (409).
   */
  private async saveAndAnswer(
    actor: Actor,
    call: Call,
    body: Form,
    changes: Partial<CallTerms>,
    formErrors: FormError[],
    response: Response,
    options: {
      page: PageContext;
      part: CallPart;
      firstField: string;
      render: (call: Call, errors: FieldError[]) => string;
      saved?: string;
      /** The section or question a page edits: its problems go beside its fields. */
      item?: { page: string; path: string; optionLines?: number[] };
      /** For a list page, the form row each saved item came from. */
      rows?: string[];
    },
  ): Promise<void> {
    const { page, render } = options;
    if (formErrors.length > 0) {
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(render(call, fieldErrors(page.t, formErrors)));
      return;
    }
    const outcome = await this.save(actor, call, body, changes);
    switch (outcome.kind) {
      case 'saved':
        return response.redirect(HttpStatus.SEE_OTHER, options.saved ?? `${editPath(call.id)}?notice=saved-${options.part}`);
      case 'published':
        return response.redirect(HttpStatus.SEE_OTHER, `${editPath(call.id)}?notice=readOnly`);
      case 'stale':
        response
          .status(HttpStatus.CONFLICT)
          .type('html')
          .send(render(outcome.call, [{ field: options.firstField, message: page.t('callEditor.error.stale') }]));
        return;
      case 'invalid':
        response
          .status(HttpStatus.UNPROCESSABLE_ENTITY)
          .type('html')
          .send(render(call, outcome.problems.map((problem) => this.besideField(page, problem, options))));
    }
  }

  /** Where a problem of the service goes on the page that was saved. */
  private besideField(page: PageContext, problem: LocatedProblem, options: { part: CallPart; firstField: string; item?: { page: string; path: string; optionLines?: number[] }; rows?: string[] }): FieldError {
    const { t } = page;
    const params = { ...problem.params };
    // A choice's line number counts the lines as typed, blank ones included.
    if (typeof params.line === 'number' && options.item?.optionLines) params.line = options.item.optionLines[params.line - 1] ?? params.line;
    const message = t(problem.message, params);
    if (options.item) {
      if (problem.page === options.item.page) return { field: problem.field, message };
      // A repeated key is reported on the later of the two items; on this page, it is this item's key.
      if (problem.duplicateOf === options.item.path) return { field: 'key', message };
      return { field: options.firstField, message: problemText(t, { ...problem, params }) };
    }
    if (problem.part !== options.part) return { field: options.firstField, message: problemText(t, problem) };
    if (options.rows && problem.item !== undefined) {
      const row = options.rows[problem.item - 1] ?? 'new';
      return { field: problem.field.replace(new RegExp(`^(\\w+)-${problem.item - 1}-`), `$1-${row}-`), message };
    }
    return { field: problem.field, message };
  }

  /** Moves (`direction` up or down) or removes a section of the form, or a question of a section. */
  private async editOutline(
    actor: Actor | null,
    id: string,
    body: Form,
    request: PageRequest,
    response: Response,
    edit: 'moved' | 'removed',
    sectionParam: string,
    questionParam?: string,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, editPath(id, 'form'));
    const call = await this.draft(actor, id, response);
    if (!call) return;
    const s = indexOf(sectionParam);
    const change = <T>(items: readonly T[], index: number): T[] => (edit === 'moved' ? moved(items, index, typed(body, 'direction')) : items.filter((_, other) => other !== index));
    if (questionParam === undefined) {
      const section = sectionAt(call, s);
      const sections = change(call.form!.sections, s);
      return this.outlineChange(actor, call, body, sections, response, edit, edit === 'moved' ? sections.indexOf(section) : null);
    }
    const q = indexOf(questionParam);
    questionAt(call, s, q);
    return this.outlineChange(actor, call, body, withQuestions(call, s, change(call.form!.sections[s]!.questions, q)).sections, response, edit, s);
  }

  /** A move or a removal on the form's outline: nothing to type, so a stale version only asks to look again. */
  private async outlineChange(actor: Actor, call: Call, body: Form, sections: FormSection[], response: Response, notice: 'moved' | 'removed', anchorSection: number | null): Promise<void> {
    const outcome = await this.save(actor, call, body, { form: { sections } });
    const anchor = anchorSection === null || anchorSection < 0 ? '' : `#section-${anchorSection}`;
    if (outcome.kind === 'published') return response.redirect(HttpStatus.SEE_OTHER, `${editPath(call.id)}?notice=readOnly`);
    if (outcome.kind === 'stale') return response.redirect(HttpStatus.SEE_OTHER, `${editPath(call.id, 'form')}?notice=stale`);
    if (outcome.kind === 'invalid') throw new DomainError('invalid', 'CALL_INVALID', outcome.problems.map((problem) => problem.message).join('; '));
    response.redirect(HttpStatus.SEE_OTHER, `${editPath(call.id, 'form')}?notice=${notice}${anchor}`);
  }
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

function listPart(request: PageRequest): 'attachments' | 'rubric' | 'outcomes' {
  const last = request.path.split('/').pop();
  if (last === 'attachments' || last === 'rubric' || last === 'outcomes') return last;
  throw new NotFoundError('Page');
}

function listItems(call: Call, kind: ListKind): ListItem[] {
  if (kind === 'attachments') return call.requiredAttachments;
  if (kind === 'criteria') return call.rubric?.criteria ?? [];
  return call.outcomeMeasures ?? [];
}
