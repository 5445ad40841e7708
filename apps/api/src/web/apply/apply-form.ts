import type { AttachmentView, BudgetCategory, BudgetLine } from '@grants/applications';
import { APPLICATION_SUMMARY, APPLICATION_TITLE, BUDGET_CATEGORIES, MAX_BUDGET_LINES } from '@grants/applications';
import type { FormSection, Question, RequiredAttachment } from '@grants/calls';
import { missingAnswers } from '@grants/calls';
import { OfficialLanguage } from '@grants/core';
import { tooLong } from '../forms/field-rules';
import { typedText } from '../forms/fields';
import { MAX_AMOUNT_CENTS, moneyCents, moneyForInput, parseMoney } from '../forms/money';
import { DateParts, datePartName, datePartsOf, EMPTY_DATE_PARTS, readDate, readDateParts } from '../forms/ontario-time';
import type { FormBody } from '../web-request';
import { numberInput, parseNumberAnswer } from './number-answer';

/**
 * The application form's pages as data: what the browser posted, read into what the services take,
 * and the problems found on the way. The services check the rest (answer ranges, fiscal years) and
 * the controller maps their refusals back to these fields.
 */

export const MAX_TITLE_LENGTH = APPLICATION_TITLE.maxLength;
export const MAX_SUMMARY_LENGTH = APPLICATION_SUMMARY.maxLength;
/** Empty budget rows offered below the lines, and added by "Add more lines". */
export const EMPTY_BUDGET_ROWS = 3;
export const MORE_BUDGET_ROWS = 5;

function list(body: FormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Browsers send a textarea's line breaks as CRLF. */
function lines(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

// ---- project ----

export interface ProjectValues {
  title: string;
  summary: string;
}

export type ProjectProblem = { kind: 'titleTooLong'; field: 'title'; max: number } | { kind: 'summaryTooLong'; field: 'summary'; max: number };

export function readProjectForm(body: FormBody): ProjectValues {
  return { title: typedText(body.title), summary: lines(typedText(body.summary)) };
}

export function projectProblems(values: ProjectValues): ProjectProblem[] {
  return [
    ...(tooLong(values.title.trim(), APPLICATION_TITLE) ? [{ kind: 'titleTooLong' as const, field: 'title' as const, max: APPLICATION_TITLE.maxLength }] : []),
    ...(tooLong(values.summary.trim(), APPLICATION_SUMMARY) ? [{ kind: 'summaryTooLong' as const, field: 'summary' as const, max: APPLICATION_SUMMARY.maxLength }] : []),
  ];
}

// ---- answers ----

/** What a question's field holds, as typed: one string, the ticked options of a multichoice, or a date's day, month and year. */
export type AnswerValue = string | string[] | DateParts;
export type AnswerValues = Record<string, AnswerValue>;

/** A date question's day, month and year (blank for a value of another kind). */
export function dateAnswerParts(value: AnswerValue | undefined): DateParts {
  return typeof value === 'object' && !Array.isArray(value) ? value : EMPTY_DATE_PARTS;
}

export type AnswerProblem = { kind: 'notNumber' | 'notDate' | 'invalid'; question: Question; field: string };

/** The name and id of a question's field. */
export function answerField(key: string): string {
  return `answer-${key}`;
}

/** Where the error summary links for a question: radios and checkboxes by their first option, a date by its day. */
export function answerTarget(question: Question): string {
  const field = answerField(question.key);
  if (question.type === 'date') return datePartName(field, 'day');
  if (question.type === 'yesno') return `${field}-yes`;
  if (question.type === 'choice' || question.type === 'multichoice') return `${field}-${question.options?.[0]?.value ?? ''}`;
  return field;
}

export function readAnswerForm(questions: readonly Question[], body: FormBody): AnswerValues {
  return Object.fromEntries(
    questions.map((question) => {
      const name = answerField(question.key);
      if (question.type === 'date') return [question.key, readDateParts(body, name)];
      return [question.key, question.type === 'multichoice' ? list(body, name) : question.type === 'longtext' ? lines(typedText(body[name])) : typedText(body[name])];
    }),
  );
}

/** The saved answers as their fields show them. */
export function savedAnswerValues(questions: readonly Question[], answers: Record<string, unknown>, locale: OfficialLanguage): AnswerValues {
  return Object.fromEntries(
    questions.map((question) => {
      const answer = Object.hasOwn(answers, question.key) ? answers[question.key] : undefined;
      if (answer === undefined || answer === null) return [question.key, question.type === 'multichoice' ? [] : ''];
      switch (question.type) {
        case 'multichoice':
          return [question.key, Array.isArray(answer) ? answer.map(String) : []];
        case 'yesno':
          return [question.key, answer === true ? 'yes' : answer === false ? 'no' : ''];
        case 'number':
          return [question.key, typeof answer === 'number' ? numberInput(locale, answer) : String(answer)];
        case 'date':
          return [question.key, datePartsOf(String(answer))];
        default:
          return [question.key, String(answer)];
      }
    }),
  );
}

/**
 * The answers of one page for ApplicationService.updateDraft: every question of the page, null for
 * an emptied field (which clears its saved answer). Only what cannot even be read is a problem here.
 */
export function toAnswers(questions: readonly Question[], values: AnswerValues, locale: OfficialLanguage): { answers: Record<string, unknown>; problems: AnswerProblem[] } {
  const answers: Record<string, unknown> = {};
  const problems: AnswerProblem[] = [];
  for (const question of questions) {
    const value = values[question.key] ?? '';
    if (question.type === 'date') {
      // Three fields spell the date; 31 2 2027 and a missing month are refused, not moved.
      const reading = readDate(dateAnswerParts(value));
      if (reading.kind === 'invalid') problems.push({ kind: 'notDate', question, field: answerTarget(question) });
      else answers[question.key] = reading.kind === 'ok' ? reading.date : null;
      continue;
    }
    if (typeof value === 'object' && !Array.isArray(value)) continue;
    if (Array.isArray(value)) {
      answers[question.key] = value.length === 0 ? null : value;
      continue;
    }
    const typed = value.trim();
    if (typed === '') {
      answers[question.key] = null;
      continue;
    }
    switch (question.type) {
      case 'number': {
        const number = parseNumberAnswer(typed, locale);
        if (number === null) problems.push({ kind: 'notNumber', question, field: answerTarget(question) });
        else answers[question.key] = number;
        break;
      }
      case 'yesno':
        answers[question.key] = typed === 'yes' ? true : typed === 'no' ? false : null;
        break;
      case 'multichoice':
        answers[question.key] = [typed];
        break;
      default:
        answers[question.key] = typed;
    }
  }
  return { answers, problems };
}

/** The service's refusal of some answers (`answers.<key>` fields), as problems of this page's fields. */
export function refusedAnswers(questions: readonly Question[], fields: readonly string[]): AnswerProblem[] {
  return questions.filter((question) => fields.includes(`answers.${question.key}`)).map((question) => ({ kind: 'invalid' as const, question, field: answerTarget(question) }));
}

// ---- budget ----

/** One row of the budget table as typed. */
export interface BudgetRow {
  fiscalYear: string;
  category: string;
  description: string;
  amount: string;
}

export type BudgetField = keyof BudgetRow;

export type BudgetProblem =
  | { kind: 'fiscalYearMissing' | 'categoryMissing' | 'descriptionMissing' | 'amountMissing' | 'amountInvalid' | 'amountZero' | 'amountTooLarge' | 'fiscalYearRefused' | 'categoryRefused' | 'descriptionRefused' | 'amountRefused'; row: number; field: string }
  | { kind: 'tooManyLines'; row: null; field: string; max: number };

export function budgetField(row: number, field: BudgetField): string {
  return `line-${row}-${field}`;
}

/** The rows the page posted (`rows` says how many it showed). */
export function readBudgetForm(body: FormBody): BudgetRow[] {
  const count = Math.min(Math.max(Number.parseInt(typedText(body.rows), 10) || 0, 0), MAX_BUDGET_LINES + MORE_BUDGET_ROWS * 4);
  return Array.from({ length: count }, (_, row) => ({
    fiscalYear: typedText(body[budgetField(row, 'fiscalYear')]).trim(),
    category: typedText(body[budgetField(row, 'category')]).trim(),
    description: typedText(body[budgetField(row, 'description')]),
    amount: typedText(body[budgetField(row, 'amount')]),
  }));
}

export function savedBudgetRows(lines: readonly BudgetLine[], locale: OfficialLanguage): BudgetRow[] {
  return lines.map((line) => ({ fiscalYear: line.fiscalYear, category: line.category, description: line.description, amount: moneyForInput(locale, line.amountCents) }));
}

/** The rows followed by empty ones, up to `count` rows and at least `EMPTY_BUDGET_ROWS` empty ones. */
export function withEmptyRows(rows: readonly BudgetRow[], count = 0): BudgetRow[] {
  const filled = rows.filter((row) => !isBlank(row));
  const total = Math.max(count, filled.length + EMPTY_BUDGET_ROWS, rows.length);
  return [...rows, ...Array.from({ length: total - rows.length }, () => ({ fiscalYear: '', category: '', description: '', amount: '' }))];
}

function isBlank(row: BudgetRow): boolean {
  return row.fiscalYear === '' && row.category === '' && row.description.trim() === '' && row.amount.trim() === '';
}

/**
 * The budget lines of the rows: a row with nothing in it is left out (that is how a line is
 * removed); a row filled in part is a problem, field by field. `rowOfLine` maps each line back to
 * its row, for the service's refusals.
 */
export function toBudget(rows: readonly BudgetRow[]): { lines: BudgetLine[]; rowOfLine: number[]; problems: BudgetProblem[] } {
  const lines: BudgetLine[] = [];
  const rowOfLine: number[] = [];
  const problems: BudgetProblem[] = [];
  rows.forEach((row, index) => {
    if (isBlank(row)) return;
    const problem = (kind: Exclude<BudgetProblem['kind'], 'tooManyLines'>, field: BudgetField): void => {
      problems.push({ kind, row: index, field: budgetField(index, field) });
    };
    if (row.fiscalYear === '') problem('fiscalYearMissing', 'fiscalYear');
    if (row.category === '') problem('categoryMissing', 'category');
    if (row.description.trim() === '') problem('descriptionMissing', 'description');
    const amount = parseMoney(row.amount);
    if (!amount.ok) problem(amount.reason === 'empty' ? 'amountMissing' : amount.reason === 'format' ? 'amountInvalid' : 'amountTooLarge', 'amount');
    else if (amount.cents === 0) problem('amountZero', 'amount');
    else if (amount.cents > MAX_AMOUNT_CENTS) problem('amountTooLarge', 'amount');
    lines.push({ fiscalYear: row.fiscalYear, category: row.category as BudgetCategory, description: row.description.trim(), amountCents: amount.ok ? amount.cents : 0 });
    rowOfLine.push(index);
  });
  if (lines.length > MAX_BUDGET_LINES) problems.push({ kind: 'tooManyLines', row: null, field: budgetField(rowOfLine[MAX_BUDGET_LINES]!, 'description'), max: MAX_BUDGET_LINES });
  return { lines, rowOfLine, problems };
}

/** The service's refusal of budget lines (`budget[2].amountCents`), as problems of the rows. */
export function refusedBudget(fields: readonly string[], rowOfLine: readonly number[]): BudgetProblem[] {
  const kinds: Record<string, [Exclude<BudgetProblem['kind'], 'tooManyLines'>, BudgetField]> = {
    fiscalYear: ['fiscalYearRefused', 'fiscalYear'],
    category: ['categoryRefused', 'category'],
    description: ['descriptionRefused', 'description'],
    amountCents: ['amountRefused', 'amount'],
  };
  return fields.flatMap((field) => {
    const match = /^budget\[(\d+)\]\.(\w+)$/.exec(field);
    const row = match ? rowOfLine[Number(match[1])] : undefined;
    const kind = match ? kinds[match[2]!] : undefined;
    return row === undefined || kind === undefined ? [] : [{ kind: kind[0], row, field: budgetField(row, kind[1]) }];
  });
}

/** The total of the rows that hold an amount, for the page to show beside the call's range. */
export function rowsTotalCents(rows: readonly BudgetRow[]): number {
  return rows.reduce((total, row) => total + (moneyCents(row.amount) ?? 0), 0);
}

export function isBudgetCategory(value: string): value is BudgetCategory {
  return (BUDGET_CATEGORIES as readonly string[]).includes(value);
}

// ---- the task list ----

export type PartState = 'notStarted' | 'inProgress' | 'complete';

export function projectState(application: { title: string; summary: string }): PartState {
  const filled = [application.title, application.summary].filter((value) => value.trim() !== '').length;
  return filled === 0 ? 'notStarted' : filled === 2 ? 'complete' : 'inProgress';
}

/** Complete once every required question is answered (and something is); the rule submission checks. */
export function sectionState(section: FormSection, answers: Record<string, unknown>): PartState {
  const answered = section.questions.filter((question) => {
    const answer = Object.hasOwn(answers, question.key) ? answers[question.key] : undefined;
    return answer !== undefined && answer !== null && !(typeof answer === 'string' && answer.trim() === '') && !(Array.isArray(answer) && answer.length === 0);
  }).length;
  if (answered === 0) return 'notStarted';
  return missingAnswers({ sections: [section] }, answers).length === 0 ? 'complete' : 'inProgress';
}

/** Complete when the total is within the amounts the call funds. */
export function budgetState(lineCount: number, totalCents: number, range: { minRequestCents: number | null; maxRequestCents: number | null }): PartState {
  if (lineCount === 0) return 'notStarted';
  return totalCents >= (range.minRequestCents ?? 0) && totalCents <= (range.maxRequestCents ?? Number.MAX_SAFE_INTEGER) ? 'complete' : 'inProgress';
}

export function attachmentsState(required: readonly RequiredAttachment[], attachments: readonly Pick<AttachmentView, 'key'>[]): PartState {
  const attached = new Set(attachments.map((attachment) => attachment.key));
  const done = required.filter((document) => attached.has(document.key)).length;
  return done === 0 ? 'notStarted' : done === required.length ? 'complete' : 'inProgress';
}
