import {
  decisionFormProblems,
  decisionProblemField,
  EMPTY_DECISION_FORM,
  informationFormProblems,
  readDecisionForm,
  readInformationForm,
  respondByInstant,
  readScreeningForm,
  screeningFormProblems,
  toDecisionRequest,
} from './screening-forms';

describe('the officer’s forms', () => {
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
    expect(informationFormProblems(readInformationForm({})).map((problem) => [problem.field, problem.code])).toEqual([
      ['informationMessage', 'messageRequired'],
      ['respondBy-day', 'respondByRequired'],
    ]);
    expect(informationFormProblems({ message: 'Send your budget', respondBy: { day: '30', month: '2', year: '2027' } }).map((problem) => [problem.field, problem.code])).toEqual([['respondBy-day', 'respondByFormat']]);
    expect(informationFormProblems({ message: 'Send your budget', respondBy: { day: '28', month: '', year: '2027' } }).map((problem) => problem.code)).toEqual(['respondByFormat']);
    const values = readInformationForm({ informationMessage: 'Send your budget', 'respondBy-day': '28', 'respondBy-month': '2', 'respondBy-year': '2027' });
    expect(informationFormProblems(values)).toEqual([]);
    // the end of that day in Ontario (EST), as the single date field gave
    expect(respondByInstant(values)).toEqual(new Date('2027-03-01T04:59:59.999Z'));
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
