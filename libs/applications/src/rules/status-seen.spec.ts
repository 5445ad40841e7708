import { APPLICATION_STATUSES } from '../application.entity';
import { statusSeenBy } from './status-seen';

describe('statusSeenBy', () => {
  it('keeps a decision from its organization until it is released', () => {
    expect(statusSeenBy('organization', 'approved', false)).toBe('in_review');
    expect(statusSeenBy('organization', 'declined', false)).toBe('in_review');
    expect(statusSeenBy('organization', 'approved', true)).toBe('approved');
    expect(statusSeenBy('organization', 'declined', true)).toBe('declined');
  });

  it('shows staff every status as it is, released or not', () => {
    for (const status of APPLICATION_STATUSES) expect(statusSeenBy('staff', status, false)).toBe(status);
  });

  it('changes nothing but an unreleased decision for the organization', () => {
    for (const status of APPLICATION_STATUSES.filter((candidate) => candidate !== 'approved' && candidate !== 'declined')) {
      expect(statusSeenBy('organization', status, false)).toBe(status);
    }
  });
});
