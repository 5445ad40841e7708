/** The words of the organization profile, members and report filing pages; the French has the same keys (checked by the compiler and the catalogs test). */
export const organizationEn = {
} as const;

export const organizationFr: Record<keyof typeof organizationEn, string> = {
};
