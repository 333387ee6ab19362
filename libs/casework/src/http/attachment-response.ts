import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { shownInline } from '../media-types';
import { StoredAttachment } from '../repositories/attachments.repository';

/**
 * A child's-voice attachment as a response, for the API and the pages alike: the type its
 * content is, shown in the browser if it is a picture and downloaded otherwise, never sniffed.
 */
export function attachmentResponse(res: Response, file: StoredAttachment & { name: string }): StreamableFile {
  res.setHeader('Content-Type', file.mediaType);
  res.setHeader('Content-Disposition', `${shownInline(file.mediaType) ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  res.setHeader('X-Content-SHA256', file.sha256);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(file.content);
}
