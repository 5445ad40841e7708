import { CALL_KEY } from '../field-rules';

/**
 * The identifier of a new section, question, choice, document, criterion or measure, made from its
 * label as the call's key rules want it (lowercase ascii letters, digits and underscores, starting
 * with a letter, at most 50 characters) and unlike every identifier already taken in its list:
 * "Community need" gives community_need, a second one community_need_2. A label with no Latin letter
 * or digit (in syllabics, say) gives the fallback word. An item keeps its identifier once made, whatever
 * its label becomes: stored answers, scores and exports refer to it.
 */
export function identifierFrom(label: string, fallback: string, taken: ReadonlySet<string>): string {
  let base = label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (base === '') base = fallback;
  else if (!/^[a-z]/.test(base)) base = `${fallback}_${base}`;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `_${n}`;
    const candidate = `${base.slice(0, CALL_KEY.maxLength - suffix.length).replace(/_+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
