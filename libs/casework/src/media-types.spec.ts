import fc from 'fast-check';
import { ATTACHMENT_MEDIA_TYPES, shownInline, sniffMediaType } from './media-types';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** The first bytes of a real file of each accepted type. */
const SAMPLES: Record<(typeof ATTACHMENT_MEDIA_TYPES)[number], Buffer> = {
  'image/png': bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'),
  'image/jpeg': bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF\0'),
  'image/gif': bytes('GIF89a', [1, 0, 1, 0]),
  'image/webp': bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '),
  'application/pdf': bytes('%PDF-1.7\n%âãÏÓ\n'),
};

describe('sniffMediaType', () => {
  it.each(Object.entries(SAMPLES))('knows %s by its first bytes', (type, sample) => {
    expect(sniffMediaType(sample)).toBe(type);
    expect(sniffMediaType(Buffer.concat([sample, Buffer.from('anything after')]))).toBe(type);
  });

  it('refuses what can carry script or is not one of the accepted types, whatever it is called', () => {
    for (const content of [
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<!DOCTYPE html><script>alert(1)</script>',
      ' %PDF-1.7',
      'GIF90a',
      'RIFF\0\0\0\0WAVE',
      'PK\x03\x04',
      '{"json": true}',
      '\x89PNG',
    ]) {
      expect(sniffMediaType(Buffer.from(content, 'latin1'))).toBeNull();
    }
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });

  it('never names a type outside the allow-list, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), fc.constantFrom(...Object.values(SAMPLES), Buffer.alloc(0)), (tail, head) => {
        const type = sniffMediaType(Buffer.concat([head.subarray(0, 5), Buffer.from(tail)]));
        expect(type === null || (ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(type)).toBe(true);
      }),
    );
  });
});

describe('shownInline', () => {
  it('shows accepted images and downloads everything else, PDF included', () => {
    expect(ATTACHMENT_MEDIA_TYPES.filter(shownInline)).toEqual(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
    expect(shownInline('image/svg+xml')).toBe(false);
    expect(shownInline('application/octet-stream')).toBe(false);
  });
});
