import { create } from 'qrcode';

/** Light modules around the code, as the QR specification asks (ISO/IEC 18004: 4). */
const QUIET_ZONE = 4;

/**
 * A QR code as one SVG path of its dark modules, runs of a row joined, with the size of
 * the square (quiet zone included): numbers and path letters only, so a page draws it
 * inline as an image with no script, no style attribute and nothing loaded.
 */
export function qrCodePath(text: string): { size: number; path: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; ) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < modules.size && modules.get(y, x + run)) run++;
      path += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return { size: modules.size + 2 * QUIET_ZONE, path };
}
