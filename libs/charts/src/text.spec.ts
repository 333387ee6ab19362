import fc from 'fast-check';
import { escapeXml, labelText, xmlSafe } from './escape';
import { formatNumber, formatPercent, formatPercentagePoints, formatRate } from './format';
import { ELLIPSIS, graphemes, textWidth, truncate, wrapText } from './text';

describe('escaping', () => {
  it('escapes markup and both quotes, and keeps every other character', () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(escapeXml('فريق الشمال 🦊 𝒜')).toBe('فريق الشمال 🦊 𝒜');
  });

  it('replaces what XML cannot hold: control characters, lone surrogates, U+FFFE/U+FFFF', () => {
    expect(xmlSafe('a\u0000b\u001Fc\td\ne\uD800f\uDFFFg\uFFFEh')).toBe('a\uFFFDb\uFFFDc\td\ne\uFFFDf\uFFFDg\uFFFDh');
    // a surrogate pair is one character and stays
    expect(xmlSafe('\uD83E\uDD8A')).toBe('🦊');
  });

  it('makes a label one line', () => {
    expect(labelText('  Team\n\tNorth  \r\n A ')).toBe('Team North A');
  });
});

describe('formats', () => {
  it('percentages, rates, percentage points and numbers, with a Unicode minus and no-break spaces', () => {
    expect(formatPercent(5 / 6)).toBe('83\u00a0%');
    expect(formatRate(5, 6)).toBe('83\u00a0% (5/6)');
    expect(formatRate(0, 0)).toBe('n/a');
    expect(formatPercentagePoints(0.4)).toBe('+40\u00a0pp');
    expect(formatPercentagePoints(-0.0001)).toBe('0\u00a0pp');
    expect(formatNumber(-1.5, 2)).toBe('\u22121.50');
  });
});

describe('text measure, wrapping and truncation', () => {
  it('measures ASCII by Arial widths and wide characters as an em', () => {
    expect(textWidth('il', 10)).toBeCloseTo(4.44, 5);
    expect(textWidth('WW', 10)).toBeCloseTo(18.88, 5);
    expect(textWidth('中文', 10)).toBe(20);
    expect(textWidth('e\u0301', 10)).toBeCloseTo(5.56, 5);
  });

  it('measures a text as the sum of its characters, whichever way it is read', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary-ascii', maxLength: 20 }), (a, b) => {
        for (const t of [a, b, `${b} 83\u00a0% \u2192 \u221240\u00a0pp\u2026`]) {
          expect(textWidth(t, 10)).toBeCloseTo(graphemes(t).reduce((sum, g) => sum + textWidth(g, 10), 0), 9);
        }
      }),
    );
  });

  it('never splits a character: surrogate pairs, emoji sequences and accents stay whole', () => {
    expect(graphemes('a👩‍👧e\u0301𝒜')).toEqual(['a', '👩‍👧', 'e\u0301', '𝒜']);
  });

  it('wraps at spaces within the width', () => {
    const { lines, truncated } = wrapText('Danger statements say who is worried, the behaviour and its impact', 200, 15, 3);
    expect(truncated).toBe(false);
    expect(lines.join(' ')).toBe('Danger statements say who is worried, the behaviour and its impact');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 15)).toBeLessThanOrEqual(200);
  });

  it('breaks a word longer than a line, and past the last line ends in an ellipsis', () => {
    const long = 'x'.repeat(60);
    expect(wrapText(long, 100, 10, 10).lines.join('')).toBe(long);
    const cut = wrapText('one two three four five six seven eight nine ten', 60, 10, 2);
    expect(cut.truncated).toBe(true);
    expect(cut.lines).toHaveLength(2);
    expect(cut.lines[1].endsWith(ELLIPSIS)).toBe(true);
    expect(truncate('Assessment Team A', 1000, 15)).toEqual({ text: 'Assessment Team A', truncated: false });
    expect(truncate('Assessment Team A', 60, 15).text).toMatch(/^Assess.*…$/);
  });

  it('keeps any text within the width, in order, losing nothing unless it says so', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.integer({ min: 20, max: 400 }), fc.integer({ min: 1, max: 4 }), (raw, width, maxLines) => {
        const text = labelText(raw);
        const { lines, truncated } = wrapText(text, width, 15, maxLines);
        expect(lines.length).toBeLessThanOrEqual(maxLines);
        // one character per line always fits, whatever its width
        for (const l of lines) if (graphemes(l).length > 1) expect(textWidth(l, 15)).toBeLessThanOrEqual(width + 1e-9);
        const kept = lines.join('').replace(/ /g, '');
        if (!truncated) expect(kept).toBe(text.replace(/ /g, ''));
        else expect(text.replace(/ /g, '').startsWith(kept.slice(0, -1))).toBe(true);
      }),
    );
  });
});
