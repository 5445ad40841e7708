/**
 * A form field's value as typed, not trimmed, to show it back exactly: the first value when the
 * name was sent twice (a browser sends one), '' when there is none or it is not text.
 */
export function typedText(value: unknown): string {
  if (Array.isArray(value)) return typedText(value[0]);
  return typeof value === 'string' ? value : '';
}
