import type { Application, DraftChanges } from '@grants/applications';
import { MAX_BUDGET_LINES } from '@grants/applications';
import type { FormSection } from '@grants/calls';
import { NotFoundError } from '@grants/core';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { FieldError } from '../views/form';
import { field, FormBody } from '../web-request';
import {
  EMPTY_BUDGET_ROWS,
  MORE_BUDGET_ROWS,
  projectProblems,
  readAnswerForm,
  readBudgetForm,
  readProjectForm,
  refusedAnswers,
  refusedBudget,
  toAnswers,
  toBudget,
  withEmptyRows,
} from './apply-form';
import { answerProblemMessage, budgetPage, budgetProblemMessage, DraftContext, nextPartPath, projectPage, projectProblemMessage, sectionPage } from './apply.pages';

/** Budget rows a page shows at most: every line the service takes, and the empty rows below them. */
export const MAX_BUDGET_ROWS = MAX_BUDGET_LINES + EMPTY_BUDGET_ROWS;

/** How a part's page is saved: what its form holds, and how to show it again. */
export interface PartSave {
  /** The part's own page. */
  path: string;
  /** What is wrong with the form before the service sees it. */
  errors: FieldError[];
  changes: DraftChanges;
  /** The service's refusal of some fields, as this page's errors; none when it is not about this page's fields. */
  refused: (problemFields: string[]) => FieldError[];
  /** The page again, with what was typed, at `version` (with a notice: say, that it was kept over a sign-in). */
  render: (draft: DraftContext, version: number, errors: FieldError[], notice?: MessageKey) => string;
  /** Where "Add more lines" leads after saving. */
  morePath?: string;
}

export function projectPart(page: PageContext, draft: DraftContext, body: FormBody): PartSave {
  const values = readProjectForm(body);
  return {
    path: `/applications/${draft.application.id}/edit/project`,
    errors: projectProblems(values).map((problem) => projectProblemMessage(page, problem)),
    changes: { title: values.title.trim(), summary: values.summary.trim() },
    refused: () => [],
    render: (renderDraft, version, errors, notice) => projectPage(page, renderDraft, { values, version, errors }, notice ?? null),
  };
}

export function sectionPart(page: PageContext, draft: DraftContext, key: string, body: FormBody): PartSave {
  const section = sectionOf(draft, key);
  const values = readAnswerForm(section.questions, body);
  const { answers, problems } = toAnswers(section.questions, values, page.locale);
  return {
    path: `/applications/${draft.application.id}/edit/sections/${key}`,
    errors: problems.map((problem) => answerProblemMessage(page, problem)),
    changes: { answers },
    refused: (fields) => refusedAnswers(section.questions, fields).map((problem) => answerProblemMessage(page, problem)),
    render: (renderDraft, version, errors, notice) => sectionPage(page, renderDraft, section, { values, version, errors }, notice ?? null),
  };
}

/** `fiscalYears`: the years the service accepts for this draft's call. */
export function budgetPart(page: PageContext, draft: DraftContext, body: FormBody, fiscalYears: string[]): PartSave {
  const rows = readBudgetForm(body);
  const { lines, rowOfLine, problems } = toBudget(rows);
  const months = draft.call.maxDurationMonths ?? 12;
  const more = field(body, 'then') === 'more' ? Math.min(rows.length + MORE_BUDGET_ROWS, MAX_BUDGET_ROWS) : 0;
  const path = `/applications/${draft.application.id}/edit/budget`;
  return {
    path,
    errors: problems.map((problem) => budgetProblemMessage(page, problem, months)),
    changes: { budget: lines },
    refused: (fields) => refusedBudget(fields, rowOfLine).map((problem) => budgetProblemMessage(page, problem, months)),
    render: (renderDraft, version, errors, notice) => budgetPage(page, renderDraft, fiscalYears, { rows: withEmptyRows(rows, more), version, errors }, notice ?? null),
    morePath: `${path}?rows=${more}&notice=saved#line-${lines.length}-fiscalYear`,
  };
}

/** Where a saved part leads: the task list, more budget rows, or the next part (or the check page after the last), saying it was saved. */
export function pathAfterSave(page: PageContext, draft: DraftContext, part: PartSave, saved: Application, then: string): string {
  const id = draft.application.id;
  const next = then === 'list' ? `/applications/${id}/edit` : then === 'more' && part.morePath ? part.morePath : nextPartPath(page, { ...draft, application: saved }, part.path);
  return `${next}${next.includes('?') ? '' : '?notice=saved'}`;
}

export function sectionOf(draft: DraftContext, key: string): FormSection {
  const section = draft.call.form?.sections.find((candidate) => candidate.key === key);
  if (!section) throw new NotFoundError('Section');
  return section;
}
