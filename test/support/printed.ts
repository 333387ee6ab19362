import { Browser, Page } from 'playwright-core';

/** A4 in PostScript points, as Chromium writes a PDF's MediaBox (595.28 × 841.89, rounded). */
export const A4_POINTS = { short: 595, long: 842 };

/** The page sizes of a PDF Chromium wrote, one per page, in points (its page objects are not compressed). */
export function pdfPageSizes(pdf: Buffer): Array<{ width: number; height: number }> {
  const objects = pdf.toString('latin1').split(/\bendobj\b/);
  return objects
    .filter((o) => /\/Type\s*\/Page\b(?!s)/.test(o))
    .map((o) => {
      const box = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(o);
      if (!box) throw new Error('a page of the PDF has no MediaBox of its own');
      return { width: Math.round(Number(box[3]) - Number(box[1])), height: Math.round(Number(box[4]) - Number(box[2])) };
    });
}

/** ISO 8601 dates and instants (2018-05-21, 2018-05-21T13:05:00Z, 2018-05-21T13:05), which people should never have to read. */
export const ISO_8601 = /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/;

/** Opens an HTML document in a new tab of the browser. */
export async function open(browser: Browser, html: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes share any area (touching edges do not count). */
export function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
