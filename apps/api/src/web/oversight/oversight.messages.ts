/** The words of the officer's awards, payments, reports, exports and audit pages; the French has the same keys (checked by the compiler and the catalogs test). */
export const oversightEn = {
} as const;

export const oversightFr: Record<keyof typeof oversightEn, string> = {
};
