import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, InvalidInputError, NotFoundError, UnsupportedMediaTypeError } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { RevisionsService } from '@mapwork/revisions';
import { CaseAccessService, RequestOrigin } from '../case-access.service';
import { ChildVoiceData } from '../domain';
import { ATTACHMENT_MEDIA_TYPES, sniffMediaType } from '../media-types';
import { AttachmentsRepository, StoredAttachment } from '../repositories/attachments.repository';

/** A declared type that says nothing about the content. */
const UNDECLARED = ['', 'application/octet-stream'];

/** The bytes behind a child's-voice attachment: uploaded to the case, addressed by SHA-256. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly attachments: AttachmentsRepository,
    private readonly revisions: RevisionsService,
    private readonly access: CaseAccessService,
    private readonly clock: Clock,
  ) {}

  /** Stores the bytes with the type their content is (one of ATTACHMENT_MEDIA_TYPES); a declared type must agree with it. */
  upload(origin: RequestOrigin, caseId: string, content: Buffer, declaredType: string) {
    if (!content.length) throw InvalidInputError.single('/', 'nonEmpty', 'the attachment is empty');
    const type = sniffMediaType(content);
    if (!type) throw new UnsupportedMediaTypeError(`an attachment must be one of ${ATTACHMENT_MEDIA_TYPES.join(', ')}, judged by its content`, { accepted: ATTACHMENT_MEDIA_TYPES });
    const declared = declaredType.split(';')[0].trim().toLowerCase();
    if (!UNDECLARED.includes(declared) && declared !== type) {
      throw InvalidInputError.single('/headers/content-type', 'matchesContent', `the Content-Type says ${declared.slice(0, 100)} but the content is ${type}`);
    }
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.tx.write(async (em) => {
      await this.access.open(em, origin, caseId, 'write');
      await this.attachments.insertIfAbsent(em, caseId, { sha256, mediaType: type, size: content.length, content }, this.clock.now(), origin.user.id);
      return { sha256, mediaType: type, size: content.length };
    });
  }

  /** The attachment of a child's-voice record, as it is now or at one of its versions. */
  download(origin: RequestOrigin, caseId: string, recordId: string, version?: number): Promise<StoredAttachment & { name: string }> {
    return this.tx.read(async (em) => {
      await this.access.open(em, origin, caseId, 'read');
      const key = { entityType: 'child_voice' as const, caseId, entityId: recordId };
      const rev = version ? await this.revisions.version<ChildVoiceData>(em, key, version) : await this.revisions.latest<ChildVoiceData>(em, key);
      const ref = rev?.state?.attachment;
      if (!ref) throw new NotFoundError(`attachment of child's voice work ${recordId}`);
      const stored = await this.attachments.one(em, caseId, ref.sha256);
      if (!stored) throw new NotFoundError(`attachment ${ref.sha256} (its bytes were never uploaded to this system)`);
      // served as what the bytes are, whatever a record or an older upload said they were
      return { ...stored, mediaType: sniffMediaType(stored.content) ?? 'application/octet-stream', name: ref.name };
    });
  }
}
