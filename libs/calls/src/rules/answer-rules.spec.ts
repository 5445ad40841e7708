import { ApplicantProfile, ApplicationForm, Eligibility, Question } from '../call-terms';
import { answerProblems, eligibilityFaults, eligibilityProblems, missingAnswers } from './answer-rules';

function question(key: string, type: Question['type'], extra: Partial<Question> = {}): Question {
  return { key, type, label: { en: key, fr: key }, required: false, ...extra };
}

const supportTypes = [
  { value: 'housing', label: { en: 'Housing', fr: 'Logement' } },
  { value: 'counselling', label: { en: 'Counselling', fr: 'Counseling' } },
  { value: 'legal', label: { en: 'Legal aid', fr: 'Aide juridique' } },
];

const form: ApplicationForm = {
  sections: [
    {
      key: 'organization',
      title: { en: 'Organization', fr: 'Organisme' },
      questions: [
        question('legal_name', 'text', { required: true }),
        question('mission', 'longtext', { required: true }),
        question('motto', 'text', { maxLength: 5 }),
      ],
    },
    {
      key: 'project',
      title: { en: 'Project', fr: 'Projet' },
      questions: [
        question('participants', 'number', { required: true, min: 1, max: 500 }),
        question('delivery', 'choice', { options: supportTypes.slice(0, 2) }),
        question('supports', 'multichoice', { required: true, options: supportTypes }),
        question('start_date', 'date', { required: true }),
        question('partnered', 'yesno', { required: true }),
      ],
    },
  ],
};

describe('answerProblems', () => {
  it('accepts a well-formed partial draft, and null to clear an answer', () => {
    const answers = {
      legal_name: 'Maison Nouvelle Aube',
      participants: 40,
      delivery: 'housing',
      supports: ['legal', 'housing'],
      start_date: '2028-02-29',
      partnered: false,
      mission: null,
    };
    expect(answerProblems(form, answers)).toEqual([]);
  });

  it('refuses answers to questions the call does not ask', () => {
    expect(answerProblems(form, { budget_notes: 'extra', constructor: 'x' })).toEqual([
      { field: 'answers.budget_notes', message: 'is not a question of this call' },
      { field: 'answers.constructor', message: 'is not a question of this call' },
    ]);
  });

  it('counts characters, not UTF-16 units, against the length limit', () => {
    // Five emoji are ten UTF-16 units, but a person counts five characters.
    expect('🌱🌱🌱🌱🌱'.length).toBe(10);
    expect(answerProblems(form, { motto: '🌱🌱🌱🌱🌱' })).toEqual([]);
    expect(answerProblems(form, { motto: '🌱🌱🌱🌱🌱🌱' })).toEqual([
      { field: 'answers.motto', message: 'must be at most 5 characters' },
    ]);
  });

  it('applies the default limits of 1000 characters for text and 20000 for long text', () => {
    expect(answerProblems(form, { legal_name: 'a'.repeat(1000), mission: 'b'.repeat(20_000) })).toEqual([]);
    expect(answerProblems(form, { legal_name: 'a'.repeat(1001), mission: 'b'.repeat(20_001) })).toEqual([
      { field: 'answers.legal_name', message: 'must be at most 1000 characters' },
      { field: 'answers.mission', message: 'must be at most 20000 characters' },
    ]);
  });

  it('explains what each question type expects', () => {
    const answers = {
      legal_name: 42,
      participants: '40',
      delivery: 'legal',
      supports: 'housing',
      start_date: '2027-02-29',
      partnered: 'yes',
    };
    expect(answerProblems(form, answers)).toEqual([
      { field: 'answers.legal_name', message: 'must be text' },
      { field: 'answers.participants', message: 'must be a number' },
      { field: 'answers.delivery', message: 'must be one of housing, counselling' },
      { field: 'answers.supports', message: 'must be a list of options among housing, counselling, legal' },
      { field: 'answers.start_date', message: 'must be a date written YYYY-MM-DD' },
      { field: 'answers.partnered', message: 'must be yes (true) or no (false)' },
    ]);
  });

  it('holds numbers to the question bounds, inclusive', () => {
    expect(answerProblems(form, { participants: 1 })).toEqual([]);
    expect(answerProblems(form, { participants: 500 })).toEqual([]);
    expect(answerProblems(form, { participants: 0 })).toEqual([{ field: 'answers.participants', message: 'must be at least 1' }]);
    expect(answerProblems(form, { participants: 501 })).toEqual([{ field: 'answers.participants', message: 'must be at most 500' }]);
    expect(answerProblems(form, { participants: Number.NaN })).toEqual([{ field: 'answers.participants', message: 'must be a number' }]);
  });

  it('refuses a multiple choice that names an option twice or one the question does not offer', () => {
    expect(answerProblems(form, { supports: ['legal', 'legal'] })).toEqual([
      { field: 'answers.supports', message: 'must not choose the same option twice' },
    ]);
    expect(answerProblems(form, { supports: ['legal', 'daycare'] })).toEqual([
      { field: 'answers.supports', message: 'must be a list of options among housing, counselling, legal' },
    ]);
  });

  it('accepts only real calendar dates', () => {
    const verdict = (date: string): boolean => answerProblems(form, { start_date: date }).length === 0;
    expect(verdict('2000-02-29')).toBe(true); // divisible by 400: leap
    expect(verdict('1900-02-29')).toBe(false); // divisible by 100 only: not leap
    expect(verdict('2027-04-31')).toBe(false);
    expect(verdict('2027-13-01')).toBe(false);
    expect(verdict('2027-4-1')).toBe(false);
    expect(verdict('2027-04-01T00:00:00Z')).toBe(false);
  });
});

describe('missingAnswers', () => {
  it('lists unanswered required questions in the order the form asks them', () => {
    expect(missingAnswers(form, {})).toEqual(['legal_name', 'mission', 'participants', 'supports', 'start_date', 'partnered']);
  });

  it('treats blank text, empty choices and null as missing, but false and 0 as answers', () => {
    const answers = {
      legal_name: '  \n ',
      mission: null,
      participants: 0,
      supports: [],
      start_date: '2027-06-01',
      partnered: false,
    };
    expect(missingAnswers(form, answers)).toEqual(['legal_name', 'mission', 'supports']);
  });

  it('does not mistake an inherited property for an answer', () => {
    const constructorForm: ApplicationForm = {
      sections: [{ key: 'main', title: { en: 'Main', fr: 'Principal' }, questions: [question('constructor', 'text', { required: true })] }],
    };
    expect(missingAnswers(constructorForm, {})).toEqual(['constructor']);
  });
});

describe('eligibilityProblems', () => {
  const forCharitiesInTheNorth: Eligibility = {
    organizationTypes: ['charity', 'non_profit'],
    regions: ['north'],
    indigenousLedRequired: false,
  };
  const charityInTheNorth: ApplicantProfile = { type: 'charity', region: 'north', indigenousLed: false };

  it('finds nothing against an organization that fits', () => {
    expect(eligibilityProblems(forCharitiesInTheNorth, charityInTheNorth)).toEqual([]);
    expect(eligibilityProblems({ ...forCharitiesInTheNorth, regions: null }, { ...charityInTheNorth, region: 'toronto' })).toEqual([]);
  });

  it('gives every reason an organization is not eligible', () => {
    const ilif: Eligibility = { organizationTypes: ['first_nation', 'metis_organization'], regions: ['north', 'west'], indigenousLedRequired: true };
    const municipality: ApplicantProfile = { type: 'municipality', region: 'east', indigenousLed: false };
    expect(eligibilityProblems(ilif, municipality)).toEqual([
      'Organizations of type municipality are not eligible; this call is for first_nation, metis_organization.',
      'Organizations in the east region are not eligible; this call is for north, west.',
      'This call is for Indigenous-led organizations only.',
    ]);
    expect(eligibilityProblems(ilif, { type: 'first_nation', region: 'north', indigenousLed: true })).toEqual([]);
  });

  it('names each rule an organization fails, with what the call asks instead, so a page can say it in any language', () => {
    const cbsf: Eligibility = { organizationTypes: ['charity', 'non_profit'], regions: null, indigenousLedRequired: false };
    const firstNation: ApplicantProfile = { type: 'first_nation', region: 'north', indigenousLed: true };
    expect(eligibilityFaults(cbsf, firstNation)).toEqual([{ rule: 'organizationType', type: 'first_nation', allowed: ['charity', 'non_profit'] }]);
    const ilif: Eligibility = { organizationTypes: ['first_nation', 'charity'], regions: ['north'], indigenousLedRequired: true };
    expect(eligibilityFaults(ilif, firstNation)).toEqual([]);
    expect(eligibilityFaults(ilif, { type: 'charity', region: 'east', indigenousLed: false })).toEqual([
      { rule: 'region', region: 'east', allowed: ['north'] },
      { rule: 'indigenousLed' },
    ]);
  });
});
