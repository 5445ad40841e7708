import { AGREEMENT_CONDITIONS, Amendment, AMENDMENT_REASON, AmendmentProblem, SIGNER_NAME, SIGNER_TITLE } from '@grants/awards';
import { OfficialLanguage } from '@grants/core';
import { AgreementSchedules } from '@grants/documents';
import { tooLong } from '../forms/field-rules';
import { moneyForInput, parseMoney } from '../forms/money';
import { typedText } from '../forms/fields';
import { FormBody } from '../web-request';

export { AGREEMENT_CONDITIONS, AMENDMENT_REASON, SIGNER_NAME, SIGNER_TITLE };

/** By position in the schedule, so that every row's inputs have an id of their own. */
export const budgetField = (index: number): string => `budget-${index}`;
export const dueOnField = (index: number): string => `instalment-${index}-dueOn`;
export const instalmentField = (index: number): string => `instalment-${index}-amount`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---- signing for the organization ----

/** The signature form as typed; version and pdfSha256 are what the signer was shown. */
export interface SignFormValues {
  name: string;
  title: string;
  attest: boolean;
  version: number | null;
  pdfSha256: string;
}

export type SignFormProblem = { field: 'name' | 'title'; kind: 'missing' | 'tooLong' } | { field: 'attest'; kind: 'missing' } | { field: 'version'; kind: 'missing' };

export function readSignForm(body: FormBody): { values: SignFormValues; problems: SignFormProblem[] } {
  const version = /^\d{1,6}$/.test(typedText(body.version).trim()) ? Number(typedText(body.version).trim()) : null;
  const values: SignFormValues = { name: typedText(body.name, 'name'), title: typedText(body.title, 'title'), attest: typedText(body.attest, 'attest') === 'yes', version, pdfSha256: typedText(body.pdfSha256).trim() };
  const problems: SignFormProblem[] = [];
  for (const field of ['name', 'title'] as const) {
    const value = values[field].trim();
    if (value === '') problems.push({ field, kind: 'missing' });
    else if (tooLong(value, field === 'name' ? SIGNER_NAME : SIGNER_TITLE)) problems.push({ field, kind: 'tooLong' });
  }
  if (!values.attest) problems.push({ field: 'attest', kind: 'missing' });
  if (version === null) problems.push({ field: 'version', kind: 'missing' });
  return { values, problems };
}

// ---- counter-signing for the Province ----

export function readCountersignForm(body: FormBody): { title: string; version: number | null; tooLong: boolean } {
  const version = typedText(body.version).trim();
  const title = typedText(body.title, 'title');
  return { title, version: /^\d{1,6}$/.test(version) ? Number(version) : null, tooLong: tooLong(title.trim(), SIGNER_TITLE) };
}

// ---- an amendment ----

/** The amendment form as typed: text, so that a wrong value is shown back exactly as it was entered. */
export interface AmendmentFormValues {
  reason: string;
  conditions: string;
  endsOn: string;
  /** Schedule D's amounts, one per line of the version in force, in its order. */
  budget: string[];
  /** Schedule E's instalments, one per instalment of the version in force, in its order. */
  instalments: Array<{ dueOn: string; amount: string }>;
}

export type AmendmentFormProblem =
  | { field: string; kind: 'reasonMissing' | 'reasonTooLong' | 'conditionsTooLong' | 'endsOnFormat' | 'dueOnFormat' | 'amountFormat' | 'amountMissing'; index?: number }
  | { field: string; kind: 'service'; problem: AmendmentProblem };

/** The form as the version in force has it: what an officer starts from. */
export function amendmentFormFrom(locale: OfficialLanguage, schedules: AgreementSchedules): AmendmentFormValues {
  return {
    reason: '',
    conditions: schedules.b.conditions,
    endsOn: schedules.c.endsOn,
    budget: schedules.d.lines.map((line) => moneyForInput(locale, line.amountCents)),
    instalments: schedules.e.instalments.map((instalment) => ({ dueOn: instalment.dueOn, amount: moneyForInput(locale, instalment.amountCents) })),
  };
}

export function readAmendmentForm(body: FormBody, inForce: AgreementSchedules): AmendmentFormValues {
  return {
    reason: typedText(body.reason, 'reason'),
    conditions: typedText(body.conditions, 'conditions'),
    endsOn: typedText(body.endsOn, 'endsOn'),
    budget: inForce.d.lines.map((_line, index) => typedText(body[budgetField(index)], budgetField(index))),
    instalments: inForce.e.instalments.map((_instalment, index) => ({
      dueOn: typedText(body[dueOnField(index)], dueOnField(index)),
      amount: typedText(body[instalmentField(index)], instalmentField(index)),
    })),
  };
}

/**
 * What the form changes in the version in force, or what is wrong with it. Only the parts that
 * differ are sent: a schedule left as it is stays out of the amendment, so the service's
 * NOTHING_TO_AMEND means the officer changed nothing. Paid instalments are sent as they are (the
 * form shows them read-only), since the payment plan is sent whole.
 */
export function amendmentOf(values: AmendmentFormValues, inForce: AgreementSchedules, paid: ReadonlySet<number>): { amendment: Amendment | null; problems: AmendmentFormProblem[] } {
  const problems: AmendmentFormProblem[] = [];
  const reason = values.reason.trim();
  if (reason === '') problems.push({ field: 'reason', kind: 'reasonMissing' });
  else if (tooLong(reason, AMENDMENT_REASON)) problems.push({ field: 'reason', kind: 'reasonTooLong' });
  const conditions = values.conditions.trim();
  if (tooLong(conditions, AGREEMENT_CONDITIONS)) problems.push({ field: 'conditions', kind: 'conditionsTooLong' });
  const endsOn = values.endsOn.trim();
  if (!ISO_DATE.test(endsOn)) problems.push({ field: 'endsOn', kind: 'endsOnFormat' });
  const budget = inForce.d.lines.map((line, index) => ({ fiscalYear: line.fiscalYear, category: line.category, amountCents: amountOf(values.budget[index] ?? '', budgetField(index), index, problems) }));
  const plan = inForce.e.instalments.map((instalment, index) => {
    if (paid.has(index)) return { fiscalYear: instalment.fiscalYear, dueOn: instalment.dueOn, amountCents: instalment.amountCents };
    const dueOn = (values.instalments[index]?.dueOn ?? '').trim();
    if (!ISO_DATE.test(dueOn)) problems.push({ field: dueOnField(index), kind: 'dueOnFormat', index });
    return { fiscalYear: instalment.fiscalYear, dueOn, amountCents: amountOf(values.instalments[index]?.amount ?? '', instalmentField(index), index, problems) };
  });
  if (problems.length > 0) return { amendment: null, problems };
  const amendment: Amendment = { reason };
  if (conditions !== inForce.b.conditions.trim()) amendment.conditions = conditions;
  if (endsOn !== inForce.c.endsOn) amendment.endsOn = endsOn;
  if (budget.some((line, index) => line.amountCents !== inForce.d.lines[index]!.amountCents)) amendment.budget = budget;
  if (plan.some((instalment, index) => instalment.dueOn !== inForce.e.instalments[index]!.dueOn || instalment.amountCents !== inForce.e.instalments[index]!.amountCents)) amendment.paymentPlan = plan;
  return { amendment, problems };
}

function amountOf(typed: string, field: string, index: number, problems: AmendmentFormProblem[]): number {
  const reading = parseMoney(typed);
  if (reading.ok) return reading.cents;
  problems.push({ field, kind: reading.reason === 'empty' ? 'amountMissing' : 'amountFormat', index });
  return 0;
}

/** The field beside which the service's problem with an amendment is shown. */
export function fieldOfProblem(problem: AmendmentProblem): string {
  switch (problem.code) {
    case 'NOTHING_TO_AMEND':
      return 'reason';
    case 'BUDGET_TOTAL_CHANGED':
      return budgetField(0);
    case 'INVALID_BUDGET_LINE':
      return budgetField(problem.index);
    case 'PAYMENT_PLAN_TOTAL_CHANGED':
    case 'PAYMENT_PLAN_LENGTH_CHANGED':
      return instalmentField(0);
    case 'INVALID_INSTALMENT':
      return instalmentField(problem.index);
    case 'PAID_INSTALMENT_CHANGED':
    case 'INSTALMENT_BELOW_OFFSET':
    case 'PAYMENT_IN_APPROVAL':
      return instalmentField(problem.position);
    case 'END_BEFORE_START':
      return 'endsOn';
  }
}

/** The service's problems, from a refusal's details (the first one alone if it has no list). */
export function problemsOf(details: Record<string, unknown> | undefined, code: string): AmendmentProblem[] {
  const listed = details?.problems;
  return Array.isArray(listed) && listed.length > 0 ? (listed as AmendmentProblem[]) : [{ code } as AmendmentProblem];
}
