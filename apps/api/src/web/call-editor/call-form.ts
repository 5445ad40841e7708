import type { ApplicationForm, CallTerms, ChoiceOption, Eligibility, FormSection, OutcomeMeasure, Question, QuestionType, RequiredAttachment, RubricCriterion, ScoreDescriptor } from '@grants/calls';
import { CALL_LABEL, CALL_TEXT, CRITERION_DESCRIPTORS, DISAGREEMENT_THRESHOLD, HOLDBACK_PERCENT, identifierFrom, OUTCOME_MEASURES, QUESTION_TYPES, REQUIRED_ATTACHMENTS, RUBRIC_CRITERIA } from '@grants/calls';
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
 * not a date, English and French choices that do not pair up); the call's rules are the service's,
 * and its problems are mapped back to these fields by call-problems.ts.
 *
 * The officer never types an identifier: a new item's is made from its label (identifierFrom), and
 * an item keeps the one it has, whatever its label becomes.
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
  return typedText(body[name], name);
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
  'holdbackPercent',
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
    holdbackPercent: String(terms.holdbackPercent),
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
  // The API's bounds for the threshold and the holdback (the service keeps their defaults, 20 and 10, when none is sent).
  const threshold = parseDecimal(values.disagreementThreshold);
  if (threshold.kind !== 'ok' || threshold.value < DISAGREEMENT_THRESHOLD.min || threshold.value > DISAGREEMENT_THRESHOLD.max) errors.push({ field: 'disagreementThreshold', message: 'callEditor.error.disagreementThreshold' });
  const holdback = parseWholeNumber(values.holdbackPercent);
  if (holdback.kind !== 'ok' || holdback.value < HOLDBACK_PERCENT.min || holdback.value > HOLDBACK_PERCENT.max) errors.push({ field: 'holdbackPercent', message: 'callEditor.error.holdbackPercent' });
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
      ...(holdback.kind === 'ok' ? { holdbackPercent: holdback.value } : {}),
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
  titleEn: string;
  titleFr: string;
}

export function sectionValuesOf(section: FormSection | null): SectionValues {
  return { titleEn: section?.title.en ?? '', titleFr: section?.title.fr ?? '' };
}

export function readSection(body: Body): SectionValues {
  return { titleEn: typed(body, 'titleEn'), titleFr: typed(body, 'titleFr') };
}

/** The label an identifier is made from: the English one, else the French one while drafting. */
function identifierLabel(en: string, fr: string): string {
  return en.trim() || fr.trim();
}

/**
 * The section as typed: a saved one keeps its identifier and its questions; a new one's identifier
 * is made from its title, unlike the form's other sections'.
 */
export function sectionFrom(values: SectionValues, saved: FormSection | null, form: ApplicationForm | null): { section: FormSection; errors: FormError[] } {
  const taken = new Set((form?.sections ?? []).map((section) => section.key));
  return {
    section: {
      key: saved?.key ?? identifierFrom(identifierLabel(values.titleEn, values.titleFr), 'section', taken),
      title: { en: values.titleEn.trim(), fr: values.titleFr.trim() },
      questions: saved?.questions ?? [],
    },
    errors: [...tooLong('titleEn', values.titleEn, CALL_LABEL), ...tooLong('titleFr', values.titleFr, CALL_LABEL)],
  };
}

export interface QuestionValues {
  type: string;
  labelEn: string;
  labelFr: string;
  required: boolean;
  maxLength: string;
  min: string;
  max: string;
  /** One choice a line, in each language: line N of each box is the same choice. */
  optionsEn: string;
  optionsFr: string;
}

export function questionValuesOf(question: Question | null, locale: OfficialLanguage): QuestionValues {
  const number = (value: number | undefined) => (value === undefined || value === null ? '' : decimalForInput(locale, value));
  return {
    type: question?.type ?? '',
    labelEn: question?.label.en ?? '',
    labelFr: question?.label.fr ?? '',
    required: question?.required ?? false,
    maxLength: question?.maxLength === undefined || question.maxLength === null ? '' : String(question.maxLength),
    min: number(question?.min),
    max: number(question?.max),
    optionsEn: (question?.options ?? []).map((option) => option.label.en).join('\n'),
    optionsFr: (question?.options ?? []).map((option) => option.label.fr).join('\n'),
  };
}

export function readQuestion(body: Body): QuestionValues {
  return {
    type: typed(body, 'type'),
    labelEn: typed(body, 'labelEn'),
    labelFr: typed(body, 'labelFr'),
    required: typed(body, 'required') === 'yes',
    maxLength: typed(body, 'maxLength'),
    min: typed(body, 'min'),
    max: typed(body, 'max'),
    optionsEn: typed(body, 'optionsEn'),
    optionsFr: typed(body, 'optionsFr'),
  };
}

function choiceLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The choices of the two boxes, paired in order (blank lines aside). One box may be left empty
 * while drafting (publishing asks for it); otherwise both need as many choices. A saved choice
 * keeps its value when it is found again by its English label, or else by its French one (so
 * choices can be reordered, removed, or renamed in one language); any other is a new choice.
 */
export function parseOptions(en: string, fr: string, saved: readonly ChoiceOption[]): { options: ChoiceOption[]; errors: FormError[] } {
  const [english, french] = [choiceLines(en), choiceLines(fr)];
  if (english.length > 0 && french.length > 0 && english.length !== french.length) {
    const fewer = english.length < french.length ? 'En' : 'Fr';
    const choice = Math.min(english.length, french.length) + 1;
    const other = (fewer === 'En' ? french : english)[choice - 1]!;
    return { options: [], errors: [{ field: `options${fewer}`, message: `callEditor.error.optionCount${fewer}`, params: { choice, label: other } }] };
  }
  const labels = Array.from({ length: Math.max(english.length, french.length) }, (_, o) => ({ en: english[o] ?? '', fr: french[o] ?? '' }));
  const errors = labels.flatMap((label, o) =>
    exceeds(label.en, CALL_LABEL) || exceeds(label.fr, CALL_LABEL) ? [{ field: exceeds(label.en, CALL_LABEL) ? 'optionsEn' : 'optionsFr', message: 'callEditor.error.optionTooLong' as const, params: { choice: o + 1, max: CALL_LABEL.maxLength } }] : [],
  );
  const values: Array<string | undefined> = labels.map(() => undefined);
  const unmatched = [...saved];
  for (const language of ['en', 'fr'] as const) {
    labels.forEach((label, o) => {
      const found = values[o] === undefined && label[language] !== '' ? unmatched.findIndex((option) => option.label[language].toLowerCase() === label[language].toLowerCase()) : -1;
      if (found >= 0) values[o] = unmatched.splice(found, 1)[0]!.value;
    });
  }
  const taken = new Set([...saved.map((option) => option.value), ...values.filter((value): value is string => value !== undefined)]);
  const options = labels.map((label, o) => {
    const value = values[o] ?? identifierFrom(identifierLabel(label.en, label.fr), 'choice', taken);
    taken.add(value);
    return { value, label };
  });
  return { options, errors };
}

/**
 * The question as typed. Limits and options are kept whatever the type, so that a limit left on a
 * question whose type changed is pointed out (by the service's rules) rather than silently dropped.
 */
export function questionFrom(values: QuestionValues, saved: Question | null, form: ApplicationForm | null): { question: Question; errors: FormError[] } {
  const errors: FormError[] = [...tooLong('labelEn', values.labelEn, CALL_LABEL), ...tooLong('labelFr', values.labelFr, CALL_LABEL)];
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
  const parsed = values.optionsEn.trim() === '' && values.optionsFr.trim() === '' ? null : parseOptions(values.optionsEn, values.optionsFr, saved?.options ?? []);
  errors.push(...(parsed?.errors ?? []));
  // Answers are stored by question identifier alone, so it is unlike every other question's of the form.
  const taken = new Set((form?.sections ?? []).flatMap((section) => section.questions.map((question) => question.key)));
  return {
    errors,
    question: {
      key: saved?.key ?? identifierFrom(identifierLabel(values.labelEn, values.labelFr), 'question', taken),
      type: type ?? 'text',
      label: { en: values.labelEn.trim(), fr: values.labelFr.trim() },
      required: values.required,
      ...(maxLength.kind === 'ok' ? { maxLength: maxLength.value } : {}),
      ...bounds,
      ...(parsed ? { options: parsed.options } : {}),
    },
  };
}

// ---- lists: required attachments, rubric criteria, outcome measures ----

export type ListKind = 'attachments' | 'criteria' | 'measures';
export type ListItem = RequiredAttachment | RubricCriterion | OutcomeMeasure;

/** A criterion's band of scores as typed: from its lowest score up to the next band's. */
export interface BandValues {
  minScore: string;
  labelEn: string;
  labelFr: string;
}

export interface ItemValues {
  /** The item's index in the saved list, or 'new' for the blank row that adds one. */
  row: string;
  /** The saved item's identifier, carried in a hidden field; '' on the blank row. */
  key: string;
  labelEn: string;
  labelFr: string;
  /** criteria only */
  weight: string;
  maxScore: string;
  /** criteria only: what the scores mean, band by band, then blank bands to add some */
  bands: BandValues[];
  remove: boolean;
}

export const NEW_ROW = 'new';
export const itemField = (kind: ListKind, row: string | number, attribute: string): string => `${kind}-${row}-${attribute}`;
export const bandField = (row: string | number, band: number, attribute: keyof BandValues): string => itemField('criteria', row, `band-${band}-${attribute}`);
/** Rows a list part page reads at most: twice the longest list the API takes, so that a list too long is not silently cut. */
const MAX_ROWS = 2 * Math.max(REQUIRED_ATTACHMENTS.maxItems, RUBRIC_CRITERIA.maxItems, OUTCOME_MEASURES.maxItems);
const MAX_BANDS = CRITERION_DESCRIPTORS.maxItems;
/** The word a new item's identifier is made of when its label has no Latin letter or digit. */
const FALLBACK_IDENTIFIERS: Record<ListKind, string> = { attachments: 'document', criteria: 'criterion', measures: 'measure' };

/** Blank bands to fill in: a few for a criterion without any, one more for one that has some. */
function blankBands(saved: number): BandValues[] {
  return Array.from({ length: Math.max(0, Math.min(saved === 0 ? 3 : 1, MAX_BANDS - saved)) }, () => ({ minScore: '', labelEn: '', labelFr: '' }));
}

function blankRow(kind: ListKind): ItemValues {
  return { row: NEW_ROW, key: '', labelEn: '', labelFr: '', weight: '', maxScore: '', bands: kind === 'criteria' ? blankBands(0) : [], remove: false };
}

export function listValuesOf(kind: ListKind, items: readonly ListItem[], locale: OfficialLanguage): ItemValues[] {
  return [
    ...items.map((item, index) => {
      const descriptors = 'descriptors' in item ? (item.descriptors ?? []) : [];
      return {
        row: String(index),
        key: item.key,
        labelEn: item.label.en,
        labelFr: item.label.fr,
        weight: 'weight' in item ? decimalForInput(locale, item.weight) : '',
        maxScore: 'maxScore' in item ? String(item.maxScore) : '',
        bands: kind === 'criteria' ? [...descriptors.map((descriptor) => ({ minScore: String(descriptor.minScore), labelEn: descriptor.label.en, labelFr: descriptor.label.fr })), ...blankBands(descriptors.length)] : [],
        remove: false,
      };
    }),
    blankRow(kind),
  ];
}

/** The saved rows as typed (as many as the form sent), then the blank row. */
export function readList(kind: ListKind, body: Body): ItemValues[] {
  const bands = (id: string): BandValues[] => {
    const read: BandValues[] = [];
    for (let band = 0; kind === 'criteria' && band < MAX_BANDS && body[bandField(id, band, 'minScore')] !== undefined; band += 1) {
      read.push({ minScore: typed(body, bandField(id, band, 'minScore')), labelEn: typed(body, bandField(id, band, 'labelEn')), labelFr: typed(body, bandField(id, band, 'labelFr')) });
    }
    return read;
  };
  const row = (id: string): ItemValues => ({
    row: id,
    key: id === NEW_ROW ? '' : typed(body, itemField(kind, id, 'key')),
    labelEn: typed(body, itemField(kind, id, 'labelEn')),
    labelFr: typed(body, itemField(kind, id, 'labelFr')),
    weight: typed(body, itemField(kind, id, 'weight')),
    maxScore: typed(body, itemField(kind, id, 'maxScore')),
    bands: bands(id),
    remove: typed(body, itemField(kind, id, 'remove')) === 'yes',
  });
  const rows: ItemValues[] = [];
  for (let index = 0; index < MAX_ROWS && body[itemField(kind, index, 'key')] !== undefined; index += 1) rows.push(row(String(index)));
  return [...rows, row(NEW_ROW)];
}

function isBlankBand(band: BandValues): boolean {
  return [band.minScore, band.labelEn, band.labelFr].every((text) => text.trim() === '');
}

function isBlankRow(values: ItemValues): boolean {
  return [values.labelEn, values.labelFr, values.weight, values.maxScore].every((text) => text.trim() === '') && values.bands.every(isBlankBand);
}

/**
 * A criterion's bands as descriptors, blank bands left out, in order of their lowest scores;
 * `order` says which band of the form each descriptor came from.
 */
function descriptorsFrom(values: ItemValues): { descriptors: ScoreDescriptor[]; order: number[]; errors: FormError[] } {
  const errors: FormError[] = [];
  const bands = values.bands.flatMap((band, b) => {
    if (isBlankBand(band)) return [];
    const field = (attribute: keyof BandValues) => bandField(values.row, b, attribute);
    const minScore = parseWholeNumber(band.minScore);
    if (minScore.kind !== 'ok') errors.push({ field: field('minScore'), message: 'callEditor.error.bandMinScore' });
    errors.push(...tooLong(field('labelEn'), band.labelEn, CALL_LABEL), ...tooLong(field('labelFr'), band.labelFr, CALL_LABEL));
    return [{ b, descriptor: { minScore: minScore.kind === 'ok' ? minScore.value : 0, label: { en: band.labelEn.trim(), fr: band.labelFr.trim() } } }];
  });
  bands.sort((one, other) => one.descriptor.minScore - other.descriptor.minScore);
  return { descriptors: bands.map((band) => band.descriptor), order: bands.map((band) => band.b), errors };
}

/**
 * The list to save: the rows not marked for removal, then the blank row if something was typed in
 * it, its identifier made from its label. `rows` says which form row each saved item came from,
 * and `bands` which band of its row each descriptor came from, to put the service's problems back
 * beside the right fields.
 */
export function listFrom(kind: ListKind, values: readonly ItemValues[]): { items: ListItem[]; rows: string[]; bands: number[][]; errors: FormError[] } {
  const items: ListItem[] = [];
  const rows: string[] = [];
  const bands: number[][] = [];
  const errors: FormError[] = [];
  const taken = new Set(values.map((value) => value.key.trim()).filter((key) => key !== ''));
  for (const value of values) {
    if (value.remove || (value.row === NEW_ROW && isBlankRow(value))) continue;
    const field = (attribute: string) => itemField(kind, value.row, attribute);
    errors.push(...tooLong(field('labelEn'), value.labelEn, CALL_LABEL), ...tooLong(field('labelFr'), value.labelFr, CALL_LABEL));
    const key = value.key.trim() || identifierFrom(identifierLabel(value.labelEn, value.labelFr), FALLBACK_IDENTIFIERS[kind], taken);
    taken.add(key);
    const base = { key, label: { en: value.labelEn.trim(), fr: value.labelFr.trim() } };
    if (kind === 'criteria') {
      const weight = parseDecimal(value.weight);
      const maxScore = parseWholeNumber(value.maxScore);
      if (weight.kind !== 'ok') errors.push({ field: field('weight'), message: 'callEditor.error.weight' });
      if (maxScore.kind !== 'ok') errors.push({ field: field('maxScore'), message: 'callEditor.error.maxScore' });
      const { descriptors, order, errors: bandErrors } = descriptorsFrom(value);
      errors.push(...bandErrors);
      items.push({ ...base, weight: weight.kind === 'ok' ? weight.value : 0, maxScore: maxScore.kind === 'ok' ? maxScore.value : 0, ...(descriptors.length > 0 ? { descriptors } : {}) });
      bands.push(order);
    } else {
      items.push(base);
      bands.push([]);
    }
    rows.push(value.row);
  }
  return { items, rows, bands, errors };
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
