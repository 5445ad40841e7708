import {
  ApplicationForm,
  CallTerms,
  Eligibility,
  FundCode,
  Localized,
  OutcomeMeasure,
  Problem,
  Question,
  RequiredAttachment,
  Rubric,
  RubricCriterion,
  ScoreDescriptor,
} from '../call-terms';
import { CRITERION_DESCRIPTORS, OUTCOME_MEASURES } from '../field-rules';

export type CallPhase = 'draft' | 'scheduled' | 'open' | 'closed';

/** What decides a call's phase: whether and when it was published or closed early, and its window. */
export interface CallSchedule {
  publishedAt: Date | null;
  closedAt: Date | null;
  opensAt: Date | null;
  closesAt: Date | null;
}

// Keys name answers, attachments and rubric scores in stored data, exports and URLs, so they stay
// short, lowercase and free of punctuation.
const KEY_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;
const KEY_RULE = 'must be 1 to 50 lowercase letters, digits or underscores, starting with a letter';

const MAX_DURATION_MONTHS = 60;
const MAX_REVIEWERS_PER_APPLICATION = 10;
const MAX_TEXT_LIMIT = 100_000;
const MAX_CRITERION_SCORE = 100;
const MIN_CHOICE_OPTIONS = 2;
const MAX_OUTCOME_MEASURES = OUTCOME_MEASURES.maxItems;
const MAX_CRITERION_DESCRIPTORS = CRITERION_DESCRIPTORS.maxItems;

const LANGUAGES = ['en', 'fr'] as const;

/**
 * What is contradictory or malformed in a call's terms, draft or not: only the parts present are
 * checked, so an officer can save a call piece by piece.
 */
export function callInconsistencies(terms: CallTerms, fundCode: FundCode): Problem[] {
  return [
    ...windowInconsistencies(terms.opensAt, terms.closesAt, terms.reviewDueAt ?? null),
    ...amountInconsistencies(terms),
    ...wholeNumberProblems('maxDurationMonths', terms.maxDurationMonths, 1, MAX_DURATION_MONTHS),
    ...(terms.eligibility ? eligibilityInconsistencies(terms.eligibility, fundCode) : []),
    ...(terms.form ? formInconsistencies(terms.form) : []),
    ...attachmentInconsistencies(terms.requiredAttachments),
    ...measureInconsistencies(terms.outcomeMeasures ?? []),
    ...(terms.rubric ? rubricInconsistencies(terms.rubric) : []),
    ...wholeNumberProblems('reviewersPerApplication', terms.reviewersPerApplication, 1, MAX_REVIEWERS_PER_APPLICATION),
  ];
}

/** What a consistent call still lacks before it can be published. */
export function callGaps(terms: CallTerms): Problem[] {
  return [
    ...localizedGaps('title', terms.title),
    ...localizedGaps('description', terms.description),
    ...requiredValueGaps(terms),
    ...eligibilityGaps(terms.eligibility),
    ...formGaps(terms.form),
    ...terms.requiredAttachments.flatMap((attachment, a) =>
      localizedGaps(`requiredAttachments[${a}].label`, attachment.label),
    ),
    ...rubricGaps(terms.rubric),
    ...(terms.outcomeMeasures ?? []).flatMap((measure, m) => localizedGaps(`outcomeMeasures[${m}].label`, measure.label)),
    ...(terms.reviewersPerApplication === null ? [required('reviewersPerApplication')] : []),
  ];
}

/** A criterion's descriptors as bands of whole scores: each from its minScore up to the next one's, the last up to maxScore. */
export function scoreBands(criterion: RubricCriterion): Array<{ from: number; to: number; label: Localized }> {
  const descriptors = criterion.descriptors ?? [];
  return descriptors.map((descriptor, d) => ({ from: descriptor.minScore, to: (descriptors[d + 1]?.minScore ?? criterion.maxScore + 1) - 1, label: descriptor.label }));
}

export function callPhase(call: CallSchedule, now: Date): CallPhase {
  if (call.publishedAt === null) return 'draft';
  if (call.closedAt !== null) return 'closed';
  if (call.closesAt !== null && now.getTime() >= call.closesAt.getTime()) return 'closed';
  if (call.opensAt !== null && now.getTime() < call.opensAt.getTime()) return 'scheduled';
  return 'open';
}

// ---- inconsistencies ----

function windowInconsistencies(opensAt: Date | null, closesAt: Date | null, reviewDueAt: Date | null = null): Problem[] {
  const problems = [...instantProblems('opensAt', opensAt), ...instantProblems('closesAt', closesAt), ...instantProblems('reviewDueAt', reviewDueAt)];
  if (problems.length === 0 && opensAt !== null && closesAt !== null && closesAt.getTime() <= opensAt.getTime()) {
    problems.push({ field: 'closesAt', message: 'must be after opensAt' });
  }
  if (problems.length === 0 && closesAt !== null && reviewDueAt !== null && reviewDueAt.getTime() <= closesAt.getTime()) {
    problems.push({ field: 'reviewDueAt', message: 'must be after closesAt' });
  }
  return problems;
}

function instantProblems(field: string, instant: Date | null): Problem[] {
  return instant !== null && Number.isNaN(instant.getTime()) ? [{ field, message: 'must be a valid date and time' }] : [];
}

type AmountField = 'minRequestCents' | 'maxRequestCents' | 'budgetEnvelopeCents';

function amountInconsistencies(terms: CallTerms): Problem[] {
  const fields: AmountField[] = ['budgetEnvelopeCents', 'minRequestCents', 'maxRequestCents'];
  const malformed = fields
    .filter((field) => terms[field] !== null && usableCents(terms[field]) === null)
    .map((field) => ({ field, message: 'must be a positive whole number of cents' }));
  const exceeds = (lower: AmountField, upper: AmountField): Problem[] => {
    const low = usableCents(terms[lower]);
    const high = usableCents(terms[upper]);
    return low !== null && high !== null && low > high ? [{ field: lower, message: `must not be more than ${upper}` }] : [];
  };
  return [
    ...malformed,
    ...exceeds('minRequestCents', 'maxRequestCents'),
    ...exceeds('maxRequestCents', 'budgetEnvelopeCents'),
    // With a usable maximum, the two checks above already cover this pair.
    ...(usableCents(terms.maxRequestCents) === null ? exceeds('minRequestCents', 'budgetEnvelopeCents') : []),
  ];
}

function usableCents(value: number | null): number | null {
  return value !== null && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function wholeNumberProblems(field: string, value: number | null | undefined, min: number, max: number): Problem[] {
  if (value === null || value === undefined) return [];
  return isWholeNumberIn(value, min, max) ? [] : [{ field, message: `must be a whole number from ${min} to ${max}` }];
}

function isWholeNumberIn(value: unknown, min: number, max: number): boolean {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

function eligibilityInconsistencies(eligibility: Eligibility, fundCode: FundCode): Problem[] {
  const problems = [
    ...repeatedValues('eligibility.organizationTypes', eligibility.organizationTypes),
    ...repeatedValues('eligibility.regions', eligibility.regions ?? []),
  ];
  if (fundCode === 'ILIF' && eligibility.indigenousLedRequired !== true) {
    problems.push({
      field: 'eligibility.indigenousLedRequired',
      message: 'Indigenous-Led Initiatives Fund calls are for Indigenous-led organizations',
    });
  }
  return problems;
}

function repeatedValues(listPath: string, values: readonly string[]): Problem[] {
  const firstSeenAt = firstOccurrences();
  return values.flatMap((value, i) => {
    const field = `${listPath}[${i}]`;
    const earlier = firstSeenAt(value, field);
    return earlier === undefined ? [] : [{ field, message: `duplicates ${earlier}` }];
  });
}

function formInconsistencies(form: ApplicationForm): Problem[] {
  const sectionKeys = identifiers('key');
  // Answers are stored by question key alone, so question keys are unique across the whole form.
  const questionKeys = identifiers('key');
  return form.sections.flatMap((section, s) => {
    const sectionPath = `form.sections[${s}]`;
    return [
      ...sectionKeys(sectionPath, section.key),
      ...section.questions.flatMap((question, q) => {
        const questionPath = `${sectionPath}.questions[${q}]`;
        return [...questionKeys(questionPath, question.key), ...questionInconsistencies(questionPath, question)];
      }),
    ];
  });
}

function questionInconsistencies(path: string, question: Question): Problem[] {
  return [
    ...optionInconsistencies(path, question),
    ...lengthInconsistencies(path, question),
    ...rangeInconsistencies(path, question),
  ];
}

function optionInconsistencies(path: string, question: Question): Problem[] {
  const field = `${path}.options`;
  if (!isChoiceQuestion(question)) {
    return isPresent(question.options) ? [{ field, message: 'is only allowed on choice and multichoice questions' }] : [];
  }
  const options = question.options ?? [];
  const values = identifiers('value');
  return [
    ...(options.length < MIN_CHOICE_OPTIONS ? [{ field, message: `needs at least ${MIN_CHOICE_OPTIONS} options` }] : []),
    ...options.flatMap((option, o) => values(`${field}[${o}]`, option.value)),
  ];
}

function lengthInconsistencies(path: string, question: Question): Problem[] {
  const { maxLength } = question;
  if (!isPresent(maxLength)) return [];
  const field = `${path}.maxLength`;
  if (question.type !== 'text' && question.type !== 'longtext') {
    return [{ field, message: 'is only allowed on text and longtext questions' }];
  }
  return wholeNumberProblems(field, maxLength, 1, MAX_TEXT_LIMIT);
}

function rangeInconsistencies(path: string, question: Question): Problem[] {
  const bounds = (['min', 'max'] as const).filter((bound) => isPresent(question[bound]));
  if (question.type !== 'number') {
    return bounds.map((bound) => ({ field: `${path}.${bound}`, message: 'is only allowed on number questions' }));
  }
  const problems = bounds
    .filter((bound) => !Number.isFinite(question[bound]))
    .map((bound) => ({ field: `${path}.${bound}`, message: 'must be a finite number' }));
  const { min, max } = question;
  if (problems.length === 0 && isPresent(min) && isPresent(max) && min > max) {
    problems.push({ field: `${path}.max`, message: 'must not be less than min' });
  }
  return problems;
}

function attachmentInconsistencies(attachments: readonly RequiredAttachment[]): Problem[] {
  const keys = identifiers('key');
  return attachments.flatMap((attachment, a) => keys(`requiredAttachments[${a}]`, attachment.key));
}

function measureInconsistencies(measures: readonly OutcomeMeasure[]): Problem[] {
  const keys = identifiers('key');
  const tooMany = measures.length > MAX_OUTCOME_MEASURES ? [{ field: 'outcomeMeasures', message: `must have at most ${MAX_OUTCOME_MEASURES} measures` }] : [];
  return [...tooMany, ...measures.flatMap((measure, m) => keys(`outcomeMeasures[${m}]`, measure.key))];
}

function rubricInconsistencies(rubric: Rubric): Problem[] {
  const keys = identifiers('key');
  return rubric.criteria.flatMap((criterion, c) => {
    const path = `rubric.criteria[${c}]`;
    return [...keys(path, criterion.key), ...criterionScaleProblems(path, criterion), ...descriptorInconsistencies(path, criterion)];
  });
}

/** Bands of scores: each starts within the criterion's scale, above the one before it. */
function descriptorInconsistencies(path: string, criterion: RubricCriterion): Problem[] {
  const descriptors: readonly ScoreDescriptor[] = criterion.descriptors ?? [];
  const maxScore = isWholeNumberIn(criterion.maxScore, 1, MAX_CRITERION_SCORE) ? criterion.maxScore : MAX_CRITERION_SCORE;
  if (descriptors.length > MAX_CRITERION_DESCRIPTORS) return [{ field: `${path}.descriptors`, message: `must have at most ${MAX_CRITERION_DESCRIPTORS} descriptors` }];
  // Each band is compared with the last one whose start was usable, so one mistake is one problem.
  let before: { minScore: number; d: number } | null = null;
  return descriptors.flatMap((descriptor, d) => {
    const field = `${path}.descriptors[${d}].minScore`;
    if (!isWholeNumberIn(descriptor.minScore, 0, maxScore)) return [{ field, message: `must be a whole number from 0 to ${maxScore}` }];
    const previous = before;
    before = { minScore: descriptor.minScore, d };
    return previous !== null && descriptor.minScore <= previous.minScore ? [{ field, message: `must be more than ${path}.descriptors[${previous.d}].minScore` }] : [];
  });
}

function criterionScaleProblems(path: string, criterion: RubricCriterion): Problem[] {
  const problems: Problem[] = [];
  if (!Number.isFinite(criterion.weight) || criterion.weight <= 0) {
    problems.push({ field: `${path}.weight`, message: 'must be a number greater than 0' });
  }
  if (!isWholeNumberIn(criterion.maxScore, 1, MAX_CRITERION_SCORE)) {
    problems.push({ field: `${path}.maxScore`, message: `must be a whole number from 1 to ${MAX_CRITERION_SCORE}` });
  }
  return problems;
}

/**
 * Checks keys (or option values) one item at a time: each must follow the key pattern and must not
 * repeat an earlier item's, which the problem names so the officer can find both.
 */
function identifiers(attribute: 'key' | 'value'): (itemPath: string, identifier: unknown) => Problem[] {
  const firstSeenAt = firstOccurrences();
  return (itemPath, identifier) => {
    const field = `${itemPath}.${attribute}`;
    if (typeof identifier !== 'string' || !KEY_PATTERN.test(identifier)) return [{ field, message: KEY_RULE }];
    const earlier = firstSeenAt(identifier, itemPath);
    return earlier === undefined ? [] : [{ field, message: `duplicates the ${attribute} of ${earlier}` }];
  };
}

/** Remembers where each value was first seen and answers, for a repeat, where that was. */
function firstOccurrences(): (value: string, path: string) => string | undefined {
  const seen = new Map<string, string>();
  return (value, path) => {
    const earlier = seen.get(value);
    if (earlier === undefined) seen.set(value, path);
    return earlier;
  };
}

// ---- gaps ----

function requiredValueGaps(terms: CallTerms): Problem[] {
  const fields = [
    'opensAt',
    'closesAt',
    'budgetEnvelopeCents',
    'minRequestCents',
    'maxRequestCents',
    'maxDurationMonths',
  ] as const;
  return fields.filter((field) => terms[field] === null).map(required);
}

function eligibilityGaps(eligibility: Eligibility | null): Problem[] {
  if (eligibility === null) return [required('eligibility')];
  return eligibility.organizationTypes.length === 0
    ? [{ field: 'eligibility.organizationTypes', message: 'needs at least one organization type' }]
    : [];
}

function formGaps(form: ApplicationForm | null): Problem[] {
  if (form === null) return [required('form')];
  if (form.sections.length === 0) return [{ field: 'form.sections', message: 'needs at least one section' }];
  return form.sections.flatMap((section, s) => {
    const sectionPath = `form.sections[${s}]`;
    return [
      ...localizedGaps(`${sectionPath}.title`, section.title),
      ...(section.questions.length === 0
        ? [{ field: `${sectionPath}.questions`, message: 'needs at least one question' }]
        : []),
      ...section.questions.flatMap((question, q) => questionGaps(`${sectionPath}.questions[${q}]`, question)),
    ];
  });
}

function questionGaps(path: string, question: Question): Problem[] {
  return [
    ...localizedGaps(`${path}.label`, question.label),
    ...(question.options ?? []).flatMap((option, o) => localizedGaps(`${path}.options[${o}].label`, option.label)),
  ];
}

function rubricGaps(rubric: Rubric | null): Problem[] {
  if (rubric === null) return [required('rubric')];
  if (rubric.criteria.length === 0) return [{ field: 'rubric.criteria', message: 'needs at least one criterion' }];
  return rubric.criteria.flatMap((criterion, c) => [
    ...localizedGaps(`rubric.criteria[${c}].label`, criterion.label),
    ...(criterion.descriptors ?? []).flatMap((descriptor, d) => localizedGaps(`rubric.criteria[${c}].descriptors[${d}].label`, descriptor.label)),
  ]);
}

/** Each language is its own input on the call form, so each blank one is its own problem. */
function localizedGaps(path: string, text: Partial<Localized> | null | undefined): Problem[] {
  return LANGUAGES.filter((language) => isBlank(text?.[language])).map((language) => ({
    field: `${path}.${language}`,
    message: language === 'en' ? 'is required in English' : 'is required in French',
  }));
}

function required(field: string): Problem {
  return { field, message: 'is required' };
}

// ---- shared ----

function isChoiceQuestion(question: Question): boolean {
  return question.type === 'choice' || question.type === 'multichoice';
}

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}
