import { RepeatedFieldError } from '../web-request';

/**
 * A form field's value as typed, not trimmed, to show it back exactly: '' when there is none or it
 * is not text. A field of one value sent twice is refused (a browser sends one).
 */
export function typedText(value: unknown, name?: string): string {
  if (Array.isArray(value)) {
    if (value.length > 1) throw new RepeatedFieldError(name);
    return typedText(value[0]);
  }
  return typeof value === 'string' ? value : '';
}
