import type { CallTerms, ChoiceOption, Eligibility, FormSection, OutcomeMeasure, Question, QuestionType, RequiredAttachment, RubricCriterion } from '@grants/calls';
import { CALL_KEY, CALL_LABEL, CALL_TEXT, DISAGREEMENT_THRESHOLD, OUTCOME_MEASURES, QUESTION_TYPES, REQUIRED_ATTACHMENTS, RUBRIC_CRITERIA } from '@grants/calls';
import type { OfficialLanguage } from '@grants/core';
import { ORGANIZATION_TYPES, OrganizationType, Region, REGIONS } from '@grants/identity';
import { tooLong as exceeds } from '../forms/field-rules';
import { typedText } from '../forms/fields';
import { moneyForInput, parseMoney } from '../forms/money';
import { dateFromParts, MomentParts, momentPartsOf, MomentReading, readMomentFromParts, readMomentParts, timeFromParts } from '../forms/ontario-time';
import type { MessageKey } from '../i18n/i18n';
import { decimalForInput, parseDecimal, parseWholeNumber } from './numbers';

/**
 * The call editor's forms as typed (text, so that a refused value is shown back exactly), read
 * into the call's terms. Only what a form can get wrong by itself is checked here (a date that is
 * not a date, a line of options without its three parts); the call's rules are the service's, and
 * its problems are mapped back to these fields by call-problems.ts.
 */

export interface FormError {
  field: string;
  message: MessageKey;
  params?: Record<string, string | number>;
}

export const MAX_TEXT_LENGTH = CALL_TEXT.maxLength;

type Body = Record<string, unknown>;

/** A field as the browser sent it: the first value if the name repeated, '' if absent. */
export function typed(body: Body, name: string): string {
  return typedText(body[name]);
}

function typedList(body: Body, name: string): string[] {
  const value = body[name];
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
}

function tooLong(field: string, text: string, rule: { readonly maxLength: number }): FormError[] {
  return exceeds(text.trim(), rule) ? [{ field, message: 'callEditor.error.tooLong', params: { max: rule.maxLength } }] : [];
}

/** Both languages of a text, trimmed; a blank language is left out (publishing asks for it). */
function localized(en: string, fr: string): { en?: string; fr?: string } {
  return { ...(en.trim() ? { en: en.trim() } : {}), ...(fr.trim() ? { fr: fr.trim() } : {}) };
}

// ---- basics ----

export const BASICS_FIELDS = [
  'titleEn',
  'titleFr',
  'descriptionEn',
  'descriptionFr',
  'budgetEnvelope',
  'minRequest',
  'maxRequest',
  'maxDurationMonths',
  'reviewersPerApplication',
  'disagreementThreshold',
] as const;
/** The basics' moments, each typed as day, month, year, hour and minute (`opens-day`, … `opens-minute`). */
export const BASICS_MOMENTS = ['opens', 'closes', 'reviewDue'] as const;
export type BasicsMoment = (typeof BASICS_MOMENTS)[number];
export type BasicsValues = Record<(typeof BASICS_FIELDS)[number], string> & Record<BasicsMoment, MomentParts>;

export function basicsValuesOf(terms: CallTerms, locale: OfficialLanguage): BasicsValues {
  const money = (cents: number | null) => (cents === null ? '' : moneyForInput(locale, cents));
  const whole = (value: number | null) => (value === null ? '' : String(value));
  return {
    titleEn: terms.title?.en ?? '',
    titleFr: terms.title?.fr ?? '',
    descriptionEn: terms.description?.en ?? '',
    descriptionFr: terms.description?.fr ?? '',
    opens: momentPartsOf(terms.opensAt),
    closes: momentPartsOf(terms.closesAt),
    reviewDue: momentPartsOf(terms.reviewDueAt),
    budgetEnvelope: money(terms.budgetEnvelopeCents),
    minRequest: money(terms.minRequestCents),
    maxRequest: money(terms.maxRequestCents),
    maxDurationMonths: whole(terms.maxDurationMonths),
    reviewersPerApplication: whole(terms.reviewersPerApplication),
    disagreementThreshold: decimalForInput(locale, terms.disagreementThreshold),
  };
}

export function readBasics(body: Body): BasicsValues {
  const texts = Object.fromEntries(BASICS_FIELDS.map((name) => [name, typed(body, name)])) as Record<(typeof BASICS_FIELDS)[number], string>;
  return { ...texts, opens: readMomentParts(body, 'opens'), closes: readMomentParts(body, 'closes'), reviewDue: readMomentParts(body, 'reviewDue') };
}

const MOMENT_ERRORS = {
  opens: { dateMissing: 'callEditor.error.opens.dateMissing', timeMissing: 'callEditor.error.opens.timeMissing', invalidDate: 'callEditor.error.opens.invalidDate', invalidTime: 'callEditor.error.opens.invalidTime', nonexistent: 'callEditor.error.opens.nonexistent' },
  closes: { dateMissing: 'callEditor.error.closes.dateMissing', timeMissing: 'callEditor.error.closes.timeMissing', invalidDate: 'callEditor.error.closes.invalidDate', invalidTime: 'callEditor.error.closes.invalidTime', nonexistent: 'callEditor.error.closes.nonexistent' },
  reviewDue: { dateMissing: 'callEditor.error.reviewDue.dateMissing', timeMissing: 'callEditor.error.reviewDue.timeMissing', invalidDate: 'callEditor.error.reviewDue.invalidDate', invalidTime: 'callEditor.error.reviewDue.invalidTime', nonexistent: 'callEditor.error.reviewDue.nonexistent' },
} as const satisfies Record<BasicsMoment, Record<Exclude<MomentReading['kind'], 'ok'>, MessageKey>>;

/** The basics as changes to the call, or what the form itself got wrong. Blank fields clear the value. */
export function basicsChanges(values: BasicsValues, saved: CallTerms): { changes: Partial<CallTerms>; errors: FormError[] } {
  const errors: FormError[] = [
    ...tooLong('titleEn', values.titleEn, CALL_TEXT),
    ...tooLong('titleFr', values.titleFr, CALL_TEXT),
    ...tooLong('descriptionEn', values.descriptionEn, CALL_TEXT),
    ...tooLong('descriptionFr', values.descriptionFr, CALL_TEXT),
  ];
  const moment = (name: BasicsMoment, current: Date | null): Date | null => {
    const parts = values[name];
    const reading = readMomentFromParts(parts, current);
    if (reading.kind === 'ok') return reading.instant;
    // The summary links to the input to fix: the hour for a time, the day for a date.
    const field = reading.kind === 'timeMissing' || reading.kind === 'invalidTime' || reading.kind === 'nonexistent' ? `${name}-hour` : `${name}-day`;
    errors.push({ field, message: MOMENT_ERRORS[name][reading.kind], params: { date: dateFromParts(parts), time: timeFromParts(parts) } });
    return null;
  };
  const money = (field: 'budgetEnvelope' | 'minRequest' | 'maxRequest'): number | null => {
    const reading = parseMoney(values[field]);
    if (!reading.ok && reading.reason !== 'empty') errors.push({ field, message: `callEditor.error.${field}` });
    return reading.ok ? reading.cents : null;
  };
  const whole = (field: 'maxDurationMonths' | 'reviewersPerApplication'): number | null => {
    const reading = parseWholeNumber(values[field]);
    if (reading.kind === 'invalid') errors.push({ field, message: `callEditor.error.${field}` });
    return reading.kind === 'ok' ? reading.value : null;
  };
  const opensAt = moment('opens', saved.opensAt);
  const closesAt = moment('closes', saved.closesAt);
  const budgetEnvelopeCents = money('budgetEnvelope');
  const minRequestCents = money('minRequest');
  const maxRequestCents = money('maxRequest');
  const maxDurationMonths = whole('maxDurationMonths');
  const reviewersPerApplication = whole('reviewersPerApplication');
  const reviewDueAt = moment('reviewDue', saved.reviewDueAt);
  // The API's bounds for the threshold (the service keeps the default of 20 when none is sent).
  const threshold = parseDecimal(values.disagreementThreshold);
  if (threshold.kind !== 'ok' || threshold.value < DISAGREEMENT_THRESHOLD.min || threshold.value > DISAGREEMENT_THRESHOLD.max) errors.push({ field: 'disagreementThreshold', message: 'callEditor.error.disagreementThreshold' });
  return {
    errors,
    changes: {
      title: localized(values.titleEn, values.titleFr),
      // Browsers send a textarea's line breaks as CRLF; stored text uses LF, as the JSON API's does.
      description: localized(values.descriptionEn.replace(/\r\n?/g, '\n'), values.descriptionFr.replace(/\r\n?/g, '\n')),
      opensAt,
      closesAt,
      budgetEnvelopeCents,
      minRequestCents,
      maxRequestCents,
      maxDurationMonths,
      reviewersPerApplication,
      reviewDueAt,
      ...(threshold.kind === 'ok' ? { disagreementThreshold: threshold.value } : {}),
    },
  };
}

// ---- eligibility ----

export interface EligibilityValues {
  organizationTypes: string[];
  regions: string[];
  indigenousLedRequired: string;
}

export function eligibilityValuesOf(eligibility: Eligibility | null): EligibilityValues {
  return {
    organizationTypes: eligibility?.organizationTypes ?? [],
    regions: eligibility?.regions ?? [],
    indigenousLedRequired: eligibility === null ? '' : eligibility.indigenousLedRequired ? 'yes' : 'no',
  };
}

export function readEligibility(body: Body): EligibilityValues {
  return { organizationTypes: typedList(body, 'organizationTypes'), regions: typedList(body, 'regions'), indigenousLedRequired: typed(body, 'indigenousLedRequired') };
}

/** No region checked means every region. Values that are not offered are ignored. */
export function eligibilityChanges(values: EligibilityValues): { changes: Partial<CallTerms>; errors: FormError[] } {
  const organizationTypes = ORGANIZATION_TYPES.filter((type) => values.organizationTypes.includes(type)) as OrganizationType[];
  const regions = REGIONS.filter((region) => values.regions.includes(region)) as Region[];
  if (values.indigenousLedRequired !== 'yes' && values.indigenousLedRequired !== 'no') {
    return { changes: {}, errors: [{ field: 'indigenousLedRequired-yes', message: 'callEditor.error.indigenousLedRequired' }] };
  }
  return { errors: [], changes: { eligibility: { organizationTypes, regions: regions.length === 0 ? null : regions, indigenousLedRequired: values.indigenousLedRequired === 'yes' } } };
}

// ---- application form: one section or one question at a time ----

export interface SectionValues {
  key: string;
  titleEn: string;
  titleFr: string;
}

export function sectionValuesOf(section: FormSection | null): SectionValues {
  return { key: section?.key ?? '', titleEn: section?.title.en ?? '', titleFr: section?.title.fr ?? '' };
}

export function readSection(body: Body): SectionValues {
  return { key: typed(body, 'key'), titleEn: typed(body, 'titleEn'), titleFr: typed(body, 'titleFr') };
}

/** The section as typed, keeping the questions it already has. */
export function sectionFrom(values: SectionValues, questions: Question[]): { section: FormSection; errors: FormError[] } {
  return {
    section: { key: values.key.trim(), title: { en: values.titleEn.trim(), fr: values.titleFr.trim() }, questions },
    errors: [...tooLong('key', values.key, CALL_KEY), ...tooLong('titleEn', values.titleEn, CALL_LABEL), ...tooLong('titleFr', values.titleFr, CALL_LABEL)],
  };
}

export interface QuestionValues {
  key: string;
  type: string;
  labelEn: string;
  labelFr: string;
  required: boolean;
  maxLength: string;
  min: string;
  max: string;
  /** One option a line: `value | English label | French label`. */
  options: string;
}

const OPTION_SEPARATOR = '|';

export function questionValuesOf(question: Question | null, locale: OfficialLanguage): QuestionValues {
  const number = (value: number | undefined) => (value === undefined || value === null ? '' : decimalForInput(locale, value));
  return {
    key: question?.key ?? '',
    type: question?.type ?? '',
    labelEn: question?.label.en ?? '',
    labelFr: question?.label.fr ?? '',
    required: question?.required ?? false,
    maxLength: question?.maxLength === undefined || question.maxLength === null ? '' : String(question.maxLength),
    min: number(question?.min),
    max: number(question?.max),
    options: (question?.options ?? []).map((option) => `${option.value} | ${option.label.en} | ${option.label.fr}`).join('\n'),
  };
}

export function readQuestion(body: Body): QuestionValues {
  return {
    key: typed(body, 'key'),
    type: typed(body, 'type'),
    labelEn: typed(body, 'labelEn'),
    labelFr: typed(body, 'labelFr'),
    required: typed(body, 'required') === 'yes',
    maxLength: typed(body, 'maxLength'),
    min: typed(body, 'min'),
    max: typed(body, 'max'),
    options: typed(body, 'options'),
  };
}

/** Lines of `value | English label | French label`; blank lines are skipped, line numbers count them. */
export function parseOptions(text: string): { options: ChoiceOption[]; lines: number[]; errors: FormError[] } {
  const options: ChoiceOption[] = [];
  const lines: number[] = [];
  const errors: FormError[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const parts = line.split(OPTION_SEPARATOR).map((part) => part.trim());
    if (parts.length !== 3) {
      errors.push({ field: 'options', message: 'callEditor.error.optionLine', params: { line: index + 1 } });
      return;
    }
    const [value, en, fr] = parts as [string, string, string];
    if (exceeds(en, CALL_LABEL) || exceeds(fr, CALL_LABEL) || exceeds(value, CALL_KEY)) {
      errors.push({ field: 'options', message: 'callEditor.error.optionTooLong', params: { line: index + 1, max: CALL_LABEL.maxLength, keyMax: CALL_KEY.maxLength } });
      return;
    }
    options.push({ value, label: { en, fr } });
    lines.push(index + 1);
  });
  return { options, lines, errors };
}

/**
 * The question as typed. Limits and options are kept whatever the type, so that a limit left on a
 * question whose type changed is pointed out (by the service's rules) rather than silently dropped.
 */
export function questionFrom(values: QuestionValues): { question: Question; optionLines: number[]; errors: FormError[] } {
  const errors: FormError[] = [...tooLong('key', values.key, CALL_KEY), ...tooLong('labelEn', values.labelEn, CALL_LABEL), ...tooLong('labelFr', values.labelFr, CALL_LABEL)];
  const type = (QUESTION_TYPES as readonly string[]).includes(values.type) ? (values.type as QuestionType) : null;
  if (type === null) errors.push({ field: `type-${QUESTION_TYPES[0]}`, message: 'callEditor.error.type' });
  const maxLength = parseWholeNumber(values.maxLength);
  if (maxLength.kind === 'invalid') errors.push({ field: 'maxLength', message: 'callEditor.error.maxLength' });
  const bound = (field: 'min' | 'max') => {
    const reading = parseDecimal(values[field]);
    if (reading.kind === 'invalid') errors.push({ field, message: `callEditor.error.${field}` });
    return reading.kind === 'ok' ? { [field]: reading.value } : {};
  };
  const bounds = { ...bound('min'), ...bound('max') };
  const parsed = values.options.trim() === '' ? null : parseOptions(values.options);
  errors.push(...(parsed?.errors ?? []));
  return {
    errors,
    optionLines: parsed?.lines ?? [],
    question: {
      key: values.key.trim(),
      type: type ?? 'text',
      label: { en: values.labelEn.trim(), fr: values.labelFr.trim() },
      required: values.required,
      ...(maxLength.kind === 'ok' ? { maxLength: maxLength.value } : {}),
      ...bounds,
      ...(parsed ? { options: parsed.options } : {}),
    },
  };
}

// ---- lists of keyed items: required attachments, rubric criteria, outcome measures ----

export type ListKind = 'attachments' | 'criteria' | 'measures';
export type ListItem = RequiredAttachment | RubricCriterion | OutcomeMeasure;

export interface ItemValues {
  /** The item's index in the saved list, or 'new' for the blank row that adds one. */
  row: string;
  key: string;
  labelEn: string;
  labelFr: string;
  /** criteria only */
  weight: string;
  maxScore: string;
  remove: boolean;
}

export const NEW_ROW = 'new';
export const itemField = (kind: ListKind, row: string | number, attribute: string): string => `${kind}-${row}-${attribute}`;
/** Rows a list part page reads at most: twice the longest list the API takes, so that a list too long is not silently cut. */
const MAX_ROWS = 2 * Math.max(REQUIRED_ATTACHMENTS.maxItems, RUBRIC_CRITERIA.maxItems, OUTCOME_MEASURES.maxItems);

function blankRow(): ItemValues {
  return { row: NEW_ROW, key: '', labelEn: '', labelFr: '', weight: '', maxScore: '', remove: false };
}

export function listValuesOf(items: readonly ListItem[], locale: OfficialLanguage): ItemValues[] {
  return [
    ...items.map((item, index) => ({
      row: String(index),
      key: item.key,
      labelEn: item.label.en,
      labelFr: item.label.fr,
      weight: 'weight' in item ? decimalForInput(locale, item.weight) : '',
      maxScore: 'maxScore' in item ? String(item.maxScore) : '',
      remove: false,
    })),
    blankRow(),
  ];
}

/** The saved rows as typed (as many as the form sent), then the blank row. */
export function readList(kind: ListKind, body: Body): ItemValues[] {
  const row = (id: string): ItemValues => ({
    row: id,
    key: typed(body, itemField(kind, id, 'key')),
    labelEn: typed(body, itemField(kind, id, 'labelEn')),
    labelFr: typed(body, itemField(kind, id, 'labelFr')),
    weight: typed(body, itemField(kind, id, 'weight')),
    maxScore: typed(body, itemField(kind, id, 'maxScore')),
    remove: typed(body, itemField(kind, id, 'remove')) === 'yes',
  });
  const rows: ItemValues[] = [];
  for (let index = 0; index < MAX_ROWS && body[itemField(kind, index, 'key')] !== undefined; index += 1) rows.push(row(String(index)));
  return [...rows, row(NEW_ROW)];
}

function isBlankRow(values: ItemValues): boolean {
  return [values.key, values.labelEn, values.labelFr, values.weight, values.maxScore].every((text) => text.trim() === '');
}

/**
 * The list to save: the rows not marked for removal, then the blank row if something was typed in
 * it. `rows` says which form row each saved item came from, to put the service's problems back
 * beside the right fields.
 */
export function listFrom(kind: ListKind, values: readonly ItemValues[]): { items: ListItem[]; rows: string[]; errors: FormError[] } {
  const items: ListItem[] = [];
  const rows: string[] = [];
  const errors: FormError[] = [];
  for (const value of values) {
    if (value.remove || (value.row === NEW_ROW && isBlankRow(value))) continue;
    const field = (attribute: string) => itemField(kind, value.row, attribute);
    errors.push(...tooLong(field('key'), value.key, CALL_KEY), ...tooLong(field('labelEn'), value.labelEn, CALL_LABEL), ...tooLong(field('labelFr'), value.labelFr, CALL_LABEL));
    const base = { key: value.key.trim(), label: { en: value.labelEn.trim(), fr: value.labelFr.trim() } };
    if (kind === 'criteria') {
      const weight = parseDecimal(value.weight);
      const maxScore = parseWholeNumber(value.maxScore);
      if (weight.kind !== 'ok') errors.push({ field: field('weight'), message: 'callEditor.error.weight' });
      if (maxScore.kind !== 'ok') errors.push({ field: field('maxScore'), message: 'callEditor.error.maxScore' });
      items.push({ ...base, weight: weight.kind === 'ok' ? weight.value : 0, maxScore: maxScore.kind === 'ok' ? maxScore.value : 0 });
    } else {
      items.push(base);
    }
    rows.push(value.row);
  }
  return { items, rows, errors };
}

/** The sum of the weights typed so far, or null while one of them is not a number. */
export function totalWeight(values: readonly ItemValues[]): number | null {
  let total = 0;
  for (const value of values) {
    if (value.remove || (value.row === NEW_ROW && isBlankRow(value))) continue;
    const weight = parseDecimal(value.weight);
    if (weight.kind !== 'ok') return null;
    total += weight.value;
  }
  // Weights are typed with at most six decimals: rounding drops the binary noise of the sum.
  return Math.round(total * 1e6) / 1e6;
}
