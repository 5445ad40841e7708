/**
 * A name for a file name: Latin letters without their accents, digits and hyphens. A name in
 * another script (Canadian syllabics) has no such letters, so it falls back to `fallback`.
 */
export function slugOf(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** One segment of a path inside an archive: no folder separators, no `..`, no control characters. */
export function pathSegment(name: string, fallback: string): string {
  const safe = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').replace(/^\.+/, '_').trim();
  return safe || fallback;
}

/** Names taken so far in one folder; a repeated name gets ` (2)`, ` (3)`... before its extension. */
export class UniqueNames {
  private readonly taken = new Set<string>();

  claim(name: string): string {
    const dot = name.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let copy = 2; this.taken.has(candidate.toLowerCase()); copy += 1) candidate = `${stem} (${copy})${extension}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
