import { OrganizationType, Region } from '@grants/identity';

export const FUND_CODES = ['CBSF', 'ILIF'] as const;
export type FundCode = (typeof FUND_CODES)[number];

export interface Localized {
  en: string;
  fr: string;
}

export const QUESTION_TYPES = ['text', 'longtext', 'number', 'choice', 'multichoice', 'date', 'yesno'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface ChoiceOption {
  value: string;
  label: Localized;
}

export interface Question {
  key: string;
  type: QuestionType;
  label: Localized;
  required: boolean;
  /** text and longtext only */
  maxLength?: number;
  /** number only */
  min?: number;
  max?: number;
  /** choice and multichoice only */
  options?: ChoiceOption[];
}

export interface FormSection {
  key: string;
  title: Localized;
  questions: Question[];
}

export interface ApplicationForm {
  sections: FormSection[];
}

/**
 * What the scores of a criterion mean, as a band: from minScore up to the next descriptor's minScore
 * (or the criterion's maxScore), for example 0 "Need not shown", 4 "Need shown in general terms".
 */
export interface ScoreDescriptor {
  minScore: number;
  label: Localized;
}

export interface RubricCriterion {
  key: string;
  label: Localized;
  weight: number;
  maxScore: number;
  /** Optional, in ascending order of minScore. */
  descriptors?: ScoreDescriptor[];
}

export interface Rubric {
  criteria: RubricCriterion[];
}

/**
 * Something the call counts in post-award reports, such as people served or staff trained:
 * counts only, never personal information about survivors.
 */
export interface OutcomeMeasure {
  key: string;
  label: Localized;
}

export interface Eligibility {
  organizationTypes: OrganizationType[];
  /** null: every region */
  regions: Region[] | null;
  indigenousLedRequired: boolean;
}

export interface RequiredAttachment {
  key: string;
  label: Localized;
}

/**
 * A call's terms as an officer drafts them: anything may still be missing (null), but what is
 * there must be consistent. Publishing needs every part.
 */
export interface CallTerms {
  title: Partial<Localized> | null;
  description: Partial<Localized> | null;
  opensAt: Date | null;
  closesAt: Date | null;
  budgetEnvelopeCents: number | null;
  minRequestCents: number | null;
  maxRequestCents: number | null;
  maxDurationMonths: number | null;
  eligibility: Eligibility | null;
  form: ApplicationForm | null;
  requiredAttachments: RequiredAttachment[];
  rubric: Rubric | null;
  reviewersPerApplication: number | null;
  /** When reviews are due; reviewers are reminded before it. Optional. */
  reviewDueAt: Date | null;
  /** Reviews of one application spreading more than this (0–100 scale) are flagged. */
  disagreementThreshold: number;
  /** Percent of an award's total kept from its last instalment until the final report is accepted (0–50). */
  holdbackPercent: number;
  /** What funded organizations report as counts; may be added until publication. */
  outcomeMeasures: OutcomeMeasure[];
}

/** One thing wrong or missing, named by its path in the call body (`form.sections[0].questions[2].label.fr`). */
export interface Problem {
  field: string;
  message: string;
}

/** The organization's facts that eligibility is judged on. */
export interface ApplicantProfile {
  type: OrganizationType;
  region: Region;
  indigenousLed: boolean;
}

/** A draft with nothing filled in yet. */
export const EMPTY_CALL_TERMS: CallTerms = {
  title: null,
  description: null,
  opensAt: null,
  closesAt: null,
  budgetEnvelopeCents: null,
  minRequestCents: null,
  maxRequestCents: null,
  maxDurationMonths: null,
  eligibility: null,
  form: null,
  requiredAttachments: [],
  rubric: null,
  reviewersPerApplication: null,
  reviewDueAt: null,
  disagreementThreshold: 20,
  holdbackPercent: 10,
  outcomeMeasures: [],
};
