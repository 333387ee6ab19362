import { BACKGROUND, GRID, INK, PATTERNS, SECONDARY_INK, SERIES_STYLES, contrastRatio, relativeLuminance } from './palette';

/** Machado, Oliveira and Fernandes (2009) simulation matrices at full severity, on linear RGB. */
const DEFICIENCIES: Record<string, number[][]> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
  none: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
};

const linear = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));

/** CIELAB (D65) of a linear RGB colour. */
function lab([r, g, b]: number[]): number[] {
  const [x, y, z] = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ].map((t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116));
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const simulate = (hex: string, m: number[][]) => lab(m.map((row) => Math.min(1, Math.max(0, row[0] * linear(hex)[0] + row[1] * linear(hex)[1] + row[2] * linear(hex)[2]))));
const deltaE = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('palette', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 10);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(() => relativeLuminance('blue')).toThrow(RangeError);
  });

  it('text reaches 4.5:1 on the background, every series colour 3:1 (WCAG 1.4.3, 1.4.11)', () => {
    expect(contrastRatio(INK, BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(SECONDARY_INK, BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    for (const s of SERIES_STYLES) expect({ colour: s.colour, ratio: contrastRatio(s.colour, BACKGROUND) >= 3 }).toEqual({ colour: s.colour, ratio: true });
    // gridlines are decoration: lighter than anything that carries meaning
    expect(contrastRatio(GRID, BACKGROUND)).toBeLessThan(3);
  });

  it('series stay apart under protanopia, deuteranopia and tritanopia (ΔE*ab ≥ 15)', () => {
    for (const [name, m] of Object.entries(DEFICIENCIES)) {
      for (let i = 0; i < SERIES_STYLES.length; i++) {
        for (let j = i + 1; j < SERIES_STYLES.length; j++) {
          const d = deltaE(simulate(SERIES_STYLES[i].colour, m), simulate(SERIES_STYLES[j].colour, m));
          expect({ name, pair: [SERIES_STYLES[i].colour, SERIES_STYLES[j].colour], apart: d >= 15 }).toEqual({ name, pair: [SERIES_STYLES[i].colour, SERIES_STYLES[j].colour], apart: true });
        }
      }
    }
  });

  it('every series has its own fill pattern, so none depends on colour (greyscale print)', () => {
    expect(new Set(SERIES_STYLES.map((s) => s.pattern)).size).toBe(SERIES_STYLES.length);
    expect(SERIES_STYLES.every((s) => PATTERNS.includes(s.pattern))).toBe(true);
  });
});
