import type { Problem } from '@grants/calls';
import type { MessageKey } from '../i18n/i18n';
import { itemField, ListKind, NEW_ROW } from './call-form';

/**
 * The call's rules (libs/calls call-rules.ts) name each problem by its path in the call body
 * (`form.sections[0].questions[2].label.fr`) with an English phrase. This finds, for each, the part
 * of the editor and the field on its page, and the words the officer reads, in either language.
 */

export const CALL_PARTS = ['basics', 'eligibility', 'form', 'attachments', 'rubric', 'outcomes'] as const;
export type CallPart = (typeof CALL_PARTS)[number];

export interface LocatedProblem {
  part: CallPart;
  /** The editor page that fixes it, under /officer/calls/:id/edit/ ('basics', 'form/sections/0/questions/1'). */
  page: string;
  /** The id of the field on that page (for a list page, with the item's index as its row). */
  field: string;
  message: MessageKey;
  params: Record<string, string | number>;
  /** 1-based numbers of the section and question, or of the item in a list, for a problem shown away from its page. */
  section?: number;
  question?: number;
  item?: number;
}

const LIST_PARTS: Record<string, { part: CallPart; kind: ListKind }> = {
  requiredAttachments: { part: 'attachments', kind: 'attachments' },
  'rubric.criteria': { part: 'rubric', kind: 'criteria' },
  outcomeMeasures: { part: 'outcomes', kind: 'measures' },
};

const BASICS_FIELDS: Record<string, string> = {
  'title.en': 'titleEn',
  'title.fr': 'titleFr',
  'description.en': 'descriptionEn',
  'description.fr': 'descriptionFr',
  opensAt: 'opens-day',
  closesAt: 'closes-day',
  reviewDueAt: 'reviewDue-day',
  budgetEnvelopeCents: 'budgetEnvelope',
  minRequestCents: 'minRequest',
  maxRequestCents: 'maxRequest',
  maxDurationMonths: 'maxDurationMonths',
  reviewersPerApplication: 'reviewersPerApplication',
  disagreementThreshold: 'disagreementThreshold',
  holdbackPercent: 'holdbackPercent',
};

/** The page field of an attribute of a section, a question or a list item (a criterion's band: `band-1-labelFr`). */
function attributeField(attribute: string): string {
  if (attribute.startsWith('options')) return attribute.endsWith('.fr') ? 'optionsFr' : 'optionsEn';
  if (attribute === 'descriptors') return 'band-0-minScore';
  return attribute.replace(/^descriptors\[(\d+)\]\./, 'band-$1-').replace(/\.(en|fr)$/, (_, language: string) => (language === 'en' ? 'En' : 'Fr'));
}

export function locateProblem(problem: Problem): LocatedProblem {
  const path = problem.field;
  const located = (where: Omit<LocatedProblem, 'message' | 'params'>, thing: Thing): LocatedProblem => ({ ...where, ...messageFor(problem.message, thing) });

  let match = /^form\.sections\[(\d+)\]\.questions\[(\d+)\]\.(.+)$/.exec(path);
  if (match) {
    const [section, question, attribute] = [Number(match[1]), Number(match[2]), match[3]!];
    const option = /^options\[(\d+)\]\.(value|label\.(en|fr))$/.exec(attribute);
    const thing: Thing = option ? { kind: 'option', attribute: option[2]!, choice: Number(option[1]) + 1 } : { kind: 'question', attribute };
    return located({ part: 'form', page: `form/sections/${section}/questions/${question}`, field: attributeField(attribute), section: section + 1, question: question + 1 }, thing);
  }
  match = /^form\.sections\[(\d+)\]\.(.+)$/.exec(path);
  if (match) {
    const [section, attribute] = [Number(match[1]), match[2]!];
    if (attribute === 'questions') return located({ part: 'form', page: 'form', field: `section-${section}-add`, section: section + 1 }, { kind: 'section', attribute });
    return located({ part: 'form', page: `form/sections/${section}`, field: attributeField(attribute), section: section + 1 }, { kind: 'section', attribute });
  }
  if (path === 'form' || path === 'form.sections') return located({ part: 'form', page: 'form', field: 'add-section' }, { kind: 'part', attribute: path });

  for (const [prefix, { part, kind }] of Object.entries(LIST_PARTS)) {
    match = new RegExp(`^${prefix.replace('.', '\\.')}\\[(\\d+)\\]\\.(.+)$`).exec(path);
    if (match) {
      const [item, attribute] = [Number(match[1]), match[2]!];
      return located({ part, page: part, field: itemField(kind, item, attributeField(attribute)), item: item + 1 }, { kind: attribute.startsWith('descriptors') ? 'band' : kind, attribute });
    }
    if (path === prefix || (part === 'rubric' && path === 'rubric')) return located({ part, page: part, field: itemField(kind, NEW_ROW, 'labelEn') }, { kind: 'part', attribute: path });
  }

  if (path === 'eligibility' || path.startsWith('eligibility.')) {
    const field = path.startsWith('eligibility.indigenousLedRequired') ? 'indigenousLedRequired-yes' : path.startsWith('eligibility.regions') ? 'regions-central' : 'organizationTypes-non_profit';
    return located({ part: 'eligibility', page: 'eligibility', field }, { kind: 'part', attribute: path });
  }
  return located({ part: 'basics', page: 'basics', field: BASICS_FIELDS[path] ?? 'titleEn' }, { kind: 'part', attribute: path });
}

type Thing = { kind: 'part' | 'section' | 'question' | 'band' | ListKind; attribute: string } | { kind: 'option'; attribute: string; choice: number };

const THING_NAMES: Record<string, string> = {
  section: 'sectionTitle',
  question: 'questionLabel',
  attachments: 'attachmentLabel',
  criteria: 'criterionLabel',
  measures: 'measureLabel',
  band: 'bandLabel',
};

const REQUIRED: Record<string, MessageKey> = {
  opensAt: 'callEditor.problem.required.opensAt',
  closesAt: 'callEditor.problem.required.closesAt',
  budgetEnvelopeCents: 'callEditor.problem.required.budgetEnvelopeCents',
  minRequestCents: 'callEditor.problem.required.minRequestCents',
  maxRequestCents: 'callEditor.problem.required.maxRequestCents',
  maxDurationMonths: 'callEditor.problem.required.maxDurationMonths',
  reviewersPerApplication: 'callEditor.problem.required.reviewersPerApplication',
  eligibility: 'callEditor.problem.required.eligibility',
  form: 'callEditor.problem.required.form',
  rubric: 'callEditor.problem.required.rubric',
};

const RANGES: Record<string, MessageKey> = {
  maxDurationMonths: 'callEditor.problem.range.maxDurationMonths',
  reviewersPerApplication: 'callEditor.problem.range.reviewersPerApplication',
  maxLength: 'callEditor.problem.range.maxLength',
  maxScore: 'callEditor.problem.range.maxScore',
};

/** The words for one of the rules' phrases (call-rules.ts); a phrase not known here is shown as it is. */
function messageFor(phrase: string, thing: Thing): { message: MessageKey; params: Record<string, string | number> } {
  const choice: Record<string, number> = 'choice' in thing ? { choice: thing.choice } : {};
  const say = (message: MessageKey, params: Record<string, string | number> = {}) => ({ message, params: { ...choice, ...params } });
  const missing = /^is required in (English|French)$/.exec(phrase);
  if (missing) {
    const language = missing[1] === 'English' ? 'en' : 'fr';
    if (thing.kind === 'option') return say(`callEditor.problem.missing.optionLabel.${language}`);
    const name = thing.kind === 'part' ? thing.attribute.replace(/\.(en|fr)$/, '') : THING_NAMES[thing.kind];
    return say(`callEditor.problem.missing.${name}.${language}` as MessageKey);
  }
  if (phrase === 'is required' && REQUIRED[thing.attribute]) return say(REQUIRED[thing.attribute]!);
  if (phrase === 'needs at least one organization type') return say('callEditor.problem.organizationTypes');
  if (phrase === 'needs at least one section') return say('callEditor.problem.required.form');
  if (phrase === 'needs at least one question') return say('callEditor.problem.questions');
  if (phrase === 'needs at least one criterion') return say('callEditor.problem.required.rubric');
  if (phrase === 'must be a valid date and time') return say('callEditor.problem.invalidInstant');
  if (phrase === 'must be after opensAt') return say('callEditor.problem.closesAfterOpens');
  if (phrase === 'must be after closesAt') return say('callEditor.problem.reviewAfterCloses');
  if (phrase === 'must be a positive whole number of cents') return say('callEditor.problem.positiveAmount');
  const more = /^must not be more than (\w+)$/.exec(phrase);
  if (more) {
    if (thing.attribute === 'minRequestCents' && more[1] === 'maxRequestCents') return say('callEditor.problem.minAboveMax');
    if (thing.attribute === 'maxRequestCents') return say('callEditor.problem.maxAboveEnvelope');
    if (thing.attribute === 'minRequestCents') return say('callEditor.problem.minAboveEnvelope');
  }
  const range = /^must be a whole number from (\d+) to (\d+)$/.exec(phrase);
  if (range && thing.kind === 'band') return say('callEditor.problem.range.bandMinScore', { min: Number(range[1]), max: Number(range[2]) });
  if (range && RANGES[thing.attribute]) return say(RANGES[thing.attribute]!, { min: Number(range[1]), max: Number(range[2]) });
  if (/^must be more than \S+\.minScore$/.test(phrase)) return say('callEditor.problem.bandOrder');
  const bands = /^must have at most (\d+) descriptors$/.exec(phrase);
  if (bands) return say('callEditor.problem.tooManyBands', { max: Number(bands[1]) });
  // Identifiers are made by the editor, never typed, so only the API can repeat one; lists of values can.
  if (/^duplicates (?!the )/.test(phrase)) return say('callEditor.problem.duplicateChoice');
  if (/^Indigenous-Led Initiatives Fund calls/.test(phrase)) return say('callEditor.problem.ilifIndigenousLed');
  if (/^is only allowed on /.test(phrase)) {
    if (thing.attribute === 'maxLength') return say('callEditor.problem.onlyText');
    if (thing.attribute === 'min' || thing.attribute === 'max') return say('callEditor.problem.onlyNumber');
    if (thing.attribute === 'options') return say('callEditor.problem.onlyChoice');
  }
  const options = /^needs at least (\d+) options$/.exec(phrase);
  if (options) return say('callEditor.problem.minOptions', { count: Number(options[1]) });
  if (phrase === 'must be a finite number') return say('callEditor.problem.finite');
  if (phrase === 'must not be less than min') return say('callEditor.problem.maxBelowMin');
  const measures = /^must have at most (\d+) measures$/.exec(phrase);
  if (measures) return say('callEditor.problem.tooManyMeasures', { max: Number(measures[1]) });
  if (phrase === 'must be a number greater than 0') return say('callEditor.problem.positiveWeight');
  return say('callEditor.problem.other', { message: phrase });
}
