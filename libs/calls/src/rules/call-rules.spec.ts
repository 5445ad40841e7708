import { CallTerms, ChoiceOption, EMPTY_CALL_TERMS, Question } from '../call-terms';
import { callGaps, callInconsistencies, callPhase, scoreBands } from './call-rules';

function question(overrides: Partial<Question> = {}): Question {
  return { key: 'mission', type: 'longtext', label: { en: 'Mission', fr: 'Mission' }, required: true, ...overrides };
}

function settings(): ChoiceOption[] {
  return [
    { value: 'rural', label: { en: 'Rural', fr: 'Rural' } },
    { value: 'urban', label: { en: 'Urban', fr: 'Urbain' } },
  ];
}

/** A call a CBSF officer could publish as it stands. */
function completeTerms(overrides: Partial<CallTerms> = {}): CallTerms {
  return {
    title: { en: 'Community supports 2027', fr: 'Soutiens communautaires 2027' },
    description: { en: 'Funding for survivor supports.', fr: 'Financement des soutiens aux survivants.' },
    opensAt: new Date('2027-01-15T14:00:00Z'),
    closesAt: new Date('2027-03-01T04:59:59Z'),
    budgetEnvelopeCents: 500_000_000,
    minRequestCents: 2_500_000,
    maxRequestCents: 25_000_000,
    maxDurationMonths: 24,
    reviewDueAt: null,
    disagreementThreshold: 20,
    holdbackPercent: 10,
    outcomeMeasures: [{ key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } }],
    eligibility: { organizationTypes: ['non_profit', 'charity'], regions: null, indigenousLedRequired: false },
    form: {
      sections: [
        {
          key: 'organization',
          title: { en: 'Your organization', fr: 'Votre organisme' },
          questions: [
            question(),
            question({ key: 'setting', type: 'choice', label: { en: 'Setting', fr: 'Milieu' }, options: settings() }),
          ],
        },
        {
          key: 'project',
          title: { en: 'Project', fr: 'Projet' },
          questions: [
            question({ key: 'participants', type: 'number', label: { en: 'Participants', fr: 'Participants' }, min: 1, max: 500 }),
          ],
        },
      ],
    },
    requiredAttachments: [{ key: 'financial_statements', label: { en: 'Financial statements', fr: 'États financiers' } }],
    rubric: { criteria: [{ key: 'need', label: { en: 'Need', fr: 'Besoin' }, weight: 2, maxScore: 10 }] },
    reviewersPerApplication: 3,
    ...overrides,
  };
}

const blankDraft: CallTerms = EMPTY_CALL_TERMS;

describe('callInconsistencies', () => {
  it('accepts a complete, coherent call and an empty draft', () => {
    expect(callInconsistencies(completeTerms(), 'CBSF')).toEqual([]);
    expect(callInconsistencies(blankDraft, 'CBSF')).toEqual([]);
  });

  it('refuses a call that closes when or before it opens', () => {
    const sameInstant = new Date('2027-02-01T14:00:00Z');
    expect(callInconsistencies(completeTerms({ opensAt: sameInstant, closesAt: sameInstant }), 'CBSF')).toEqual([
      { field: 'closesAt', message: 'must be after opensAt' },
    ]);
    // Only one end of the window set yet: nothing to compare.
    expect(callInconsistencies({ ...blankDraft, closesAt: sameInstant }, 'CBSF')).toEqual([]);
    expect(callInconsistencies(completeTerms({ opensAt: new Date(Number.NaN) }), 'CBSF')).toEqual([
      { field: 'opensAt', message: 'must be a valid date and time' },
    ]);
  });

  it('keeps requests within the envelope: minimum ≤ maximum ≤ envelope', () => {
    expect(
      callInconsistencies(
        completeTerms({ budgetEnvelopeCents: 10_000_000, minRequestCents: 30_000_000, maxRequestCents: 20_000_000 }),
        'CBSF',
      ),
    ).toEqual([
      { field: 'minRequestCents', message: 'must not be more than maxRequestCents' },
      { field: 'maxRequestCents', message: 'must not be more than budgetEnvelopeCents' },
    ]);
    // In a draft without a maximum yet, the minimum is still held to the envelope.
    expect(callInconsistencies({ ...blankDraft, budgetEnvelopeCents: 1_000, minRequestCents: 5_000 }, 'CBSF')).toEqual([
      { field: 'minRequestCents', message: 'must not be more than budgetEnvelopeCents' },
    ]);
  });

  it('wants money in positive whole cents and durations and panels of a sensible size', () => {
    const terms = completeTerms({
      budgetEnvelopeCents: 1_000.5,
      minRequestCents: 0,
      maxDurationMonths: 61,
      reviewersPerApplication: 0,
    });
    expect(callInconsistencies(terms, 'CBSF')).toEqual([
      { field: 'budgetEnvelopeCents', message: 'must be a positive whole number of cents' },
      { field: 'minRequestCents', message: 'must be a positive whole number of cents' },
      { field: 'maxDurationMonths', message: 'must be a whole number from 1 to 60' },
      { field: 'reviewersPerApplication', message: 'must be a whole number from 1 to 10' },
    ]);
  });

  it('points at a repeated question key and where it was first used, even across sections', () => {
    const terms = completeTerms();
    terms.form!.sections[1].questions.push(question({ key: 'mission' }));
    terms.form!.sections[1].key = 'organization';
    expect(callInconsistencies(terms, 'CBSF')).toEqual([
      { field: 'form.sections[1].key', message: 'duplicates the key of form.sections[0]' },
      { field: 'form.sections[1].questions[1].key', message: 'duplicates the key of form.sections[0].questions[0]' },
    ]);
  });

  it('refuses keys that would not be safe as identifiers', () => {
    const terms = completeTerms({
      requiredAttachments: [{ key: 'Budget-File', label: { en: 'Budget', fr: 'Budget' } }],
    });
    terms.form!.sections[0].questions[0].key = '2nd_question';
    expect(callInconsistencies(terms, 'CBSF')).toEqual([
      {
        field: 'form.sections[0].questions[0].key',
        message: 'must be 1 to 50 lowercase letters, digits or underscores, starting with a letter',
      },
      {
        field: 'requiredAttachments[0].key',
        message: 'must be 1 to 50 lowercase letters, digits or underscores, starting with a letter',
      },
    ]);
    const withAttachmentKey = (key: string): CallTerms =>
      completeTerms({ requiredAttachments: [{ key, label: { en: 'Work plan', fr: 'Plan de travail' } }] });
    expect(callInconsistencies(withAttachmentKey(`work_plan_${'x'.repeat(40)}`), 'CBSF')).toEqual([]);
    expect(callInconsistencies(withAttachmentKey(`work_plan_${'x'.repeat(41)}`), 'CBSF')).toHaveLength(1);
  });

  it('wants choice questions to offer at least two distinct options', () => {
    const terms = completeTerms();
    terms.form!.sections[1].questions = [
      question({ key: 'one_option', type: 'multichoice', options: [settings()[0]] }),
      question({
        key: 'repeated',
        type: 'choice',
        options: [...settings(), { value: 'urban', label: { en: 'Town', fr: 'Ville' } }],
      }),
      question({ key: 'no_options', type: 'choice' }),
    ];
    expect(callInconsistencies(terms, 'CBSF')).toEqual([
      { field: 'form.sections[1].questions[0].options', message: 'needs at least 2 options' },
      {
        field: 'form.sections[1].questions[1].options[2].value',
        message: 'duplicates the value of form.sections[1].questions[1].options[1]',
      },
      { field: 'form.sections[1].questions[2].options', message: 'needs at least 2 options' },
    ]);
  });

  it('allows options, lengths and bounds only on the question types that use them', () => {
    const terms = completeTerms();
    terms.form!.sections[1].questions = [
      question({ key: 'name', type: 'text', options: settings(), min: 1 }),
      question({ key: 'count', type: 'number', maxLength: 10 }),
      question({ key: 'story', type: 'longtext', maxLength: 100_001 }),
      question({ key: 'age', type: 'number', min: 65, max: 18 }),
      question({ key: 'budget', type: 'number', min: Number.NEGATIVE_INFINITY }),
    ];
    expect(callInconsistencies(terms, 'CBSF')).toEqual([
      { field: 'form.sections[1].questions[0].options', message: 'is only allowed on choice and multichoice questions' },
      { field: 'form.sections[1].questions[0].min', message: 'is only allowed on number questions' },
      { field: 'form.sections[1].questions[1].maxLength', message: 'is only allowed on text and longtext questions' },
      { field: 'form.sections[1].questions[2].maxLength', message: 'must be a whole number from 1 to 100000' },
      { field: 'form.sections[1].questions[3].max', message: 'must not be less than min' },
      { field: 'form.sections[1].questions[4].min', message: 'must be a finite number' },
    ]);
  });

  it('checks the rubric scale and repeated criteria', () => {
    const need = { key: 'need', label: { en: 'Need', fr: 'Besoin' } };
    const terms = completeTerms({
      rubric: {
        criteria: [
          { ...need, weight: 0, maxScore: 10 },
          { ...need, weight: Number.NaN, maxScore: 101 },
          { key: 'reach', label: { en: 'Reach', fr: 'Portée' }, weight: 0.5, maxScore: 2.5 },
        ],
      },
    });
    expect(callInconsistencies(terms, 'CBSF')).toEqual([
      { field: 'rubric.criteria[0].weight', message: 'must be a number greater than 0' },
      { field: 'rubric.criteria[1].key', message: 'duplicates the key of rubric.criteria[0]' },
      { field: 'rubric.criteria[1].weight', message: 'must be a number greater than 0' },
      { field: 'rubric.criteria[1].maxScore', message: 'must be a whole number from 1 to 100' },
      { field: 'rubric.criteria[2].maxScore', message: 'must be a whole number from 1 to 100' },
    ]);
  });

  it('checks what the scores mean: bands within the criterion’s scale, each above the one before', () => {
    const band = (minScore: number, en = 'Meaning', fr = 'Sens') => ({ minScore, label: { en, fr } });
    const need = { key: 'need', label: { en: 'Need', fr: 'Besoin' }, weight: 1, maxScore: 10 };
    expect(callInconsistencies(completeTerms({ rubric: { criteria: [{ ...need, descriptors: [band(0), band(4), band(7)] }] } }), 'CBSF')).toEqual([]);
    const terms = completeTerms({
      rubric: { criteria: [{ ...need, descriptors: [band(0), band(11), band(4), band(4), band(2.5)] }, { ...need, key: 'reach', maxScore: 5, descriptors: [band(-1)] }] },
    });
    expect(callInconsistencies(terms, 'CBSF')).toEqual([
      { field: 'rubric.criteria[0].descriptors[1].minScore', message: 'must be a whole number from 0 to 10' },
      { field: 'rubric.criteria[0].descriptors[3].minScore', message: 'must be more than rubric.criteria[0].descriptors[2].minScore' },
      { field: 'rubric.criteria[0].descriptors[4].minScore', message: 'must be a whole number from 0 to 10' },
      { field: 'rubric.criteria[1].descriptors[0].minScore', message: 'must be a whole number from 0 to 5' },
    ]);
    // Both languages are asked for at publication, like every label.
    const drafted = completeTerms({ rubric: { criteria: [{ ...need, descriptors: [band(0, 'Not shown', ''), band(5, '', 'Démontré')] }] } });
    expect(callInconsistencies(drafted, 'CBSF')).toEqual([]);
    expect(callGaps(drafted)).toEqual([
      { field: 'rubric.criteria[0].descriptors[0].label.fr', message: 'is required in French' },
      { field: 'rubric.criteria[0].descriptors[1].label.en', message: 'is required in English' },
    ]);
    // Each band reaches up to the next one's lowest score; the last, to the highest score.
    expect(scoreBands({ ...need, descriptors: [band(0, 'Not shown'), band(4, 'General'), band(10, 'Local evidence')] }).map(({ from, to, label }) => [from, to, label.en])).toEqual([
      [0, 3, 'Not shown'],
      [4, 9, 'General'],
      [10, 10, 'Local evidence'],
    ]);
  });

  it('refuses the same organization type or region listed twice', () => {
    const terms = completeTerms({
      eligibility: {
        organizationTypes: ['charity', 'non_profit', 'charity'],
        regions: ['north', 'north'],
        indigenousLedRequired: false,
      },
    });
    expect(callInconsistencies(terms, 'CBSF')).toEqual([
      { field: 'eligibility.organizationTypes[2]', message: 'duplicates eligibility.organizationTypes[0]' },
      { field: 'eligibility.regions[1]', message: 'duplicates eligibility.regions[0]' },
    ]);
  });

  it('holds Indigenous-Led Initiatives Fund calls to Indigenous-led organizations', () => {
    const openToAll = completeTerms();
    expect(callInconsistencies(openToAll, 'CBSF')).toEqual([]);
    expect(callInconsistencies(openToAll, 'ILIF')).toEqual([
      {
        field: 'eligibility.indigenousLedRequired',
        message: 'Indigenous-Led Initiatives Fund calls are for Indigenous-led organizations',
      },
    ]);
    const indigenousLed = completeTerms({
      eligibility: { organizationTypes: ['first_nation'], regions: null, indigenousLedRequired: true },
    });
    expect(callInconsistencies(indigenousLed, 'ILIF')).toEqual([]);
    // An ILIF draft whose eligibility is not written yet is not inconsistent.
    expect(callInconsistencies(blankDraft, 'ILIF')).toEqual([]);
  });
});

describe('callGaps', () => {
  it('finds nothing missing in a complete call', () => {
    expect(callGaps(completeTerms())).toEqual([]);
  });

  it('lists everything an empty draft still needs, in the order of the call form', () => {
    expect(callGaps(blankDraft)).toEqual([
      { field: 'title.en', message: 'is required in English' },
      { field: 'title.fr', message: 'is required in French' },
      { field: 'description.en', message: 'is required in English' },
      { field: 'description.fr', message: 'is required in French' },
      { field: 'opensAt', message: 'is required' },
      { field: 'closesAt', message: 'is required' },
      { field: 'budgetEnvelopeCents', message: 'is required' },
      { field: 'minRequestCents', message: 'is required' },
      { field: 'maxRequestCents', message: 'is required' },
      { field: 'maxDurationMonths', message: 'is required' },
      { field: 'eligibility', message: 'is required' },
      { field: 'form', message: 'is required' },
      { field: 'rubric', message: 'is required' },
      { field: 'reviewersPerApplication', message: 'is required' },
    ]);
  });

  it('needs every text the applicant or reviewer reads in both English and French', () => {
    const terms = completeTerms({
      title: { en: 'Community supports 2027', fr: '   ' },
      requiredAttachments: [{ key: 'workplan', label: { en: '', fr: 'Plan de travail' } }],
    });
    const section = terms.form!.sections[0];
    section.title = { en: 'Your organization', fr: '' };
    section.questions[1].label = { en: 'Setting' } as Question['label'];
    section.questions[1].options![1].label = { en: 'Urban', fr: '' };
    terms.rubric!.criteria[0].label = { en: '', fr: '' };
    expect(callGaps(terms)).toEqual([
      { field: 'title.fr', message: 'is required in French' },
      { field: 'form.sections[0].title.fr', message: 'is required in French' },
      { field: 'form.sections[0].questions[1].label.fr', message: 'is required in French' },
      { field: 'form.sections[0].questions[1].options[1].label.fr', message: 'is required in French' },
      { field: 'requiredAttachments[0].label.en', message: 'is required in English' },
      { field: 'rubric.criteria[0].label.en', message: 'is required in English' },
      { field: 'rubric.criteria[0].label.fr', message: 'is required in French' },
    ]);
  });

  it('needs someone to be eligible, something to ask and something to score', () => {
    const terms = completeTerms({
      eligibility: { organizationTypes: [], regions: null, indigenousLedRequired: false },
      rubric: { criteria: [] },
    });
    terms.form!.sections[1].questions = [];
    expect(callGaps(terms)).toEqual([
      { field: 'eligibility.organizationTypes', message: 'needs at least one organization type' },
      { field: 'form.sections[1].questions', message: 'needs at least one question' },
      { field: 'rubric.criteria', message: 'needs at least one criterion' },
    ]);
    expect(callGaps(completeTerms({ form: { sections: [] } }))).toEqual([
      { field: 'form.sections', message: 'needs at least one section' },
    ]);
  });
});

describe('callPhase', () => {
  const window = { opensAt: new Date('2027-01-15T14:00:00Z'), closesAt: new Date('2027-03-01T05:00:00Z') };
  const published = { ...window, publishedAt: new Date('2027-01-10T15:00:00Z'), closedAt: null };

  it('is a draft until published, whatever the clock says', () => {
    expect(callPhase({ ...window, publishedAt: null, closedAt: null }, new Date('2027-02-01T00:00:00Z'))).toBe('draft');
  });

  it('is scheduled before opening, open from opensAt, and closed from closesAt exactly', () => {
    expect(callPhase(published, new Date('2027-01-15T13:59:59.999Z'))).toBe('scheduled');
    expect(callPhase(published, new Date('2027-01-15T14:00:00Z'))).toBe('open');
    expect(callPhase(published, new Date('2027-03-01T04:59:59.999Z'))).toBe('open');
    expect(callPhase(published, new Date('2027-03-01T05:00:00Z'))).toBe('closed');
  });

  it('is closed once an officer closes it early, even before the deadline', () => {
    const closedEarly = { ...published, closedAt: new Date('2027-02-01T17:00:00Z') };
    expect(callPhase(closedEarly, new Date('2027-02-02T00:00:00Z'))).toBe('closed');
  });
});
