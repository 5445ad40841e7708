import { SECOND_APPROVAL_THRESHOLD_CENTS } from '@grants/calls';
import { typedText } from '../forms/fields';
import { parseMoney } from '../forms/money';
import { FormBody } from '../web-request';

/** One form per fund on the page, so each input has an id of its own. */
export const thresholdField = (fundId: string): string => `threshold-${fundId}`;

export type ThresholdReading = { typed: string; cents: number; problem: null } | { typed: string; cents: null; problem: 'missing' | 'format' | 'range' };

/** The threshold as typed in dollars, read into cents and checked against the limits the API takes. */
export function readThreshold(body: FormBody, fundId: string): ThresholdReading {
  const name = thresholdField(fundId);
  const typed = typedText(body[name], name);
  const reading = parseMoney(typed);
  if (!reading.ok) return { typed, cents: null, problem: reading.reason === 'empty' ? 'missing' : reading.reason === 'format' ? 'format' : 'range' };
  const { min, max } = SECOND_APPROVAL_THRESHOLD_CENTS;
  if (reading.cents < min || reading.cents > max) return { typed, cents: null, problem: 'range' };
  return { typed, cents: reading.cents, problem: null };
}
