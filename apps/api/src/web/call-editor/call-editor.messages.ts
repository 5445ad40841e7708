/** The words of the officer's call editing pages; the French has the same keys (checked by the compiler and the catalogs test). */
export const callEditorEn = {
} as const;

export const callEditorFr: Record<keyof typeof callEditorEn, string> = {
};
