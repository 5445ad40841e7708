const MAX_LENGTH = 200;
// Control characters, and the bidirectional overrides that can disguise an extension.
const UNSAFE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name fit to show, never to use as a path: the last path segment, normalized, without
 * control or bidi-override characters, at most 200 characters, ending in the extension that
 * matches the detected type.
 */
export function sanitizeFilename(original: string, detectedExtension: string): string {
  const lastSegment = original.split(/[\\/]/).pop() ?? '';
  const name = lastSegment.normalize('NFC').replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  const extension = `.${detectedExtension}`;
  const withoutExtension = name.toLowerCase().endsWith(extension) ? name.slice(0, -extension.length) : name.replace(/\.[^.]{1,10}$/, '');
  const stem = withoutExtension.replace(/^\.+/, '').trim() || 'document';
  let result = `${stem}${extension}`;
  const characters = [...result];
  if (characters.length > MAX_LENGTH) {
    result = [...stem].slice(0, MAX_LENGTH - [...extension].length).join('').trimEnd() + extension;
  }
  return result;
}
