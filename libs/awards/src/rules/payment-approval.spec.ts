import { approvalsNeeded, approve, unmetRequestConditions } from './payment-approval';

describe('a payment’s approval chain', () => {
  it('needs one approver up to $100,000.00 and two different ones above, never the requester, never twice', () => {
    expect([approvalsNeeded(10_000_000), approvalsNeeded(10_000_001), approvalsNeeded(10_000_001, 20_000_000)]).toEqual([1, 2, 1]);
    const small = { status: 'requested' as const, approvalsNeeded: approvalsNeeded(10_000_000), requestedBy: 'officer', approvedBy: [] };
    expect(approve(small, 'officer')).toEqual({ refused: 'SEPARATION_OF_DUTIES', because: 'requester' });
    expect(approve(small, 'approver-a')).toEqual({ chain: { ...small, approvedBy: ['approver-a'], status: 'approved' } });

    const large = { ...small, approvalsNeeded: approvalsNeeded(10_000_001) };
    const once = approve(large, 'approver-a');
    if (!('chain' in once)) throw new Error('refused');
    expect(once.chain.status).toBe('requested');
    expect(approve(once.chain, 'approver-a')).toEqual({ refused: 'SEPARATION_OF_DUTIES', because: 'repeat' });
    const twice = approve(once.chain, 'approver-b');
    expect(twice).toEqual({ chain: { ...large, approvedBy: ['approver-a', 'approver-b'], status: 'approved' } });
    if (!('chain' in twice)) throw new Error('refused');
    expect(approve(twice.chain, 'approver-c')).toEqual({ refused: 'NOT_REQUESTED' });
  });

  it('names every condition a request does not meet, a hold first', () => {
    const met = { onHold: false, agreementExecuted: true, kind: 'first' as const, priorReportAccepted: false, finalReportAccepted: false };
    expect(unmetRequestConditions(met)).toEqual([]);
    expect(unmetRequestConditions({ ...met, onHold: true, agreementExecuted: false })).toEqual(['AWARD_ON_HOLD', 'AGREEMENT_NOT_EXECUTED']);
    expect(unmetRequestConditions({ ...met, kind: 'later' })).toEqual(['PRIOR_REPORT_NOT_ACCEPTED']);
    expect(unmetRequestConditions({ ...met, kind: 'holdback', priorReportAccepted: true })).toEqual(['FINAL_REPORT_NOT_ACCEPTED']);
  });
});
