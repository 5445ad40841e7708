import { formatInstant } from '@grants/core';
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

describe('the autosave’s “saved at” time in the browser', () => {
  it('is written as the server writes times: “9 h 05” in French (no leading zero), “9:05 a.m.” in English', () => {
    const source = /function clockTime\(lang, instant\) \{[\s\S]*?\n {2}\}\n/.exec(APPLY_SCRIPT)?.[0];
    expect(source).toBeDefined();
    const clockTime = new Function(`${source!}; return clockTime;`)() as (lang: string, instant: Date) => string;
    for (const iso of ['2026-12-01T14:05:00Z', '2027-05-01T04:05:00Z', '2027-03-31T21:00:00Z']) {
      expect(formatInstant('fr', iso)).toContain(` à ${clockTime('fr-CA', new Date(iso))} `);
      expect(formatInstant('en', iso)).toContain(` at ${clockTime('en-CA', new Date(iso))} `);
    }
    expect(clockTime('fr-CA', new Date('2026-12-01T14:05:00Z'))).toBe('9 h 05');
  });
});
