/**
 * The Canada Revenue Agency's Business Number: nine digits, the last a check digit (the Luhn
 * algorithm over the first eight), optionally followed by a program account of two letters and
 * four digits (`RR0001`, a registered charity's). Transfer payment agreements name their recipient
 * by it (../shared/TRANSFER-PAYMENTS.md).
 */
export interface BusinessNumber {
  /** The nine digits. */
  number: string;
  /** The program account, when given: `RR0001`. */
  programAccount: string | null;
}

/** The CRA's program identifiers an Ontario recipient may quote. */
export const PROGRAM_IDENTIFIERS = ['RC', 'RD', 'RG', 'RM', 'RN', 'RP', 'RR', 'RT', 'RZ', 'SL'] as const;

export type BusinessNumberProblem = 'FORMAT' | 'CHECK_DIGIT' | 'PROGRAM';

/** Reads a Business Number as people type it (spaces and hyphens allowed, letters in any case), or says what is wrong with it. */
export function parseBusinessNumber(typed: string): { value: BusinessNumber } | { problem: BusinessNumberProblem } {
  const compact = typed.replace(/[\s-]/g, '').toUpperCase();
  const match = /^(\d{9})([A-Z]{2}\d{4})?$/.exec(compact);
  if (!match) return { problem: 'FORMAT' };
  const [, number, programAccount] = match as unknown as [string, string, string | undefined];
  if (!luhnValid(number)) return { problem: 'CHECK_DIGIT' };
  if (programAccount && !(PROGRAM_IDENTIFIERS as readonly string[]).includes(programAccount.slice(0, 2))) return { problem: 'PROGRAM' };
  return { value: { number, programAccount: programAccount ?? null } };
}

/** The form it is stored and shown in: `123456782` or `123456782RR0001`. */
export function formatBusinessNumber(value: BusinessNumber): string {
  return `${value.number}${value.programAccount ?? ''}`;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    // From the right, every second digit (the check digit being the first) is doubled.
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
