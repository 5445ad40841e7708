import { moneyCents } from '../forms/money';
import { APPLY_SCRIPT } from './apply.script';

describe('the budget’s live total in the browser', () => {
  it('reads amounts as the server does (the script’s copy of forms/money.ts)', () => {
    // The script defines parseAmountCents inside its closure; run that closure's function here.
    const source = /function parseAmountCents\(typed\) \{[\s\S]*?\n {2}\}\n/.exec(APPLY_SCRIPT)?.[0];
    expect(source).toBeDefined();
    const inBrowser = new Function(`${source!}; return parseAmountCents;`)() as (typed: string) => number | null;
    for (const typed of ['1234', '1 234,56', '1\u202f234,56 $', '1,234.56', '1.234,56', '$1234', '1,234', '0.5', '1,5', '', '$', 'abc', '-5', '1.234', '1.234.567', '1,23,456', '1234.567', '1.', ',5', '12,345,678.9']) {
      expect({ typed, cents: inBrowser(typed) }).toEqual({ typed, cents: moneyCents(typed) });
    }
  });
});
