import {
  decisionFormProblems,
  decisionProblemField,
  EMPTY_DECISION_FORM,
  informationFormProblems,
  readDecisionForm,
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
