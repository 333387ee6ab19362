/**
 * What a child's-voice attachment may be: photographed or scanned drawings and the
 * documents they arrive in. Judged by the content's first bytes, never by the type a
 * client declares; no format that can carry script (SVG, HTML) is accepted.
 */
export const ATTACHMENT_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

/** Each format's signature: bytes at offsets. */
const SIGNATURES: Array<[AttachmentMediaType, Array<[number, number[]]>]> = [
  ['image/png', [[0, [0x89, ...ascii('PNG\r\n\x1a\n')]]]],
  ['image/jpeg', [[0, [0xff, 0xd8, 0xff]]]],
  ['image/gif', [[0, ascii('GIF87a')]]],
  ['image/gif', [[0, ascii('GIF89a')]]],
  ['image/webp', [[0, ascii('RIFF')], [8, ascii('WEBP')]]],
  ['application/pdf', [[0, ascii('%PDF-')]]],
];

/** The media type the content is, if it is one of ATTACHMENT_MEDIA_TYPES. */
export function sniffMediaType(content: Uint8Array): AttachmentMediaType | null {
  const found = SIGNATURES.find(([, parts]) => parts.every(([offset, bytes]) => bytes.every((b, i) => content[offset + i] === b)));
  return found ? found[0] : null;
}

/**
 * Images are shown in the browser; anything else, PDF included, is downloaded: a PDF
 * viewer runs in the page's origin and has run a document's script before (CVE-2024-4367).
 */
export function shownInline(type: string): boolean {
  return type.startsWith('image/') && (ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(type);
}
