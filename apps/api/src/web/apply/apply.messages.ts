/** The words of the applicant's application form pages; the French has the same keys (checked by the compiler and the catalogs test). */
export const applyEn = {
} as const;

export const applyFr: Record<keyof typeof applyEn, string> = {
};
