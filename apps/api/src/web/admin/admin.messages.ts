/** The words of the administrator's staff accounts and panels pages; the French has the same keys (checked by the compiler and the catalogs test). */
export const adminEn = {
} as const;

export const adminFr: Record<keyof typeof adminEn, string> = {
};
