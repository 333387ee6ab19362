import { Get, Param, PipeTransform, Post, Res, UploadedFiles } from '@nestjs/common';
import type { Response } from 'express';
import { Origin, Roles } from '@mapwork/auth';
import { FieldProblem, GoneError, NotFoundError, UnsupportedMediaTypeError, asHtmlPage } from '@mapwork/kernel';
import { FormBody, FormValues, FormView, PageParam, RestoredForm, UploadedFormFile, WebController, WebResult, formValues, page, redirectTo } from '@mapwork/web';
import { CASE_READERS, CASE_WRITERS, RequestOrigin } from '../../case-access.service';
import { childNames } from '../../case-summary';
import { attachmentResponse } from '../../http/attachment-response';
import { CaseIdPipe, ItemIdPipe } from '../../http/params';
import { basedOnVersion } from '../../http/request';
import { RECORD_KINDS } from '../../record-kinds';
import { AttachmentsService } from '../../services/attachments.service';
import { CasesService } from '../../services/cases.service';
import { PrintService } from '../../services/print.service';
import { RecordsService } from '../../services/records.service';
import { caseTitle } from '../case-views';
import { recordHref } from '../labels';
import { RECORD_FORMS, recordPageTitles } from './record-forms';
import { CaseContext, RecordFormSpec, record, recordForm } from './record-form-kit';

const caseIdParam = new PageParam(new CaseIdPipe());
const itemIdParam = new PageParam(new ItemIdPipe());

/** A record type as its pages name it (`mappings`, `safety-plans`…); any other word is "Page not found". */
class RecordKindPipe implements PipeTransform<string, RecordFormSpec> {
  transform(value: string): RecordFormSpec {
    const kind = Object.values(RECORD_KINDS).find((k) => k.path === value);
    const spec = kind && RECORD_FORMS[kind.type];
    if (!spec) throw new NotFoundError('page');
    return spec;
  }
}
const kindParam = new RecordKindPipe();

/** The file input of a form that sends one (the child's voice). */
const FILE_FIELD = 'attachmentFile';

/**
 * Recording and changing a case's records as forms (a mapping, a safety plan, a family
 * network meeting, the child's voice), and printing the map and the family's safety plan:
 * the same services, DTOs, roles and access log as the API's record routes. Registered
 * before the record page's /cases/:caseId/:recordType/:recordId, whose shape `…/new` shares.
 */
@WebController('cases/:caseId')
export class RecordPagesController {
  constructor(
    private readonly cases: CasesService,
    private readonly records: RecordsService,
    private readonly attachments: AttachmentsService,
    private readonly print: PrintService,
  ) {}

  /** The picture or PDF of a child's-voice record, for its page: shown there if a picture, downloaded if a PDF. */
  @Roles(...CASE_READERS)
  @Get('child-voice/:recordId/attachment')
  async attachment(@Origin() origin: RequestOrigin, @Param('caseId', caseIdParam) caseId: string, @Param('recordId', itemIdParam) recordId: string, @Res({ passthrough: true }) res: Response) {
    return attachmentResponse(res, await this.attachments.download(origin, caseId, recordId));
  }

  @Roles(...CASE_READERS)
  @Get('mappings/:recordId/print')
  async printMap(@Origin() origin: RequestOrigin, @Param('caseId', caseIdParam) caseId: string, @Param('recordId', itemIdParam) recordId: string, @Res({ passthrough: true }) res: Response) {
    const html = await this.print.map(origin, caseId, recordId);
    asHtmlPage(res);
    return html;
  }

  @Roles(...CASE_READERS)
  @Get('safety-plans/:recordId/print')
  async printSafetyPlan(
    @Origin() origin: RequestOrigin,
    @Param('caseId', caseIdParam) caseId: string,
    @Param('recordId', itemIdParam) recordId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const html = await this.print.familySafetyPlan(origin, caseId, recordId);
    asHtmlPage(res);
    return html;
  }

  @Roles(...CASE_WRITERS)
  @Get(':recordType/new')
  async newRecord(
    @Origin() origin: RequestOrigin,
    @Param('caseId', caseIdParam) caseId: string,
    @Param('recordType', kindParam) spec: RecordFormSpec,
    @RestoredForm() restored: FormValues | undefined,
  ) {
    const ctx = await this.context(origin, caseId);
    const form = recordForm(spec, ctx, false).view(restored ?? spec.values(null, ctx), [], { restored: !!restored });
    return this.formPage(spec, ctx, form, null, 200);
  }

  @Roles(...CASE_WRITERS)
  @Post(':recordType/new')
  async addRecord(
    @Origin() origin: RequestOrigin,
    @Param('caseId', caseIdParam) caseId: string,
    @Param('recordType', kindParam) spec: RecordFormSpec,
    @FormBody() body: unknown,
    @UploadedFiles() files: UploadedFormFile[] | undefined,
  ) {
    const ctx = await this.context(origin, caseId);
    const form = recordForm(spec, ctx, false);
    const refused = await this.attach(origin, caseId, spec, body, files);
    if (refused) return this.formPage(spec, ctx, form.view(formValues(body), [refused]), null, 422);
    return form.submit<WebResult>(body, {
      show: (form, status) => this.formPage(spec, ctx, form, null, status),
      save: async ({ data, reason }) => {
        const saved = await this.records.create(origin, caseId, spec.type, undefined, data, reason ?? null);
        return redirectTo(`${recordHref(caseId, spec.type, saved.id)}?done=record-added`);
      },
    });
  }

  @Roles(...CASE_WRITERS)
  @Get(':recordType/:recordId/change')
  async editRecord(
    @Origin() origin: RequestOrigin,
    @Param('caseId', caseIdParam) caseId: string,
    @Param('recordType', kindParam) spec: RecordFormSpec,
    @Param('recordId', itemIdParam) recordId: string,
    @RestoredForm() restored: FormValues | undefined,
  ) {
    const ctx = await this.context(origin, caseId);
    const stored = ctx.records.find((r) => r.type === spec.type && r.id === recordId);
    if (!stored) throw new NotFoundError(`${RECORD_KINDS[spec.type].label} ${recordId}`);
    if (!stored.data) throw new GoneError(`${RECORD_KINDS[spec.type].label} ${recordId}`, stored.version);
    const values = restored ?? { ...spec.values(stored.data, ctx), version: String(stored.version) };
    return this.formPage(spec, ctx, recordForm(spec, ctx, true).view(values, [], { restored: !!restored }), recordId, 200);
  }

  @Roles(...CASE_WRITERS)
  @Post(':recordType/:recordId/change')
  async changeRecord(
    @Origin() origin: RequestOrigin,
    @Param('caseId', caseIdParam) caseId: string,
    @Param('recordType', kindParam) spec: RecordFormSpec,
    @Param('recordId', itemIdParam) recordId: string,
    @FormBody() body: unknown,
    @UploadedFiles() files: UploadedFormFile[] | undefined,
  ) {
    const ctx = await this.context(origin, caseId);
    const form = recordForm(spec, ctx, true);
    const refused = await this.attach(origin, caseId, spec, body, files);
    if (refused) return this.formPage(spec, ctx, form.view(formValues(body), [refused]), recordId, 422);
    return form.submit<WebResult>(body, {
      show: (form, status) => this.formPage(spec, ctx, form, recordId, status),
      save: async ({ data, reason, version }) => {
        await this.records.update(origin, caseId, spec.type, recordId, basedOnVersion(undefined, version), data, reason ?? null);
        return redirectTo(`${recordHref(caseId, spec.type, recordId)}?done=record-changed`);
      },
    });
  }

  /**
   * A file chosen in the form is stored first, through the attachment service (which
   * judges it by its content), and the form's record then refers to it by its digest, as
   * an API client does; if the rest of the form has to be corrected, the file stays
   * attached. Returns the problem when the file is refused.
   */
  private async attach(origin: RequestOrigin, caseId: string, spec: RecordFormSpec, body: unknown, files: UploadedFormFile[] | undefined): Promise<FieldProblem | null> {
    const file = spec.upload ? files?.find((f) => f.fieldname === FILE_FIELD && f.size > 0) : undefined;
    if (!file) return null;
    try {
      // a browser's type comes from the file's name, which says nothing of the content: the content decides
      const stored = await this.attachments.upload(origin, caseId, file.buffer, '');
      const data = ((body as FormValues).data = record((body as FormValues).data));
      data.attachment = { name: file.originalname.slice(0, 255), mediaType: stored.mediaType, sha256: stored.sha256 };
      delete data.removeAttachment;
      return null;
    } catch (error) {
      if (error instanceof UnsupportedMediaTypeError) {
        return { pointer: '/data/attachment', rule: 'attachmentType', message: 'The file must be a picture (PNG, JPEG, GIF or WebP) or a PDF' };
      }
      throw error;
    }
  }

  /** The case with its people and records (a logged read, as the API's GET of a case is). */
  private async context(origin: RequestOrigin, caseId: string): Promise<CaseContext & { caption: string }> {
    const doc = await this.cases.get(origin, caseId);
    return {
      caseId,
      people: doc.people.filter((p) => !p.deleted),
      records: doc.records,
      caption: caseTitle(childNames(doc.people), doc.case.ref),
    };
  }

  private formPage(spec: RecordFormSpec, ctx: CaseContext & { caption: string }, form: FormView, recordId: string | null, status: number) {
    const caseHref = `/cases/${ctx.caseId}`;
    const titles = recordPageTitles(spec.type);
    const back = recordId ? { text: titles.record, href: recordHref(ctx.caseId, spec.type, recordId) } : null;
    return page(
      spec.view,
      {
        title: recordId ? titles.change : titles.add,
        caption: ctx.caption,
        form,
        changing: !!recordId,
        cancelHref: back?.href ?? caseHref,
        ...spec.choices(ctx, form.values),
        breadcrumbs: [{ text: 'Home', href: '/' }, { text: ctx.caption, href: caseHref }, ...(back ? [back] : [])],
      },
      status,
    );
  }
}
