import { EMPTY_CALL_TERMS } from '@grants/calls';
import { basicsChanges, basicsValuesOf, eligibilityChanges, listFrom, listValuesOf, parseOptions, questionFrom, questionValuesOf, readBasics, readList, readQuestion, readSection, sectionFrom, totalWeight } from './call-form';

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
  holdbackPercent: '15',
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
      holdbackPercent: 15,
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

  it('takes a holdback only as a whole number from 0 to 50', () => {
    const holdbackErrors = (holdbackPercent: string) => basicsChanges(readBasics({ ...BASICS, holdbackPercent }), EMPTY_CALL_TERMS).errors;
    for (const refused of ['51', 'abc', '12,5', '']) expect([refused, holdbackErrors(refused)]).toEqual([refused, [{ field: 'holdbackPercent', message: 'callEditor.error.holdbackPercent' }]]);
    expect(holdbackErrors('15')).toEqual([]);
    expect(basicsChanges(readBasics({ ...BASICS, holdbackPercent: '0' }), EMPTY_CALL_TERMS).changes.holdbackPercent).toBe(0);
  });

  it('shows saved basics in the page’s language and saves them back unchanged', () => {
    const saved = { ...EMPTY_CALL_TERMS, opensAt: new Date('2027-01-15T14:00:30Z'), closesAt: new Date('2027-03-31T21:00:00Z'), budgetEnvelopeCents: 250_000_050, disagreementThreshold: 12.5 };
    const values = basicsValuesOf(saved, 'fr');
    expect(values).toMatchObject({
      opens: { day: '15', month: '1', year: '2027', hour: '9', minute: '00' },
      closes: { day: '31', month: '3', year: '2027', hour: '17', minute: '00' },
      reviewDue: { day: '', month: '', year: '', hour: '', minute: '' },
    });
    expect(values).toMatchObject({ budgetEnvelope: '2 500 000,50', disagreementThreshold: '12,5', holdbackPercent: '10', minRequest: '' });
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

  it('reads a question with its choices in two boxes, making its identifier and the choices’ values from the English labels', () => {
    const values = readQuestion({ type: 'choice', labelEn: 'How will you deliver the services?', labelFr: 'Comment?', required: 'yes', optionsEn: 'In person\r\n\r\nVirtual\n', optionsFr: 'En personne\nVirtuelle', maxLength: '', min: '', max: '' });
    const form = { sections: [{ key: 'project', title: { en: 'Project', fr: 'Projet' }, questions: [{ key: 'how_will_you_deliver_the_services', type: 'text' as const, label: { en: 'Earlier', fr: 'Avant' }, required: false }] }] };
    const { question, errors } = questionFrom(values, null, form);
    expect(errors).toEqual([]);
    expect(question).toEqual({
      key: 'how_will_you_deliver_the_services_2',
      type: 'choice',
      label: { en: 'How will you deliver the services?', fr: 'Comment?' },
      required: true,
      options: [
        { value: 'in_person', label: { en: 'In person', fr: 'En personne' } },
        { value: 'virtual', label: { en: 'Virtual', fr: 'Virtuelle' } },
      ],
    });
    expect(questionFrom(questionValuesOf(question, 'en'), question, form).question).toEqual(question);
  });

  it('keeps a saved question’s identifier and its choices’ values through renaming, reordering and removal', () => {
    const saved = questionFrom(readQuestion({ type: 'multichoice', labelEn: 'Setting', labelFr: 'Milieu', optionsEn: 'Rural\nUrban\nRemote', optionsFr: 'Rural\nUrbain\nÉloigné' }), null, null).question;
    expect(saved.options!.map((option) => option.value)).toEqual(['rural', 'urban', 'remote']);
    // Renamed in English (found by its French label), moved up, one removed, one added with a taken name.
    const edited = questionFrom(readQuestion({ type: 'multichoice', labelEn: 'Where you work', labelFr: 'Milieu', optionsEn: 'Remote or fly-in\nrural\nUrban', optionsFr: 'Éloigné\nRural\nUrbain (nouveau)' }), saved, null).question;
    expect(edited.key).toBe('setting');
    expect(edited.options).toEqual([
      { value: 'remote', label: { en: 'Remote or fly-in', fr: 'Éloigné' } },
      { value: 'rural', label: { en: 'rural', fr: 'Rural' } },
      { value: 'urban', label: { en: 'Urban', fr: 'Urbain (nouveau)' } },
    ]);
    const renamedBoth = questionFrom(readQuestion({ type: 'choice', labelEn: 'Setting', labelFr: 'Milieu', optionsEn: 'Rural\nCity', optionsFr: 'Rural\nVille' }), saved, null).question;
    expect(renamedBoth.options!.map((option) => option.value)).toEqual(['rural', 'city']);
  });

  it('names the choice that has no line in the other language, and lets one language wait while drafting', () => {
    expect(parseOptions('In person\nVirtual\nOutreach', 'En personne\nVirtuel', []).errors).toEqual([
      { field: 'optionsFr', message: 'callEditor.error.optionCountFr', params: { choice: 3, label: 'Outreach' } },
    ]);
    expect(parseOptions('In person', 'En personne\nVirtuel', []).errors[0]).toMatchObject({ field: 'optionsEn', params: { choice: 2, label: 'Virtuel' } });
    expect(parseOptions('', 'En personne\nVirtuel', [])).toEqual({
      errors: [],
      options: [
        { value: 'en_personne', label: { en: '', fr: 'En personne' } },
        { value: 'virtuel', label: { en: '', fr: 'Virtuel' } },
      ],
    });
    const { errors, question } = questionFrom(readQuestion({ type: 'slider', labelEn: 'N', labelFr: 'N', maxLength: '1.5', min: 'zero', max: '1,5' }), null, null);
    expect(errors.map((error) => error.field)).toEqual(['type-text', 'maxLength', 'min']);
    expect(question.max).toBe(1.5);
  });

  it('keeps limits that do not fit the type, so the rules can point them out', () => {
    const { question } = questionFrom(readQuestion({ type: 'date', labelEn: 'When', labelFr: 'Quand', maxLength: '200', min: '-5' }), null, null);
    expect(question).toMatchObject({ type: 'date', maxLength: 200, min: -5 });
    expect(question.required).toBe(false);
  });

  it('makes a new section’s identifier from its title, unlike the other sections’, and keeps a saved one’s', () => {
    const form = { sections: [{ key: 'your_project', title: { en: 'Your project', fr: 'Votre projet' }, questions: [] }] };
    expect(sectionFrom(readSection({ titleEn: 'Your project', titleFr: 'Votre projet' }), null, form).section.key).toBe('your_project_2');
    expect(sectionFrom(readSection({ titleEn: '', titleFr: 'Sécurité' }), null, form).section.key).toBe('securite');
    expect(sectionFrom(readSection({ titleEn: 'The project', titleFr: 'Le projet' }), form.sections[0]!, form).section).toEqual({ key: 'your_project', title: { en: 'The project', fr: 'Le projet' }, questions: [] });
  });

  it('reads a list page: hidden identifiers kept, removals, and the blank row only when something is typed in it', () => {
    const body = {
      'criteria-0-key': 'need',
      'criteria-0-labelEn': 'Demonstrated need',
      'criteria-0-labelFr': 'Besoin',
      'criteria-0-weight': '2',
      'criteria-0-maxScore': '10',
      'criteria-1-key': 'old',
      'criteria-1-labelEn': 'Old',
      'criteria-1-labelFr': 'Ancien',
      'criteria-1-weight': '1',
      'criteria-1-maxScore': '5',
      'criteria-1-remove': 'yes',
      'criteria-new-labelEn': 'Need',
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
      { key: 'need', label: { en: 'Demonstrated need', fr: 'Besoin' }, weight: 2, maxScore: 10 },
      { key: 'need_2', label: { en: 'Need', fr: 'Capacité' }, weight: 1.5, maxScore: 5 },
    ]);
    expect(totalWeight(values)).toBe(3.5);
    const blank = listFrom('attachments', readList('attachments', { 'attachments-new-labelEn': ' ', 'attachments-new-labelFr': '' }));
    expect(blank).toEqual({ items: [], rows: [], bands: [], errors: [] });
  });

  it('reads a criterion’s bands of scores in order of their lowest score, blank bands left out, and shows them back', () => {
    const body = {
      'criteria-new-labelEn': 'Community need',
      'criteria-new-labelFr': 'Besoin',
      'criteria-new-weight': '2',
      'criteria-new-maxScore': '10',
      'criteria-new-band-0-minScore': '7',
      'criteria-new-band-0-labelEn': 'Shown with local evidence',
      'criteria-new-band-0-labelFr': 'Démontré par des données locales',
      'criteria-new-band-1-minScore': '',
      'criteria-new-band-1-labelEn': '',
      'criteria-new-band-1-labelFr': '',
      'criteria-new-band-2-minScore': '0',
      'criteria-new-band-2-labelEn': 'Not shown',
      'criteria-new-band-2-labelFr': 'Non démontré',
    };
    const { items, bands, errors } = listFrom('criteria', readList('criteria', body));
    expect(errors).toEqual([]);
    expect(items).toEqual([
      {
        key: 'community_need',
        label: { en: 'Community need', fr: 'Besoin' },
        weight: 2,
        maxScore: 10,
        descriptors: [
          { minScore: 0, label: { en: 'Not shown', fr: 'Non démontré' } },
          { minScore: 7, label: { en: 'Shown with local evidence', fr: 'Démontré par des données locales' } },
        ],
      },
    ]);
    // The service's problem with descriptor 1 is the form's band 0.
    expect(bands).toEqual([[2, 0]]);
    const shown = listValuesOf('criteria', items, 'fr');
    expect(shown[0]!.bands.map((band) => band.minScore)).toEqual(['0', '7', '']);
    expect(shown[1]!.bands).toHaveLength(3);
    const { errors: typo } = listFrom('criteria', readList('criteria', { ...body, 'criteria-new-band-1-labelEn': 'Some' }));
    expect(typo).toEqual([{ field: 'criteria-new-band-1-minScore', message: 'callEditor.error.bandMinScore' }]);
  });

  it('asks for a criterion’s weight and highest score as numbers, and shows saved items back', () => {
    const { errors } = listFrom('criteria', readList('criteria', { 'criteria-new-labelEn': 'Need', 'criteria-new-weight': 'high' }));
    expect(errors.map((error) => error.field)).toEqual(['criteria-new-weight', 'criteria-new-maxScore']);
    const values = listValuesOf('criteria', [{ key: 'need', label: { en: 'Need', fr: 'Besoin' }, weight: 1.5, maxScore: 10 }], 'fr');
    const blankBands = Array.from({ length: 3 }, () => ({ minScore: '', labelEn: '', labelFr: '' }));
    expect(values).toEqual([
      { row: '0', key: 'need', labelEn: 'Need', labelFr: 'Besoin', weight: '1,5', maxScore: '10', bands: blankBands, remove: false },
      { row: 'new', key: '', labelEn: '', labelFr: '', weight: '', maxScore: '', bands: blankBands, remove: false },
    ]);
  });
});
