import { MIN_PASSWORD_LENGTH } from './auth/password-hasher';

/**
 * The limits of what people type about themselves and their organizations. The JSON API's DTOs
 * and the pages' form readers both take them from here, so that a limit changed once changes
 * everywhere. Lengths are counted as class-validator counts them (code points).
 */

export const PERSON_NAME = { minLength: 1, maxLength: 200 } as const;
/** One @, no spaces, no quotes: the database refuses quoted local parts ("a b"@x.org), which no one uses. */
export const EMAIL = { maxLength: 254, pattern: /^[^@\s"]+@[^@\s"]+$/ } as const;
export const PASSWORD = { minLength: MIN_PASSWORD_LENGTH, maxLength: 256 } as const;
/** A verification, reset or invitation token as sent back from an email link. */
export const EMAILED_TOKEN = { minLength: 16, maxLength: 200 } as const;

export const ORGANIZATION_LEGAL_NAME = { minLength: 1, maxLength: 200 } as const;
export const ORGANIZATION_OPERATING_NAME = { maxLength: 200 } as const;
export const ORGANIZATION_REGISTRATION_NUMBER = { maxLength: 50 } as const;
export const ADDRESS_LINE1 = { minLength: 1, maxLength: 200 } as const;
export const ADDRESS_CITY = { minLength: 1, maxLength: 100 } as const;
/** As stored, "A1A 1A1": Canada Post's letters, no D, F, I, O, Q or U anywhere, and no W or Z first. */
export const POSTAL_CODE = { pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$/ } as const;
export const NO_BUSINESS_NUMBER_REASON = { minLength: 1, maxLength: 500 } as const;
export const CONTACT_TITLE = { minLength: 1, maxLength: 200 } as const;
/** A North American number as people write it, with an optional extension: `416-555-0134`, `(807) 555-0199 ext. 12`. */
export const PHONE = { maxLength: 40, pattern: /^(\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(\s*(x|ext\.?|poste)\s*\d{1,6})?$/i } as const;
