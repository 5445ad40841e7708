import { AgreementSchedules } from '@grants/documents';
import { amendmentFormFrom, amendmentOf, fieldOfProblem, problemsOf, readAmendmentForm, readCountersignForm, readSignForm } from './agreement-form';

const IN_FORCE: AgreementSchedules = {
  a: { termsVersion: 'CBSF-2026-1', clauses: [] },
  b: { conditions: 'Quarterly check-ins.' },
  c: { title: 'Safe homes', description: 'Housing', startsOn: '2027-05-01', endsOn: '2029-03-31', outcomeMeasures: [] },
  d: {
    lines: [
      { fiscalYear: '2027-28', category: 'personnel', amountCents: 3_400_000 },
      { fiscalYear: '2027-28', category: 'training', amountCents: 1_700_000 },
      { fiscalYear: '2028-29', category: 'program_delivery', amountCents: 3_400_000 },
    ],
    totalCents: 8_500_000,
  },
  e: {
    instalments: [
      { position: 0, fiscalYear: '2027-28', dueOn: '2027-06-01', amountCents: 5_100_000, condition: 'execution' },
      { position: 1, fiscalYear: '2028-29', dueOn: '2028-06-01', amountCents: 3_400_000, condition: 'prior_report' },
    ],
    holdbackPercent: 10,
    holdbackCents: 850_000,
  },
  f: { reports: [] },
};

/** The form as an officer posts it: the version in force as the page showed it, with some fields changed. */
function posted(changes: Record<string, string>): Record<string, string> {
  const start = amendmentFormFrom('en', IN_FORCE);
  return {
    reason: 'Moving training money to staff',
    conditions: start.conditions,
    endsOn: start.endsOn,
    'budget-0': start.budget[0]!,
    'budget-1': start.budget[1]!,
    'budget-2': start.budget[2]!,
    'instalment-0-dueOn': start.instalments[0]!.dueOn,
    'instalment-0-amount': start.instalments[0]!.amount,
    'instalment-1-dueOn': start.instalments[1]!.dueOn,
    'instalment-1-amount': start.instalments[1]!.amount,
    ...changes,
  };
}

describe('the signature form', () => {
  it('needs a name, a title, the attestation and the version read', () => {
    expect(readSignForm({}).problems).toEqual([
      { field: 'name', kind: 'missing' },
      { field: 'title', kind: 'missing' },
      { field: 'attest', kind: 'missing' },
      { field: 'version', kind: 'missing' },
    ]);
    const { values, problems } = readSignForm({ name: ' Dana Whitford ', title: 'Executive Director', attest: 'yes', version: '2', pdfSha256: 'ABC' });
    expect(problems).toEqual([]);
    expect(values).toEqual({ name: ' Dana Whitford ', title: 'Executive Director', attest: true, version: 2, pdfSha256: 'ABC' });
  });

  it('refuses a name longer than the API takes', () => {
    expect(readSignForm({ name: 'x'.repeat(201), title: 'Director', attest: 'yes', version: '1' }).problems).toEqual([{ field: 'name', kind: 'tooLong' }]);
  });

  it('reads the counter-signature: an optional title and the version', () => {
    expect(readCountersignForm({ version: '1', title: '' })).toEqual({ title: '', version: 1, tooLong: false });
    expect(readCountersignForm({ version: 'one', title: 'x'.repeat(201) })).toMatchObject({ version: null, tooLong: true });
  });
});

describe('the amendment form', () => {
  it('starts from the version in force, amounts as typed in the page’s language', () => {
    expect(amendmentFormFrom('fr', IN_FORCE)).toMatchObject({ conditions: 'Quarterly check-ins.', endsOn: '2029-03-31', budget: ['34 000,00', '17 000,00', '34 000,00'] });
  });

  it('sends only the parts that changed', () => {
    const values = readAmendmentForm(posted({ 'budget-0': '39,000.00', 'budget-1': '$12,000' }), IN_FORCE);
    const { amendment, problems } = amendmentOf(values, IN_FORCE, new Set());
    expect(problems).toEqual([]);
    expect(amendment).toEqual({
      reason: 'Moving training money to staff',
      budget: [
        { fiscalYear: '2027-28', category: 'personnel', amountCents: 3_900_000 },
        { fiscalYear: '2027-28', category: 'training', amountCents: 1_200_000 },
        { fiscalYear: '2028-29', category: 'program_delivery', amountCents: 3_400_000 },
      ],
    });
  });

  it('leaves the service to refuse an amendment that changes nothing, and to check the totals', () => {
    expect(amendmentOf(readAmendmentForm(posted({}), IN_FORCE), IN_FORCE, new Set()).amendment).toEqual({ reason: 'Moving training money to staff' });
    expect(amendmentOf(readAmendmentForm(posted({ 'budget-0': '1.00' }), IN_FORCE), IN_FORCE, new Set()).amendment?.budget?.[0]?.amountCents).toBe(100);
  });

  it('sends a paid instalment as it is, whatever was posted for it', () => {
    const values = readAmendmentForm(posted({ 'instalment-0-amount': '1.00', 'instalment-1-dueOn': '2028-09-01' }), IN_FORCE);
    expect(amendmentOf(values, IN_FORCE, new Set([0])).amendment?.paymentPlan).toEqual([
      { fiscalYear: '2027-28', dueOn: '2027-06-01', amountCents: 5_100_000 },
      { fiscalYear: '2028-29', dueOn: '2028-09-01', amountCents: 3_400_000 },
    ]);
  });

  it('says what is wrong before the service sees it, keeping what was typed', () => {
    const values = readAmendmentForm(posted({ reason: ' ', endsOn: '31/03/2029', 'budget-2': 'lots', 'instalment-1-dueOn': '', 'instalment-1-amount': '' }), IN_FORCE);
    expect(values.budget[2]).toBe('lots');
    expect(amendmentOf(values, IN_FORCE, new Set()).problems.map((problem) => [problem.field, problem.kind])).toEqual([
      ['reason', 'reasonMissing'],
      ['endsOn', 'endsOnFormat'],
      ['budget-2', 'amountFormat'],
      ['instalment-1-dueOn', 'dueOnFormat'],
      ['instalment-1-amount', 'amountMissing'],
    ]);
  });

  it('puts each of the service’s problems beside the part it is about', () => {
    expect(problemsOf({ problems: [{ code: 'BUDGET_TOTAL_CHANGED', totalCents: 1, budgetCents: 2 }, { code: 'END_BEFORE_START', startsOn: '2027-05-01' }] }, 'BUDGET_TOTAL_CHANGED').map(fieldOfProblem)).toEqual(['budget-0', 'endsOn']);
    expect(problemsOf(undefined, 'NOTHING_TO_AMEND').map(fieldOfProblem)).toEqual(['reason']);
  });
});
