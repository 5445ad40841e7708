import { EMAIL } from '@grants/identity';
import { isEmail, maxLength, minLength } from 'class-validator';

/**
 * The libraries' field rules (field-rules.ts in each lib) applied to what a form posted, the way
 * the JSON API's DTOs apply them: with class-validator's own checks, so that a page and the API
 * count a length the same way (code points) and take the same email addresses.
 */

export function tooLong(value: string, rule: { readonly maxLength: number }): boolean {
  return !maxLength(value, rule.maxLength);
}

export function tooShort(value: string, rule: { readonly minLength: number }): boolean {
  return !minLength(value, rule.minLength);
}

/** An address the API's IsEmailAddress and MaxLength take; pass it trimmed, as the DTOs trim it. */
export function isEmailAddress(value: string): boolean {
  return isEmail(value) && EMAIL.pattern.test(value) && !tooLong(value, EMAIL);
}
