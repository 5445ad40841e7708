import { OfficialLanguage } from '@grants/core';
import { SubmittedBudgetCategory } from './submission-content';

/** A text the Province writes in both official languages (standard terms, outcome measures). */
export interface BilingualText {
  en: string;
  fr: string;
}

/**
 * A Transfer Payment Agreement's schedules, as data (../shared/TRANSFER-PAYMENTS.md). Stored as
 * they were for each version of an agreement, so a version reads the same years later.
 */
export interface AgreementSchedules {
  /** A: the fund's general terms and conditions, as they stood when this version was made. */
  a: { termsVersion: string; clauses: Array<{ heading: BilingualText; text: BilingualText }> };
  /** B: project-specific provisions: the award's conditions as the officer wrote them (may be empty). */
  b: { conditions: string };
  /** C: the project, its dates (`YYYY-MM-DD`) and what the reports count. */
  c: { title: string; description: string; startsOn: string; endsOn: string; outcomeMeasures: Array<{ key: string; label: BilingualText }> };
  /** D: the budget by Ontario fiscal year (`2026-27`) and category; the lines add up to totalCents. */
  d: { lines: Array<{ fiscalYear: string; category: SubmittedBudgetCategory; amountCents: number }>; totalCents: number };
  /**
   * E: the payment plan. The instalments add up to the total; holdbackCents of the last one is paid
   * only once the final report is accepted.
   */
  e: {
    instalments: Array<{ position: number; fiscalYear: string; dueOn: string; amountCents: number; condition: 'execution' | 'prior_report' }>;
    holdbackPercent: number;
    holdbackCents: number;
  };
  /** F: the reports the recipient owes. */
  f: { reports: Array<{ kind: 'interim' | 'final'; period: string; dueOn: string }> };
}

/** One version of an agreement as its PDF states it, in the recipient's language. */
export interface AgreementContent {
  locale: OfficialLanguage;
  version: number;
  /** Null for version 1; for an amendment, the officer's reason for it. */
  amendmentReason: string | null;
  /** When this version was prepared; shown as a date in Ontario time. */
  preparedAt: Date;
  referenceNumber: string;
  /** The fund's name and the call's title, in the document's language. */
  fundName: string;
  callTitle: string;
  recipient: {
    legalName: string;
    operatingName: string | null;
    /** `123456782RR0001`; null when the organization stated why it has none. */
    businessNumber: string | null;
    addressLine1: string;
    addressCity: string;
    addressPostalCode: string;
  };
  /** The recipient's contacts with signing authority: the people who may sign this version. */
  signingAuthorities: Array<{ name: string; title: string }>;
  schedules: AgreementSchedules;
}
