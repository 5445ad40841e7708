import { EMPTY_CALL_TERMS } from '@grants/calls';
import { basicsChanges, basicsValuesOf, eligibilityChanges, listFrom, listValuesOf, parseOptions, questionFrom, questionValuesOf, readBasics, readList, readQuestion, totalWeight } from './call-form';

const BASICS = {
  titleEn: ' Community supports 2027 ',
  titleFr: 'Soutiens communautaires 2027',
  descriptionEn: 'Services for survivors.\r\nSecond line.',
  descriptionFr: '',
  'opens-day': '15',
  'opens-month': '1',
  'opens-year': '2027',
  'opens-hour': '9',
  'opens-minute': '00',
  'closes-day': '31',
  'closes-month': '03',
  'closes-year': '2027',
  'closes-hour': '17',
  'closes-minute': '00',
  budgetEnvelope: '2 500 000,00',
  minRequest: '15,000.75',
  maxRequest: '150 000',
  maxDurationMonths: '24',
  reviewersPerApplication: '2',
  'reviewDue-day': '',
  'reviewDue-month': '',
  'reviewDue-year': '',
  'reviewDue-hour': '',
  'reviewDue-minute': '',
  disagreementThreshold: '12,5',
};

describe('the call editor’s forms', () => {
  it('reads the basics into the call’s terms: Ontario instants, cents, blanks cleared', () => {
    const { changes, errors } = basicsChanges(readBasics(BASICS), EMPTY_CALL_TERMS);
    expect(errors).toEqual([]);
    expect(changes).toEqual({
      title: { en: 'Community supports 2027', fr: 'Soutiens communautaires 2027' },
      description: { en: 'Services for survivors.\nSecond line.' },
      opensAt: new Date('2027-01-15T14:00:00Z'),
      closesAt: new Date('2027-03-31T21:00:00Z'),
      budgetEnvelopeCents: 250_000_000,
      minRequestCents: 1_500_075,
      maxRequestCents: 15_000_000,
      maxDurationMonths: 24,
      reviewersPerApplication: 2,
      reviewDueAt: null,
      disagreementThreshold: 12.5,
    });
  });

  it('points at each basics field it cannot read, and keeps the others', () => {
    const { changes, errors } = basicsChanges(
      readBasics({
        ...BASICS,
        'opens-hour': '',
        'opens-minute': '',
        'closes-day': '30',
        'closes-month': '2',
        budgetEnvelope: '2,5,0',
        maxDurationMonths: 'two',
        ...{ 'reviewDue-day': '14', 'reviewDue-month': '3', 'reviewDue-year': '2027', 'reviewDue-hour': '2', 'reviewDue-minute': '30' },
        disagreementThreshold: '101',
      }),
      EMPTY_CALL_TERMS,
    );
    expect(errors.map((error) => [error.field, error.message])).toEqual([
      ['opens-hour', 'callEditor.error.opens.timeMissing'],
      ['closes-day', 'callEditor.error.closes.invalidDate'],
      ['budgetEnvelope', 'callEditor.error.budgetEnvelope'],
      ['maxDurationMonths', 'callEditor.error.maxDurationMonths'],
      ['reviewDue-hour', 'callEditor.error.reviewDue.nonexistent'],
      ['disagreementThreshold', 'callEditor.error.disagreementThreshold'],
    ]);
    expect(errors[4]!.params).toEqual({ date: '2027-03-14', time: '02:30' });
    expect(changes.minRequestCents).toBe(1_500_075);
  });

  it('shows saved basics in the page’s language and saves them back unchanged', () => {
    const saved = { ...EMPTY_CALL_TERMS, opensAt: new Date('2027-01-15T14:00:30Z'), closesAt: new Date('2027-03-31T21:00:00Z'), budgetEnvelopeCents: 250_000_050, disagreementThreshold: 12.5 };
    const values = basicsValuesOf(saved, 'fr');
    expect(values).toMatchObject({
      opens: { day: '15', month: '1', year: '2027', hour: '9', minute: '00' },
      closes: { day: '31', month: '3', year: '2027', hour: '17', minute: '00' },
      reviewDue: { day: '', month: '', year: '', hour: '', minute: '' },
    });
    expect(values).toMatchObject({ budgetEnvelope: '2 500 000,50', disagreementThreshold: '12,5', minRequest: '' });
    const { changes } = basicsChanges(values, saved);
    // The opening's seconds, which the form does not show, are kept.
    expect(changes).toMatchObject({ opensAt: saved.opensAt, closesAt: saved.closesAt, budgetEnvelopeCents: 250_000_050, minRequestCents: null, disagreementThreshold: 12.5 });
  });

  it('reads eligibility: no region means every region, Indigenous-led must be answered', () => {
    expect(eligibilityChanges({ organizationTypes: ['charity', 'non_profit', 'made_up'], regions: [], indigenousLedRequired: 'no' }).changes).toEqual({
      eligibility: { organizationTypes: ['non_profit', 'charity'], regions: null, indigenousLedRequired: false },
    });
    expect(eligibilityChanges({ organizationTypes: [], regions: ['north', 'toronto'], indigenousLedRequired: 'yes' }).changes.eligibility?.regions).toEqual(['north', 'toronto']);
    expect(eligibilityChanges({ organizationTypes: [], regions: [], indigenousLedRequired: '' }).errors).toEqual([{ field: 'indigenousLedRequired-yes', message: 'callEditor.error.indigenousLedRequired' }]);
  });

  it('reads a question with its choices, one a line, and counts lines as typed', () => {
    const values = readQuestion({ key: ' delivery ', type: 'choice', labelEn: 'How?', labelFr: 'Comment?', required: 'yes', options: 'in_person | In person | En personne\n\nvirtual|Virtual|Virtuelle\n', maxLength: '', min: '', max: '' });
    const { question, optionLines, errors } = questionFrom(values);
    expect(errors).toEqual([]);
    expect(question).toEqual({
      key: 'delivery',
      type: 'choice',
      label: { en: 'How?', fr: 'Comment?' },
      required: true,
      options: [
        { value: 'in_person', label: { en: 'In person', fr: 'En personne' } },
        { value: 'virtual', label: { en: 'Virtual', fr: 'Virtuelle' } },
      ],
    });
    expect(optionLines).toEqual([1, 3]);
    expect(questionFrom(questionValuesOf(question, 'en')).question).toEqual(question);
  });

  it('refuses a line of choices without its three parts, an unknown type and numbers it cannot read', () => {
    expect(parseOptions('a | A\nb | B | Bé').errors).toEqual([{ field: 'options', message: 'callEditor.error.optionLine', params: { line: 1 } }]);
    const { errors, question } = questionFrom(readQuestion({ key: 'n', type: 'slider', labelEn: 'N', labelFr: 'N', maxLength: '1.5', min: 'zero', max: '1,5' }));
    expect(errors.map((error) => error.field)).toEqual(['type-text', 'maxLength', 'min']);
    expect(question.max).toBe(1.5);
  });

  it('keeps limits that do not fit the type, so the rules can point them out', () => {
    const { question } = questionFrom(readQuestion({ key: 'when', type: 'date', labelEn: 'When', labelFr: 'Quand', maxLength: '200', min: '-5' }));
    expect(question).toMatchObject({ type: 'date', maxLength: 200, min: -5 });
    expect(question.required).toBe(false);
  });

  it('reads a list page: edits, removals, and the blank row only when something is typed in it', () => {
    const body = {
      'criteria-0-key': 'need',
      'criteria-0-labelEn': 'Need',
      'criteria-0-labelFr': 'Besoin',
      'criteria-0-weight': '2',
      'criteria-0-maxScore': '10',
      'criteria-1-key': 'old',
      'criteria-1-labelEn': 'Old',
      'criteria-1-labelFr': 'Ancien',
      'criteria-1-weight': '1',
      'criteria-1-maxScore': '5',
      'criteria-1-remove': 'yes',
      'criteria-new-key': 'capacity',
      'criteria-new-labelEn': 'Capacity',
      'criteria-new-labelFr': 'Capacité',
      'criteria-new-weight': '1,5',
      'criteria-new-maxScore': '5',
    };
    const values = readList('criteria', body);
    expect(values.map((value) => value.row)).toEqual(['0', '1', 'new']);
    const { items, rows, errors } = listFrom('criteria', values);
    expect(errors).toEqual([]);
    expect(rows).toEqual(['0', 'new']);
    expect(items).toEqual([
      { key: 'need', label: { en: 'Need', fr: 'Besoin' }, weight: 2, maxScore: 10 },
      { key: 'capacity', label: { en: 'Capacity', fr: 'Capacité' }, weight: 1.5, maxScore: 5 },
    ]);
    expect(totalWeight(values)).toBe(3.5);
    const blank = listFrom('attachments', readList('attachments', { 'attachments-new-key': ' ', 'attachments-new-labelEn': '' }));
    expect(blank).toEqual({ items: [], rows: [], errors: [] });
  });

  it('asks for a criterion’s weight and highest score as numbers, and shows saved items back', () => {
    const { errors } = listFrom('criteria', readList('criteria', { 'criteria-new-key': 'need', 'criteria-new-weight': 'high' }));
    expect(errors.map((error) => error.field)).toEqual(['criteria-new-weight', 'criteria-new-maxScore']);
    const values = listValuesOf([{ key: 'need', label: { en: 'Need', fr: 'Besoin' }, weight: 1.5, maxScore: 10 }], 'fr');
    expect(values).toEqual([
      { row: '0', key: 'need', labelEn: 'Need', labelFr: 'Besoin', weight: '1,5', maxScore: '10', remove: false },
      { row: 'new', key: '', labelEn: '', labelFr: '', weight: '', maxScore: '', remove: false },
    ]);
  });
});
