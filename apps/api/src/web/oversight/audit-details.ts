/**
 * An audit event's details as a short list a person can read: amounts as money, identifiers as links
 * to their own trail, coded values as words where the catalog knows them. The shapes only; the page
 * puts them into words.
 */
export type DetailValue =
  | { kind: 'text'; text: string }
  | { kind: 'money'; cents: number }
  | { kind: 'entity'; id: string }
  | { kind: 'instant'; iso: string }
  | { kind: 'yesNo'; value: boolean }
  /** A code (an outcome, a kind of report, a stage) the page shows as a word when it knows one. */
  | { kind: 'code'; code: string }
  | { kind: 'list'; items: string[] };

export interface DetailLine {
  key: string;
  value: DetailValue;
}

/** Details whose value is a code from a fixed set. */
const CODED = new Set(['outcome', 'kind', 'stage', 'what', 'as']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** Beyond this, a value that is not text someone typed (a nested object) is cut short. */
const MAX_STRUCTURED_LENGTH = 200;

export function detailLines(details: Record<string, unknown> | null | undefined): DetailLine[] {
  const lines: DetailLine[] = [];
  for (const [key, raw] of Object.entries(details ?? {})) {
    const value = detailValue(key, raw);
    if (value) lines.push({ key, value });
  }
  return lines;
}

function detailValue(key: string, raw: unknown): DetailValue | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'boolean') return { kind: 'yesNo', value: raw };
  if (typeof raw === 'number' && key.endsWith('Cents') && Number.isSafeInteger(raw)) return { kind: 'money', cents: raw };
  if (typeof raw === 'number') return { kind: 'text', text: String(raw) };
  if (typeof raw === 'string') {
    if (UUID.test(raw)) return { kind: 'entity', id: raw.toLowerCase() };
    if (INSTANT.test(raw) && !Number.isNaN(Date.parse(raw))) return { kind: 'instant', iso: raw };
    if (CODED.has(key) && /^[a-z_]+$/.test(raw)) return { kind: 'code', code: raw };
    return { kind: 'text', text: raw };
  }
  if (Array.isArray(raw)) {
    if (raw.length === 0) return null;
    return raw.every((item) => typeof item === 'string' || typeof item === 'number') ? { kind: 'list', items: raw.map(String) } : { kind: 'text', text: structured(raw) };
  }
  return { kind: 'text', text: structured(raw) };
}

function structured(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return text.length > MAX_STRUCTURED_LENGTH ? `${text.slice(0, MAX_STRUCTURED_LENGTH - 1)}…` : text;
}
