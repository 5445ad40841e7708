import type { FormSection, Question } from '@grants/calls';
import {
  answerTarget,
  attachmentsState,
  budgetState,
  projectProblems,
  projectState,
  readAnswerForm,
  readBudgetForm,
  readProjectForm,
  refusedAnswers,
  refusedBudget,
  savedAnswerValues,
  savedBudgetRows,
  sectionState,
  toAnswers,
  toBudget,
  withEmptyRows,
} from './apply-form';

const both = (text: string) => ({ en: text, fr: text });
const QUESTIONS: Question[] = [
  { key: 'need', type: 'longtext', label: both('Need'), required: true, maxLength: 5000 },
  { key: 'name', type: 'text', label: both('Name'), required: false },
  { key: 'people', type: 'number', label: both('People'), required: true, min: 0 },
  { key: 'delivery', type: 'choice', label: both('Delivery'), required: false, options: [{ value: 'in_person', label: both('In person') }, { value: 'virtual', label: both('Virtual') }] },
  { key: 'languages', type: 'multichoice', label: both('Languages'), required: false, options: [{ value: 'en', label: both('English') }, { value: 'fr', label: both('French') }] },
  { key: 'start', type: 'date', label: both('Start'), required: false },
  { key: 'partners', type: 'yesno', label: both('Partners'), required: true },
];
const SECTION: FormSection = { key: 'project', title: both('Project'), questions: QUESTIONS };

describe('the project form', () => {
  it('keeps line breaks as LF and refuses what the API would', () => {
    const values = readProjectForm({ title: 'Safe Harbour', summary: 'One\r\nTwo' });
    expect(values).toEqual({ title: 'Safe Harbour', summary: 'One\nTwo' });
    expect(projectProblems(values)).toEqual([]);
    expect(projectProblems({ title: 'x'.repeat(201), summary: 'é'.repeat(2000) }).map((problem) => problem.kind)).toEqual(['titleTooLong']);
    // Code points: a syllabics character counts once.
    expect(projectProblems({ title: 'ᐊ'.repeat(200), summary: '' })).toEqual([]);
  });
});

describe('answers', () => {
  it('reads every type, emptied fields clearing their answer', () => {
    const values = readAnswerForm(QUESTIONS, {
      'answer-need': '  Housing\r\nand support  ',
      'answer-name': '',
      'answer-people': '1,250',
      'answer-delivery': 'virtual',
      'answer-languages': ['en', 'fr'],
      'answer-start-day': '31',
      'answer-start-month': '5',
      'answer-start-year': '2027',
      'answer-partners': 'no',
    });
    expect(values['languages']).toEqual(['en', 'fr']);
    expect(toAnswers(QUESTIONS, values, 'en')).toEqual({
      answers: { need: 'Housing\nand support', name: null, people: 1250, delivery: 'virtual', languages: ['en', 'fr'], start: '2027-05-31', partners: false },
      problems: [],
    });
    // A single ticked box comes as a string; no box ticked, as nothing.
    expect(readAnswerForm(QUESTIONS, { 'answer-languages': 'fr' })['languages']).toEqual(['fr']);
    expect(toAnswers(QUESTIONS, readAnswerForm(QUESTIONS, {}), 'en').answers['languages']).toBeNull();
  });

  it('reports numbers and dates it cannot read, at the field the summary links to', () => {
    const typed = { 'answer-people': 'many', 'answer-start-day': '31', 'answer-start-month': '2', 'answer-start-year': '2027', 'answer-need': 'Housing' };
    const { answers, problems } = toAnswers(QUESTIONS, readAnswerForm(QUESTIONS, typed), 'en');
    expect(problems.map((problem) => [problem.kind, problem.field])).toEqual([
      ['notNumber', 'answer-people'],
      ['notDate', 'answer-start-day'],
    ]);
    expect(answers).toMatchObject({ need: 'Housing' });
    expect(answers).not.toHaveProperty('people');
    expect(answers).not.toHaveProperty('start');
    // what was typed is shown back as typed
    expect(readAnswerForm(QUESTIONS, typed)['start']).toEqual({ day: '31', month: '2', year: '2027' });
    expect(toAnswers(QUESTIONS, readAnswerForm(QUESTIONS, { 'answer-start-day': '31', 'answer-start-year': '2027' }), 'en').problems.map((problem) => problem.kind)).toEqual(['notDate']);
    expect(toAnswers(QUESTIONS, readAnswerForm(QUESTIONS, { 'answer-start-day': ' ', 'answer-start-month': '', 'answer-start-year': '' }), 'en').answers['start']).toBeNull();
  });

  it('reads numbers the way the page’s language writes them', () => {
    expect(toAnswers(QUESTIONS, { people: '1 250,5' }, 'fr').answers['people']).toBe(1250.5);
    expect(toAnswers(QUESTIONS, { people: '1 250,5' }, 'en').problems).toHaveLength(1);
  });

  it('shows saved answers back in their fields', () => {
    expect(savedAnswerValues(QUESTIONS, { people: 1250.5, partners: true, languages: ['fr'], need: 'Housing' }, 'fr')).toEqual({
      need: 'Housing',
      name: '',
      people: '1250,5',
      delivery: '',
      languages: ['fr'],
      start: '',
      partners: 'yes',
    });
    expect(savedAnswerValues(QUESTIONS, { start: '2027-05-03' }, 'fr')['start']).toEqual({ day: '3', month: '5', year: '2027' });
  });

  it('links radios and checkboxes by their first option, and maps the service’s refusals to fields', () => {
    expect(QUESTIONS.map(answerTarget)).toEqual(['answer-need', 'answer-name', 'answer-people', 'answer-delivery-in_person', 'answer-languages-en', 'answer-start-day', 'answer-partners-yes']);
    expect(refusedAnswers(QUESTIONS, ['answers.people', 'answers.start', 'answers.unknown']).map((problem) => problem.field)).toEqual(['answer-people', 'answer-start-day']);
  });
});

describe('the budget table', () => {
  const row = (fiscalYear: string, category: string, description: string, amount: string) => ({ fiscalYear, category, description, amount });

  it('reads the rows posted, skips blank ones and keeps where each line came from', () => {
    const rows = readBudgetForm({
      rows: '4',
      'line-0-fiscalYear': '2027-28',
      'line-0-category': 'personnel',
      'line-0-description': ' Outreach worker ',
      'line-0-amount': '50 000,00 $',
      'line-2-fiscalYear': '2028-29',
      'line-2-category': 'training',
      'line-2-description': 'Training',
      'line-2-amount': '$35,000',
    });
    expect(rows).toHaveLength(4);
    const { lines, rowOfLine, problems } = toBudget(rows);
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 },
      { fiscalYear: '2028-29', category: 'training', description: 'Training', amountCents: 3_500_000 },
    ]);
    expect(rowOfLine).toEqual([0, 2]);
    expect(refusedBudget(['budget[1].fiscalYear', 'budget[0].amountCents', 'budget'], rowOfLine).map((problem) => [problem.kind, problem.field])).toEqual([
      ['fiscalYearRefused', 'line-2-fiscalYear'],
      ['amountRefused', 'line-0-amount'],
    ]);
  });

  it('names what a row filled in part lacks, by row', () => {
    const { problems } = toBudget([row('', '', '', ''), row('2027-28', '', 'Rent', ''), row('', 'travel', '', 'lots'), row('2027-28', 'travel', 'Bus', '0'), row('2027-28', 'travel', 'Jet', '2,000,000,000')]);
    expect(problems.map((problem) => [problem.kind, problem.field])).toEqual([
      ['categoryMissing', 'line-1-category'],
      ['amountMissing', 'line-1-amount'],
      ['fiscalYearMissing', 'line-2-fiscalYear'],
      ['descriptionMissing', 'line-2-description'],
      ['amountInvalid', 'line-2-amount'],
      ['amountZero', 'line-3-amount'],
      ['amountTooLarge', 'line-4-amount'],
    ]);
  });

  it('offers empty rows below the lines, and more on request', () => {
    const saved = savedBudgetRows([{ fiscalYear: '2027-28', category: 'personnel', description: 'Worker', amountCents: 123_456 }], 'en');
    expect(saved).toEqual([row('2027-28', 'personnel', 'Worker', '1,234.56')]);
    expect(withEmptyRows(saved)).toHaveLength(4);
    expect(withEmptyRows(saved, 9)).toHaveLength(9);
    expect(withEmptyRows(withEmptyRows(saved))).toHaveLength(4);
  });
});

describe('the states of the task list', () => {
  it('says whether each part is not started, in progress or complete', () => {
    expect([projectState({ title: '', summary: ' ' }), projectState({ title: 'A', summary: '' }), projectState({ title: 'A', summary: 'B' })]).toEqual(['notStarted', 'inProgress', 'complete']);
    expect(sectionState(SECTION, {})).toBe('notStarted');
    expect(sectionState(SECTION, { need: 'Housing', delivery: 'virtual' })).toBe('inProgress');
    expect(sectionState(SECTION, { need: 'Housing', people: 0, partners: false })).toBe('complete');
    const range = { minRequestCents: 1_000_000, maxRequestCents: 15_000_000 };
    expect([budgetState(0, 0, range), budgetState(1, 500_000, range), budgetState(2, 8_500_000, range)]).toEqual(['notStarted', 'inProgress', 'complete']);
    const required = [{ key: 'statements', label: both('Statements') }, { key: 'letters', label: both('Letters') }];
    expect([attachmentsState(required, []), attachmentsState(required, [{ key: 'letters' }]), attachmentsState(required, [{ key: 'letters' }, { key: 'statements' }])]).toEqual(['notStarted', 'inProgress', 'complete']);
  });
});
