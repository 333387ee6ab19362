/** Text and strong lines: GOV.UK black. */
export const INK = '#0b0c0c';
/** Secondary text (ticks, "n/a"): GOV.UK secondary text colour. */
export const SECONDARY_INK = '#505a5f';
/** Gridlines: decoration only, every value is printed, so they need not reach 3:1. */
export const GRID = '#b1b4b6';
export const BACKGROUND = '#ffffff';

export const PATTERNS = ['solid', 'stripes', 'dots', 'crosshatch', 'rows'] as const;
export type PatternName = (typeof PATTERNS)[number];

export interface SeriesStyle {
  colour: string;
  pattern: PatternName;
}

/**
 * Series colours: the Okabe–Ito colours that reach 3:1 against white (WCAG 1.4.11),
 * chosen to stay apart under the common colour-vision deficiencies, each with its own
 * fill pattern so that series differ in greyscale print and never by colour alone.
 */
export const SERIES_STYLES: readonly SeriesStyle[] = [
  { colour: '#0072b2', pattern: 'solid' },
  { colour: '#d55e00', pattern: 'stripes' },
  { colour: '#009e73', pattern: 'dots' },
  { colour: '#cc79a7', pattern: 'crosshatch' },
  { colour: '#000000', pattern: 'rows' },
];

/** sRGB relative luminance (WCAG 2.x). */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
