/**
 * Server-rendered HTML without a template engine: `html` escapes every interpolated value unless it is
 * already SafeHtml (the result of another `html` or of `unsafeRaw`), and joins arrays. What a communiqué,
 * a reader or an editor wrote can therefore only ever land in a page as text.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => (out += render(value) + strings[i + 1]));
  return new SafeHtml(out);
}

/** Markup the caller vouches for (a stylesheet, a rendering stored by the service itself). Never for input. */
export function unsafeRaw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
