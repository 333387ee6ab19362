import fc from 'fast-check';
import { toString as qrSvg } from 'qrcode';
import { qrCodePath } from './qr-code';

/** The dark cells of qrcode's own SVG (its stroked runs: `M4 4.5h7m1 0h1…`), as "x,y". */
function cellsOfLibrarySvg(svg: string): Set<string> {
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)![1];
  const cells = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([Mmh])(-?[0-9.]+)(?: (-?[0-9.]+))?/g)) {
    if (op === 'M') [x, y] = [Number(a), Math.floor(Number(b))];
    else if (op === 'm') x += Number(a);
    else for (let i = 0; i < Number(a); i++) cells.add(`${x++},${y}`);
  }
  return cells;
}

/** The dark cells of ours (`M<x> <y>h<run>v1h-<run>z` per run). */
function cellsOfPath(path: string): Set<string> {
  const cells = new Set<string>();
  for (const [, x, y, run] of path.matchAll(/M([0-9]+) ([0-9]+)h([0-9]+)v1h-\3z/g)) for (let i = 0; i < Number(run); i++) cells.add(`${Number(x) + i},${y}`);
  return cells;
}

describe('qrCodePath', () => {
  it('draws the same modules as the qrcode library’s own SVG, with the same quiet zone, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 120 }), async (text) => {
        const ours = qrCodePath(text);
        const theirs = await qrSvg(text, { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
        expect(theirs).toContain(`viewBox="0 0 ${ours.size} ${ours.size}"`);
        expect([...cellsOfPath(ours.path)].sort()).toEqual([...cellsOfLibrarySvg(theirs)].sort());
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('is numbers and path letters only: nothing in it can be markup', () => {
    const { size, path } = qrCodePath('otpauth://totp/mapwork:a%22%3E%3Cscript%3E?issuer=mapwork&secret=JBSWY3DPEHPK3PXP');
    expect(size).toBeGreaterThanOrEqual(21 + 8);
    expect(path).toMatch(/^(M[0-9]+ [0-9]+h[0-9]+v1h-[0-9]+z)+$/);
  });
});
