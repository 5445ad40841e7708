/** HTML that is already safe to insert: produced only by the `html` tag below. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

type Interpolation = SafeHtml | string | number | ReadonlyArray<SafeHtml | string | number>;

/** Tagged template that escapes every interpolated value unless it is SafeHtml already. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  const render = (value: SafeHtml | string | number): string => (value instanceof SafeHtml ? value.value : escapeHtml(String(value)));
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += Array.isArray(value) ? value.map(render).join('') : render(value as SafeHtml | string | number);
    out += strings[index + 1] ?? '';
  });
  return new SafeHtml(out);
}
