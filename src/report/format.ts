/** Fixed number formatting for the report and the terminal: the same digits on every machine. */

/** A number with `digits` decimals and a true minus sign. */
export function fixed(v: number, digits = 3): string {
  return minus(v.toFixed(digits));
}

/** A small number in scientific notation, e.g. 1.1 × 10⁻¹⁵ as "1.1e−15". */
export function sci(v: number, digits = 1): string {
  return v === 0 ? '0' : minus(v.toExponential(digits));
}

/** Escapes text for HTML. */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function minus(s: string): string {
  return s.replace(/-/g, '−');
}
