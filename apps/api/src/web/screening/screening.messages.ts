/** The words of the officer's applications, screening, assignment and decision pages; the French has the same keys (checked by the compiler and the catalogs test). */
export const screeningEn = {
} as const;

export const screeningFr: Record<keyof typeof screeningEn, string> = {
};
