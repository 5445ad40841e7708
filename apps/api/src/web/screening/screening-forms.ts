import type { DecisionRequest } from '@grants/reviews';

/** The same limits as the JSON API's ScreeningDto, InformationRequestDto and DecisionDto. */
export const MAX_REASON_LENGTH = 2000;
export const MAX_TEXT_LENGTH = 5000;

/** What is wrong with a field, as a code the page turns into words; `max` for a text that is too long. */
export type FormProblemCode =
  | 'chooseScreening'
  | 'reasonRequired'
  | 'messageRequired'
  | 'respondByRequired'
  | 'respondByFormat'
  | 'chooseDecision'
  | 'amountFormat'
  | 'rationaleRequired'
  | 'chooseReviewer'
  | 'tooLong';

export interface FormProblem {
  field: string;
  code: FormProblemCode;
  max?: number;
}

function text(value: unknown): string {
  // A field sent twice arrives as an array: keep the first, as a browser sends one.
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' ? value : '';
}

function tooLong(field: string, value: string, max: number): FormProblem[] {
  return value.trim().length > max ? [{ field, code: 'tooLong', max }] : [];
}

// ---------------------------------------------------------------------------------------------
// Money

export type DollarAmount = { kind: 'empty' } | { kind: 'invalid' } | { kind: 'cents'; cents: number };

const GROUPED = { ',': /^\d{1,3}(,\d{3})+$/, '.': /^\d{1,3}(\.\d{3})+$/ } as const;

/**
 * An amount in dollars as an officer types it in either language, in cents: `85000`, `$85,000`,
 * `1,234.56` (English), `1 234,56` or `85 000 $` (French). A lone comma followed by three digits
 * groups thousands (`85,000`); followed by one or two it is the decimal mark (`1234,5`). More than
 * two decimals, a minus sign or anything else is refused rather than guessed.
 */
export function parseDollars(typed: string): DollarAmount {
  if (typed.trim() === '') return { kind: 'empty' };
  // Spaces of every width group thousands in French; the dollar sign goes before (en) or after (fr).
  const compact = typed.replace(/[\s\u00a0\u202f]/g, '').replace(/^\$/, '').replace(/\$$/, '');
  if (!/^[0-9][0-9.,]*$/.test(compact) || /[.,]$/.test(compact)) return { kind: 'invalid' };
  const lastComma = compact.lastIndexOf(',');
  const lastDot = compact.lastIndexOf('.');
  let integer: string;
  let fraction = '';
  if (lastComma >= 0 && lastDot >= 0) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    const decimalAt = Math.max(lastComma, lastDot);
    const group = decimalAt === lastComma ? '.' : ',';
    integer = compact.slice(0, decimalAt);
    fraction = compact.slice(decimalAt + 1);
    if (!GROUPED[group].test(integer)) return { kind: 'invalid' };
    integer = integer.split(group).join('');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const pieces = compact.split(mark);
    if (pieces.length === 2 && pieces[1]!.length <= 2) {
      [integer, fraction] = [pieces[0]!, pieces[1]!];
    } else if (mark === ',' && GROUPED[','].test(compact)) {
      integer = compact.split(',').join('');
    } else {
      return { kind: 'invalid' };
    }
  } else {
    integer = compact;
  }
  if (!/^\d+$/.test(integer) || !/^\d{0,2}$/.test(fraction)) return { kind: 'invalid' };
  const cents = Number(integer) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? { kind: 'cents', cents } : { kind: 'invalid' };
}

// ---------------------------------------------------------------------------------------------
// Dates

const ONTARIO_CLOCK = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Toronto',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Ontario's clock is from UTC at an instant, in milliseconds (-4 h in summer, -5 h in winter). */
function ontarioOffset(instant: number): number {
  const parts = Object.fromEntries(ONTARIO_CLOCK.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The last moment (23:59:59.999) of a calendar day (`2027-05-15`, as a date input sends it) in
 * Ontario time; null unless it is a real date. Ontario changes its clocks at 2 a.m., so the
 * offset at the end of the day is the day's evening offset.
 */
export function endOfOntarioDay(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const midnight = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || midnight.getUTCMonth() !== month - 1 || midnight.getUTCDate() !== day) return null;
  const wall = Date.UTC(year, month - 1, day, 23, 59, 59, 999);
  const guess = wall - ontarioOffset(wall);
  return new Date(wall - ontarioOffset(guess));
}

/** The calendar day of an instant in Ontario, as a date input shows it (`2027-05-15`). */
export function ontarioDate(instant: Date): string {
  const parts = Object.fromEntries(ONTARIO_CLOCK.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// ---------------------------------------------------------------------------------------------
// Screening and requests for information

export interface ScreeningFormValues {
  outcome: string;
  reason: string;
}

export function readScreeningForm(body: Record<string, unknown>): ScreeningFormValues {
  return { outcome: text(body.screeningOutcome), reason: text(body.screeningReason) };
}

export function screeningFormProblems(values: ScreeningFormValues): FormProblem[] {
  return [
    ...(values.outcome === 'eligible' || values.outcome === 'ineligible' ? [] : [{ field: 'screeningOutcome-eligible', code: 'chooseScreening' as const }]),
    ...(values.reason.trim() === '' ? [{ field: 'screeningReason', code: 'reasonRequired' as const }] : tooLong('screeningReason', values.reason, MAX_REASON_LENGTH)),
  ];
}

export interface InformationFormValues {
  message: string;
  respondBy: string;
}

export function readInformationForm(body: Record<string, unknown>): InformationFormValues {
  return { message: text(body.informationMessage), respondBy: text(body.respondBy) };
}

export function informationFormProblems(values: InformationFormValues): FormProblem[] {
  return [
    ...(values.message.trim() === '' ? [{ field: 'informationMessage', code: 'messageRequired' as const }] : tooLong('informationMessage', values.message, MAX_TEXT_LENGTH)),
    ...(values.respondBy.trim() === ''
      ? [{ field: 'respondBy', code: 'respondByRequired' as const }]
      : endOfOntarioDay(values.respondBy) === null
        ? [{ field: 'respondBy', code: 'respondByFormat' as const }]
        : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// Decisions

export interface DecisionFormValues {
  outcome: string;
  amount: string;
  conditions: string;
  rationale: string;
  feedback: string;
  overrideReason: string;
}

export const EMPTY_DECISION_FORM: DecisionFormValues = { outcome: '', amount: '', conditions: '', rationale: '', feedback: '', overrideReason: '' };

export function readDecisionForm(body: Record<string, unknown>): DecisionFormValues {
  return {
    outcome: text(body.decisionOutcome),
    amount: text(body.approvedAmount),
    conditions: text(body.conditions),
    rationale: text(body.rationale),
    feedback: text(body.feedback),
    overrideReason: text(body.overrideReason),
  };
}

/**
 * What the form itself gets wrong: a choice, a readable amount, a rationale, lengths. The rules
 * of a decision (amount within the request, the funding line) are the decision service's.
 */
export function decisionFormProblems(values: DecisionFormValues): FormProblem[] {
  return [
    ...(values.outcome === 'approved' || values.outcome === 'declined' ? [] : [{ field: 'decisionOutcome-approved', code: 'chooseDecision' as const }]),
    ...(parseDollars(values.amount).kind === 'invalid' ? [{ field: 'approvedAmount', code: 'amountFormat' as const }] : []),
    ...tooLong('conditions', values.conditions, MAX_TEXT_LENGTH),
    ...(values.rationale.trim() === '' ? [{ field: 'rationale', code: 'rationaleRequired' as const }] : tooLong('rationale', values.rationale, MAX_TEXT_LENGTH)),
    ...tooLong('feedback', values.feedback, MAX_TEXT_LENGTH),
    ...tooLong('overrideReason', values.overrideReason, MAX_TEXT_LENGTH),
  ];
}

/** The request for the decision service; call it once decisionFormProblems found nothing. */
export function toDecisionRequest(values: DecisionFormValues): DecisionRequest {
  const amount = parseDollars(values.amount);
  const optional = (value: string): string | null => value.trim() || null;
  return {
    outcome: values.outcome === 'approved' ? 'approved' : 'declined',
    approvedCents: amount.kind === 'cents' ? amount.cents : null,
    conditions: values.conditions.trim(),
    rationale: values.rationale.trim(),
    overrideReason: optional(values.overrideReason),
    feedback: optional(values.feedback),
  };
}

/** The field of the page's decision form that a decision service problem is about. */
export function decisionProblemField(code: string): string | null {
  switch (code) {
    case 'APPROVED_AMOUNT_REQUIRED':
    case 'APPROVED_EXCEEDS_REQUEST':
    case 'AMOUNT_ON_DECLINE':
      return 'approvedAmount';
    case 'OVERRIDE_REASON_REQUIRED':
      return 'overrideReason';
    default:
      return null;
  }
}
