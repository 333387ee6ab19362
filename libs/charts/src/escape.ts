/**
 * Text as XML 1.0 allows it: characters XML cannot hold (C0 controls other than tab,
 * line feed and carriage return, lone surrogates, U+FFFE and U+FFFF) become U+FFFD, so
 * any string a user typed, even a broken one, yields a well-formed document.
 */
export function xmlSafe(text: string): string {
  return text.replace(/[\u{0}-\u{8}\u{B}\u{C}\u{E}-\u{1F}\u{D800}-\u{DFFF}\u{FFFE}\u{FFFF}]/gu, '\uFFFD');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an XML or HTML text node or a quoted attribute value (after making it XML-safe). */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A label as one line of text: XML-safe, runs of spaces, tabs and line breaks as one space (no-break spaces kept). */
export function labelText(text: string): string {
  return xmlSafe(text)
    .replace(/[\t\n\v\f\r \u0085\u2028\u2029]+/g, ' ')
    .trim();
}
