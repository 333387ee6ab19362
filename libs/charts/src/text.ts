/**
 * Widths of printable ASCII (U+0020–U+007E) in Arial, in em: the chart's font, and
 * metric-compatible with Liberation Sans and Helvetica, so estimates hold in print too.
 */
const ASCII_WIDTHS = [
  0.278, 0.278, 0.355, 0.556, 0.556, 0.889, 0.667, 0.191, 0.333, 0.333, 0.389, 0.584, 0.278, 0.333, 0.278, 0.278,
  0.556, 0.556, 0.556, 0.556, 0.556, 0.556, 0.556, 0.556, 0.556, 0.556, 0.278, 0.278, 0.584, 0.584, 0.584, 0.556,
  1.015, 0.667, 0.667, 0.722, 0.722, 0.667, 0.611, 0.778, 0.722, 0.278, 0.5, 0.667, 0.556, 0.833, 0.722, 0.778,
  0.667, 0.778, 0.722, 0.667, 0.611, 0.722, 0.667, 0.944, 0.667, 0.667, 0.611, 0.278, 0.278, 0.278, 0.469, 0.556,
  0.333, 0.556, 0.556, 0.5, 0.556, 0.556, 0.278, 0.556, 0.556, 0.222, 0.222, 0.5, 0.222, 0.833, 0.556, 0.556,
  0.556, 0.556, 0.333, 0.5, 0.278, 0.556, 0.5, 0.722, 0.5, 0.5, 0.5, 0.334, 0.26, 0.334, 0.584,
];

/** East Asian wide and full-width characters and pictographs (emoji): a whole em. */
const WIDE = /[\u{1100}-\u{115F}\u{2E80}-\u{303E}\u{3041}-\u{33FF}\u{3400}-\u{4DBF}\u{4E00}-\u{9FFF}\u{A000}-\u{A4CF}\u{AC00}-\u{D7A3}\u{F900}-\u{FAFF}\u{FE30}-\u{FE4F}\u{FF00}-\u{FF60}\u{FFE0}-\u{FFE6}\u{1F000}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
/** Combining marks, joiners and variation selectors take no width of their own. */
const ZERO_WIDTH = /^[\p{M}\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2060}-\u{2069}\u{FE00}-\u{FE0F}]$/u;

const SIMPLE = /^[\u0020-\u007e\u00a0-\u02ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2192\u2190\u2212]*$/;

const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** User-perceived characters: never split a surrogate pair, an emoji sequence or a letter from its accents. */
export function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

function graphemeWidth(g: string): number {
  const first = g.codePointAt(0)!;
  if (first >= 0x20 && first <= 0x7e) return ASCII_WIDTHS[first - 0x20];
  if (WIDE.test(g)) return 1;
  if (ZERO_WIDTH.test(g)) return 0;
  // other scripts (Latin with accents, Greek, Cyrillic, Arabic, Hebrew…): a generous average
  return 0.62;
}

/** Estimated width of `text` set at `fontSize` in the chart's font (an overestimate for anything not ASCII). */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  // the common case quickly: Latin text and the chart's own punctuation, where every character is one grapheme
  if (SIMPLE.test(text)) for (const c of text) em += graphemeWidth(c);
  else for (const g of graphemes(text)) em += graphemeWidth(g);
  return em * fontSize;
}

export const ELLIPSIS = '\u2026';

/** The longest start of `text` that fits `maxWidth` with an ellipsis after it. */
export function truncate(text: string, maxWidth: number, fontSize: number): { text: string; truncated: boolean } {
  if (textWidth(text, fontSize) <= maxWidth) return { text, truncated: false };
  return { text: ellipsize(text, maxWidth, fontSize), truncated: true };
}

function ellipsize(text: string, maxWidth: number, fontSize: number): string {
  const room = maxWidth - textWidth(ELLIPSIS, fontSize);
  let out = '';
  let width = 0;
  for (const g of graphemes(text)) {
    const w = graphemeWidth(g) * fontSize;
    if (width + w > room) break;
    out += g;
    width += w;
  }
  return out.trimEnd() + ELLIPSIS;
}

/**
 * Breaks `text` into lines of at most `maxWidth` at spaces (a word longer than a line is
 * broken between characters); past `maxLines` the last line ends in an ellipsis.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number): { lines: string[]; truncated: boolean } {
  const space = textWidth(' ', fontSize);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(' ').filter(Boolean)) {
    const w = textWidth(word, fontSize);
    if (line && lineWidth + space + w <= maxWidth) {
      line += ` ${word}`;
      lineWidth += space + w;
      continue;
    }
    if (line) lines.push(line);
    if (w <= maxWidth) {
      [line, lineWidth] = [word, w];
      continue;
    }
    // a word wider than a line: as many characters per line as fit (at least one)
    [line, lineWidth] = ['', 0];
    for (const g of graphemes(word)) {
      const gw = textWidth(g, fontSize);
      if (line && lineWidth + gw > maxWidth) {
        lines.push(line);
        [line, lineWidth] = ['', 0];
      }
      line += g;
      lineWidth += gw;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsize(`${kept[maxLines - 1]} ${lines[maxLines]}`, maxWidth, fontSize);
  return { lines: kept, truncated: true };
}
