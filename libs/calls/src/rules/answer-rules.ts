import { OrganizationType, Region } from '@grants/identity';
import { ApplicantProfile, ApplicationForm, Eligibility, Problem, Question } from '../call-terms';

const DEFAULT_MAX_LENGTH = { text: 1000, longtext: 20_000 } as const;
/** The longest answer a text or longtext question takes when the call sets no maxLength. */
export const DEFAULT_ANSWER_MAX_LENGTH: Readonly<Record<'text' | 'longtext', number>> = DEFAULT_MAX_LENGTH;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * What is wrong with answers being saved to a draft. Only the answers given are checked (a draft
 * may be partial); null clears an answer.
 */
export function answerProblems(form: ApplicationForm, answers: Record<string, unknown>): Problem[] {
  const questions = new Map(formQuestions(form).map((question) => [question.key, question]));
  return Object.entries(answers).flatMap(([key, answer]) => {
    const field = `answers.${key}`;
    const question = questions.get(key);
    if (question === undefined) return [{ field, message: 'is not a question of this call' }];
    if (answer === null || answer === undefined) return [];
    const message = answerFault(question, answer);
    return message === null ? [] : [{ field, message }];
  });
}

/** Keys of the required questions still unanswered, in the order the form asks them. */
export function missingAnswers(form: ApplicationForm, answers: Record<string, unknown>): string[] {
  return formQuestions(form)
    .filter((question) => question.required && isUnanswered(answerTo(answers, question.key)))
    .map((question) => question.key);
}

/** One rule of a call's eligibility that an organization does not meet, with what the call asks instead. */
export type EligibilityFault =
  | { rule: 'organizationType'; type: OrganizationType; allowed: OrganizationType[] }
  | { rule: 'region'; region: Region; allowed: Region[] }
  | { rule: 'indigenousLed' };

/** The call's eligibility rules the organization does not meet, in the order the call states them; empty when it may apply. */
export function eligibilityFaults(eligibility: Eligibility, applicant: ApplicantProfile): EligibilityFault[] {
  const faults: EligibilityFault[] = [];
  if (!eligibility.organizationTypes.includes(applicant.type)) {
    faults.push({ rule: 'organizationType', type: applicant.type, allowed: eligibility.organizationTypes });
  }
  if (eligibility.regions !== null && !eligibility.regions.includes(applicant.region)) {
    faults.push({ rule: 'region', region: applicant.region, allowed: eligibility.regions });
  }
  if (eligibility.indigenousLedRequired && !applicant.indigenousLed) faults.push({ rule: 'indigenousLed' });
  return faults;
}

/** Why an organization may not apply to a call, in words (the API's INELIGIBLE reasons); empty when it may. */
export function eligibilityProblems(eligibility: Eligibility, applicant: ApplicantProfile): string[] {
  return eligibilityFaults(eligibility, applicant).map((fault) => {
    switch (fault.rule) {
      case 'organizationType':
        return `Organizations of type ${fault.type} are not eligible; this call is for ${fault.allowed.join(', ')}.`;
      case 'region':
        return `Organizations in the ${fault.region} region are not eligible; this call is for ${fault.allowed.join(', ')}.`;
      case 'indigenousLed':
        return 'This call is for Indigenous-led organizations only.';
    }
  });
}

function formQuestions(form: ApplicationForm): Question[] {
  return form.sections.flatMap((section) => section.questions);
}

// Own properties only: a question keyed `constructor` must not find Object.prototype.constructor.
function answerTo(answers: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(answers, key) ? answers[key] : undefined;
}

function isUnanswered(answer: unknown): boolean {
  if (answer === undefined || answer === null) return true;
  if (typeof answer === 'string') return answer.trim() === '';
  if (Array.isArray(answer)) return answer.length === 0;
  return false;
}

/** What is wrong with a non-null answer to this question, or null when it is acceptable. */
function answerFault(question: Question, answer: unknown): string | null {
  switch (question.type) {
    case 'text':
    case 'longtext':
      return textFault(answer, question.maxLength ?? DEFAULT_MAX_LENGTH[question.type]);
    case 'number':
      return numberFault(answer, question.min, question.max);
    case 'choice':
      return choiceFault(answer, optionValues(question));
    case 'multichoice':
      return multichoiceFault(answer, optionValues(question));
    case 'date':
      return isCalendarDate(answer) ? null : 'must be a date written YYYY-MM-DD';
    case 'yesno':
      return typeof answer === 'boolean' ? null : 'must be yes (true) or no (false)';
  }
}

function textFault(answer: unknown, maxLength: number): string | null {
  if (typeof answer !== 'string') return 'must be text';
  // Code points, not UTF-16 units: an emoji or a syllabics character counts as one character.
  return [...answer].length > maxLength ? `must be at most ${maxLength} characters` : null;
}

function numberFault(answer: unknown, min: number | undefined, max: number | undefined): string | null {
  if (typeof answer !== 'number' || !Number.isFinite(answer)) return 'must be a number';
  if (min !== undefined && answer < min) return `must be at least ${min}`;
  if (max !== undefined && answer > max) return `must be at most ${max}`;
  return null;
}

function choiceFault(answer: unknown, values: readonly string[]): string | null {
  return typeof answer === 'string' && values.includes(answer) ? null : `must be one of ${values.join(', ')}`;
}

function multichoiceFault(answer: unknown, values: readonly string[]): string | null {
  if (!Array.isArray(answer) || !answer.every((choice) => typeof choice === 'string' && values.includes(choice))) {
    return `must be a list of options among ${values.join(', ')}`;
  }
  return new Set(answer).size === answer.length ? null : 'must not choose the same option twice';
}

function optionValues(question: Question): string[] {
  return (question.options ?? []).map((option) => option.value);
}

function isCalendarDate(answer: unknown): boolean {
  const match = typeof answer === 'string' ? ISO_DATE.exec(answer) : null;
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}
