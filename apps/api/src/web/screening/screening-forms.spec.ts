import {
  decisionFormProblems,
  decisionProblemField,
  EMPTY_DECISION_FORM,
  endOfOntarioDay,
  informationFormProblems,
  ontarioDate,
  parseDollars,
  readDecisionForm,
  readScreeningForm,
  screeningFormProblems,
  toDecisionRequest,
} from './screening-forms';

const cents = (typed: string): number | string => {
  const parsed = parseDollars(typed);
  return parsed.kind === 'cents' ? parsed.cents : parsed.kind;
};

describe('the officer’s forms', () => {
  it('reads dollar amounts as they are written in English and in French', () => {
    expect(cents('85000')).toBe(8_500_000);
    expect(cents('$85,000')).toBe(8_500_000);
    expect(cents('1,234.56')).toBe(123_456);
    expect(cents('1 234,56')).toBe(123_456);
    expect(cents('1\u00a0234,56\u00a0$')).toBe(123_456);
    expect(cents('85 000 $')).toBe(8_500_000);
    expect(cents('$ 1,234,567.8')).toBe(123_456_780);
    expect(cents('1234,5')).toBe(123_450);
    expect(cents('0.05')).toBe(5);
    expect(cents('  ')).toBe('empty');
  });

  it('refuses amounts it would have to guess', () => {
    for (const wrong of ['-5', '12.345', '1,2345', '12,34,567', '1.234.567', '85,000.1.2', 'ten', '$', '5e3', '85,', '1,234,56.00']) {
      expect({ wrong, parsed: cents(wrong) }).toEqual({ wrong, parsed: 'invalid' });
    }
  });

  it('takes a respond-by date as the end of that day in Ontario, summer and winter', () => {
    // Eastern daylight time (UTC−4) in July, standard time (UTC−5) in January.
    expect(endOfOntarioDay('2027-07-15')?.toISOString()).toBe('2027-07-16T03:59:59.999Z');
    expect(endOfOntarioDay('2027-01-15')?.toISOString()).toBe('2027-01-16T04:59:59.999Z');
    // The days the clocks change.
    expect(endOfOntarioDay('2027-03-14')?.toISOString()).toBe('2027-03-15T03:59:59.999Z');
    expect(endOfOntarioDay('2027-11-07')?.toISOString()).toBe('2027-11-08T04:59:59.999Z');
    expect(ontarioDate(endOfOntarioDay('2027-07-15')!)).toBe('2027-07-15');
    for (const wrong of ['2027-02-30', '15/07/2027', '2027-7-15', 'tomorrow', '0999-01-01']) expect(endOfOntarioDay(wrong)).toBeNull();
  });

  it('asks for a screening outcome and a reason', () => {
    expect(screeningFormProblems(readScreeningForm({})).map((problem) => [problem.field, problem.code])).toEqual([
      ['screeningOutcome-eligible', 'chooseScreening'],
      ['screeningReason', 'reasonRequired'],
    ]);
    expect(screeningFormProblems(readScreeningForm({ screeningOutcome: 'ineligible', screeningReason: '   ' })).map((problem) => problem.code)).toEqual(['reasonRequired']);
    expect(screeningFormProblems(readScreeningForm({ screeningOutcome: 'eligible', screeningReason: 'x'.repeat(2001) }))).toEqual([{ field: 'screeningReason', code: 'tooLong', max: 2000 }]);
    expect(screeningFormProblems({ outcome: 'ineligible', reason: 'Outside Ontario' })).toEqual([]);
  });

  it('asks for a message and a real respond-by date', () => {
    expect(informationFormProblems({ message: '', respondBy: '' }).map((problem) => problem.code)).toEqual(['messageRequired', 'respondByRequired']);
    expect(informationFormProblems({ message: 'Send your budget', respondBy: '2027-02-30' }).map((problem) => problem.code)).toEqual(['respondByFormat']);
    expect(informationFormProblems({ message: 'Send your budget', respondBy: '2027-02-28' })).toEqual([]);
  });

  it('checks the decision form and leaves the decision rules to the service', () => {
    expect(decisionFormProblems(EMPTY_DECISION_FORM).map((problem) => [problem.field, problem.code])).toEqual([
      ['decisionOutcome-approved', 'chooseDecision'],
      ['rationale', 'rationaleRequired'],
    ]);
    const form = readDecisionForm({ decisionOutcome: 'approved', approvedAmount: '85 000,5', rationale: ' Strong proposal ', conditions: '', feedback: ' ', overrideReason: '' });
    expect(decisionFormProblems(form)).toEqual([]);
    expect(toDecisionRequest(form)).toEqual({ outcome: 'approved', approvedCents: 8_500_050, conditions: '', rationale: 'Strong proposal', overrideReason: null, feedback: null });
    expect(decisionFormProblems({ ...form, amount: '85.000' }).map((problem) => [problem.field, problem.code])).toEqual([['approvedAmount', 'amountFormat']]);
    // An amount over the request is the service's to refuse; the page puts its answer beside the field.
    expect(decisionFormProblems({ ...form, amount: '$10,000,000' })).toEqual([]);
    expect(decisionProblemField('APPROVED_EXCEEDS_REQUEST')).toBe('approvedAmount');
    expect(decisionProblemField('OVERRIDE_REASON_REQUIRED')).toBe('overrideReason');
    expect(decisionProblemField('DECISION_RELEASED')).toBeNull();
    expect(toDecisionRequest({ ...form, outcome: 'declined', amount: '', feedback: 'Apply again' })).toMatchObject({ outcome: 'declined', approvedCents: null, feedback: 'Apply again' });
  });
});
