import { callGaps, callInconsistencies, CallTerms, EMPTY_CALL_TERMS, Question } from '@grants/calls';
import { CATALOGS } from '../i18n/i18n';
import { locateProblem } from './call-problems';

const both = (en: string, fr: string) => ({ en, fr });
const question = (overrides: Partial<Question>): Question => ({ key: 'q', type: 'text', label: both('Q', 'Q'), required: false, ...overrides });

/**
 * Terms that break every rule the call rules have, once, but for identifiers: the editor makes them,
 * so only the JSON API (which answers with the rules' own phrases) can get one wrong.
 */
const BROKEN: CallTerms = {
  ...EMPTY_CALL_TERMS,
  title: { en: 'Title' },
  opensAt: new Date('2027-03-31T21:00:00Z'),
  closesAt: new Date('2027-03-01T21:00:00Z'),
  budgetEnvelopeCents: 100,
  minRequestCents: 500,
  maxRequestCents: 0,
  maxDurationMonths: 61,
  reviewersPerApplication: 11,
  eligibility: { organizationTypes: ['charity', 'charity'], regions: ['north', 'north'], indigenousLedRequired: false },
  form: {
    sections: [
      {
        key: 'project',
        title: both('Project', ''),
        questions: [
          question({ key: 'need', label: both('', 'Besoin'), maxLength: 0 }),
          question({ key: 'size_range', type: 'number', min: 10, max: 5, maxLength: 10 }),
          question({ key: 'delivery', type: 'choice', options: [{ value: 'in_person', label: both('In person', '') }, { value: 'virtual', label: both('', 'Virtuel') }] }),
          question({ key: 'when', type: 'date', min: 1, options: [{ value: 'a', label: both('A', 'A') }] }),
          question({ key: 'size', type: 'number', min: Number.NaN }),
          question({ key: 'pick', type: 'multichoice', options: [{ value: 'one', label: both('One', 'Un') }] }),
        ],
      },
      { key: 'budget', title: both('', 'Budget'), questions: [] },
    ],
  },
  requiredAttachments: [
    { key: 'statements', label: both('Statements', '') },
    { key: 'plan', label: both('', 'Plan') },
  ],
  rubric: {
    criteria: [
      { key: 'need', label: both('Need', ''), weight: 0, maxScore: 101 },
      { key: 'reach', label: both('Reach', 'Portée'), weight: 1, maxScore: 5, descriptors: [{ minScore: 3, label: both('Some', '') }, { minScore: 3, label: both('Wide', 'Large') }, { minScore: 6, label: both('Too high', 'Trop') }] },
      { key: 'bands', label: both('Bands', 'Tranches'), weight: 1, maxScore: 100, descriptors: Array.from({ length: 12 }, (_, d) => ({ minScore: d, label: both('B', 'T') })) },
    ],
  },
  outcomeMeasures: Array.from({ length: 31 }, (_, m) => ({ key: `m${m}`, label: both(m === 0 ? '' : 'M', 'M') })),
};

describe('the call rules’ problems, located on the editor’s pages', () => {
  it('knows every phrase the rules use, and has words for it in both languages', () => {
    const problems = [
      ...callGaps(BROKEN),
      ...callInconsistencies(BROKEN, 'ILIF'),
      ...callInconsistencies({ ...EMPTY_CALL_TERMS, opensAt: new Date(Number.NaN) }, 'CBSF'),
      ...callInconsistencies({ ...EMPTY_CALL_TERMS, closesAt: new Date('2027-03-31T21:00:00Z'), reviewDueAt: new Date('2027-03-01T21:00:00Z') }, 'CBSF'), ...callGaps(EMPTY_CALL_TERMS), ...callGaps({ ...EMPTY_CALL_TERMS, form: { sections: [] }, rubric: { criteria: [] }, eligibility: { organizationTypes: [], regions: null, indigenousLedRequired: false } }),
    ];
    const phrases = new Set(problems.map((problem) => problem.message.replace(/\d+|\S+\[\d+\]\S*|[A-Z]\w*Cents/g, '#')));
    // Every phrase of call-rules.ts, once each kind (numbers and paths aside).
    expect(phrases.size).toBeGreaterThanOrEqual(24);
    for (const problem of problems) {
      const located = locateProblem(problem);
      expect({ problem, message: located.message }).not.toEqual({ problem, message: 'callEditor.problem.other' });
      expect(CATALOGS.en[located.message]).toBeDefined();
      expect(CATALOGS.fr[located.message]).toBeDefined();
    }
  });

  it('puts the basics beside their fields, with the request limits named', () => {
    const located = callInconsistencies({ ...EMPTY_CALL_TERMS, budgetEnvelopeCents: 1_000_000, minRequestCents: 600_000, maxRequestCents: 500_000 }, 'CBSF').map(locateProblem);
    expect(located.map(({ part, page, field, message }) => ({ part, page, field, message }))).toEqual([{ part: 'basics', page: 'basics', field: 'minRequest', message: 'callEditor.problem.minAboveMax' }]);
    const gaps = callGaps({ ...EMPTY_CALL_TERMS, title: { en: 'Title' } }).map(locateProblem);
    expect(gaps.slice(0, 3).map(({ field, message }) => [field, message])).toEqual([
      ['titleFr', 'callEditor.problem.missing.title.fr'],
      ['descriptionEn', 'callEditor.problem.missing.description.en'],
      ['descriptionFr', 'callEditor.problem.missing.description.fr'],
    ]);
    expect(gaps.find((problem) => problem.field === 'opens-day')?.message).toBe('callEditor.problem.required.opensAt');
  });

  it('sends a question’s problems to its page, and a choice’s to its line', () => {
    const located = locateProblem({ field: 'form.sections[1].questions[2].options[3].label.fr', message: 'is required in French' });
    expect(located).toMatchObject({ part: 'form', page: 'form/sections/1/questions/2', field: 'optionsFr', section: 2, question: 3, message: 'callEditor.problem.missing.optionLabel.fr', params: { choice: 4 } });
    expect(locateProblem({ field: 'form.sections[0].questions[1].label.en', message: 'is required in English' })).toMatchObject({ field: 'labelEn', message: 'callEditor.problem.missing.questionLabel.en' });
    expect(locateProblem({ field: 'form.sections[0].questions[1].max', message: 'must not be less than min' })).toMatchObject({ field: 'max', message: 'callEditor.problem.maxBelowMin' });
    expect(locateProblem({ field: 'form.sections[0].title.fr', message: 'is required in French' })).toMatchObject({ page: 'form/sections/0', field: 'titleFr', message: 'callEditor.problem.missing.sectionTitle.fr' });
    expect(locateProblem({ field: 'form.sections[2].questions', message: 'needs at least one question' })).toMatchObject({ page: 'form', field: 'section-2-add', section: 3 });
    expect(locateProblem({ field: 'form', message: 'is required' })).toMatchObject({ page: 'form', field: 'add-section', message: 'callEditor.problem.required.form' });
  });

  it('puts a criterion’s bands of scores beside their fields on the rubric page', () => {
    expect(locateProblem({ field: 'rubric.criteria[1].descriptors[2].label.fr', message: 'is required in French' })).toMatchObject({ part: 'rubric', field: 'criteria-1-band-2-labelFr', item: 2, message: 'callEditor.problem.missing.bandLabel.fr' });
    expect(locateProblem({ field: 'rubric.criteria[0].descriptors[1].minScore', message: 'must be a whole number from 0 to 5' })).toMatchObject({ field: 'criteria-0-band-1-minScore', message: 'callEditor.problem.range.bandMinScore', params: { min: 0, max: 5 } });
    expect(locateProblem({ field: 'rubric.criteria[0].descriptors[1].minScore', message: 'must be more than rubric.criteria[0].descriptors[0].minScore' })).toMatchObject({ message: 'callEditor.problem.bandOrder' });
  });

  it('says which choice lacks a language, counting choices as the two boxes pair them', () => {
    expect(locateProblem({ field: 'form.sections[0].questions[0].options[1].label.en', message: 'is required in English' })).toMatchObject({ field: 'optionsEn', message: 'callEditor.problem.missing.optionLabel.en', params: { choice: 2 } });
  });

  it('puts list items’ problems on their row of the list page', () => {
    expect(locateProblem({ field: 'requiredAttachments[2].label.en', message: 'is required in English' })).toMatchObject({ part: 'attachments', page: 'attachments', field: 'attachments-2-labelEn', item: 3 });
    expect(locateProblem({ field: 'rubric.criteria[0].weight', message: 'must be a number greater than 0' })).toMatchObject({ part: 'rubric', field: 'criteria-0-weight', message: 'callEditor.problem.positiveWeight' });
    expect(locateProblem({ field: 'rubric', message: 'is required' })).toMatchObject({ part: 'rubric', field: 'criteria-new-labelEn', message: 'callEditor.problem.required.rubric' });
    expect(locateProblem({ field: 'outcomeMeasures', message: 'must have at most 30 measures' })).toMatchObject({ part: 'outcomes', field: 'measures-new-labelEn', params: { max: 30 } });
    expect(locateProblem({ field: 'eligibility.indigenousLedRequired', message: 'Indigenous-Led Initiatives Fund calls are for Indigenous-led organizations' })).toMatchObject({ part: 'eligibility', field: 'indigenousLedRequired-yes', message: 'callEditor.problem.ilifIndigenousLed' });
  });

  it('shows a phrase it does not know as it is, rather than hiding it', () => {
    expect(locateProblem({ field: 'maxRequestCents', message: 'must be lucky' })).toMatchObject({ field: 'maxRequest', message: 'callEditor.problem.other', params: { message: 'must be lucky' } });
  });
});
