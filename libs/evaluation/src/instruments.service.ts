import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FindOptionsWhere } from 'typeorm';
import { Clock, ConflictError, InvalidInputError, NotFoundError, PageRequest, pageOffset } from '@mapwork/kernel';
import { InstrumentEntity, InstrumentResponseEntity, TransactionRunner } from '@mapwork/persistence';
import {
  InstrumentDefinition,
  InstrumentResponse,
  RespondentKind,
  TimePoint,
  compareKinds,
  definitionProblems,
  elementUse,
  expectedVsActual,
  responseProblems,
  scoreResponse,
  siteTScores,
  summarise,
} from './instruments';

export interface ResponseFilter {
  site?: string;
  timePoint?: TimePoint;
  frame?: string;
  respondentKind?: RespondentKind;
}

/** Submission order, the id last so the order is total. */
const RESPONSE_ORDER = { submittedAt: 'ASC', id: 'ASC' } as const;

function responseWhere(id: string, filter: ResponseFilter): FindOptionsWhere<InstrumentResponseEntity> {
  const where: FindOptionsWhere<InstrumentResponseEntity> = { instrumentId: id };
  if (filter.site) where.siteCode = filter.site;
  if (filter.timePoint) where.timePoint = filter.timePoint;
  if (filter.frame) where.frame = filter.frame;
  if (filter.respondentKind) where.respondentKind = filter.respondentKind;
  return where;
}

function responseOf(r: InstrumentResponseEntity): InstrumentResponse {
  return {
    respondentKind: r.respondentKind as RespondentKind,
    site: r.siteCode,
    caseRef: r.caseRef,
    timePoint: r.timePoint as TimePoint,
    frame: r.frame,
    answers: JSON.parse(r.answers),
  };
}

export type SummaryGrouping = 'site' | 'respondentKind' | 'timePoint' | 'frame';

/** Instrument definitions, responses to them, and their scores. */
@Injectable()
export class InstrumentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async load(definition: InstrumentDefinition, by: string): Promise<InstrumentDefinition> {
    const problems = definitionProblems(definition);
    if (problems.length) throw new InvalidInputError(problems.map((p) => ({ ...p, pointer: `/definition${p.pointer}` })), 'the instrument definition breaks rules');
    return this.tx.write(async (em) => {
      if (await em.getRepository(InstrumentEntity).findOne({ where: { id: definition.id } })) {
        throw new ConflictError(`an instrument ${definition.id} is loaded already; give a new version a new id`, { code: 'ALREADY_EXISTS' });
      }
      await em.getRepository(InstrumentEntity).insert({ id: definition.id, definition: JSON.stringify(definition), loadedAt: this.clock.now(), loadedBy: by });
      return definition;
    });
  }

  list(): Promise<InstrumentDefinition[]> {
    return this.tx.read(async (em) => (await em.getRepository(InstrumentEntity).find({ order: { id: 'ASC' } })).map((r) => JSON.parse(r.definition)));
  }

  async definition(id: string): Promise<InstrumentDefinition> {
    const row = await this.tx.read((em) => em.getRepository(InstrumentEntity).findOne({ where: { id } }));
    if (!row) throw new NotFoundError(`instrument ${id}`);
    return JSON.parse(row.definition) as InstrumentDefinition;
  }

  async respond(id: string, response: InstrumentResponse, by: string) {
    const d = await this.definition(id);
    const problems = responseProblems(d, response);
    if (problems.length) throw new InvalidInputError(problems, `the response does not fit ${d.name}`);
    const row: InstrumentResponseEntity = {
      id: randomUUID(),
      instrumentId: id,
      respondentKind: response.respondentKind,
      siteCode: response.site,
      caseRef: response.caseRef ?? null,
      timePoint: response.timePoint,
      frame: response.frame ?? null,
      answers: JSON.stringify(response.answers),
      submittedAt: this.clock.now(),
      submittedBy: by,
    };
    await this.tx.write((em) => em.getRepository(InstrumentResponseEntity).insert(row));
    return { id: row.id, instrument: id, ...response, submittedAt: row.submittedAt };
  }

  async responses(id: string, filter: ResponseFilter = {}): Promise<InstrumentResponse[]> {
    const rows = await this.tx.read((em) => em.getRepository(InstrumentResponseEntity).find({ where: responseWhere(id, filter), order: RESPONSE_ORDER }));
    return rows.map(responseOf);
  }

  /** Each response with its subscale and total scores (sum and mean, reverse keying applied). */
  async scoredResponses(id: string, filter: ResponseFilter) {
    const d = await this.definition(id);
    return { instrument: id, responses: (await this.responses(id, filter)).map((r) => ({ ...r, scores: scoreResponse(d, r.answers) })) };
  }

  /** A page of the scored responses, in the order they were submitted. */
  async scoredResponsesPage(id: string, filter: ResponseFilter, p: PageRequest) {
    const d = await this.definition(id);
    const [rows, total] = await this.tx.read((em) =>
      em.getRepository(InstrumentResponseEntity).findAndCount({ where: responseWhere(id, filter), order: RESPONSE_ORDER, skip: pageOffset(p), take: p.pageSize }),
    );
    return { instrument: id, items: rows.map(responseOf).map((r) => ({ ...r, scores: scoreResponse(d, r.answers) })), total, ...p };
  }

  async scores(id: string, filter: ResponseFilter, groupBy: SummaryGrouping[]) {
    const d = await this.definition(id);
    const responses = await this.responses(id, filter);
    return { instrument: id, groupBy, groups: summarise(d, responses, (r) => groupBy.map((g) => (g === 'site' ? r.site : (r[g] ?? ''))).join(' / ')) };
  }

  async compareKinds(id: string, filter: ResponseFilter, a: RespondentKind, b: RespondentKind) {
    const d = await this.definition(id);
    return compareKinds(d, await this.responses(id, { ...filter, respondentKind: undefined }), a, b);
  }

  async tScores(id: string, filter: ResponseFilter) {
    const d = await this.definition(id);
    return { instrument: id, ...filter, sites: siteTScores(d, await this.responses(id, filter)) };
  }

  async expectedVsActual(id: string, site: string | undefined, expected: { timePoint: TimePoint; frame: string }, actual: { timePoint: TimePoint; frame: string }) {
    const d = await this.definition(id);
    return { instrument: id, site: site ?? null, ...expectedVsActual(d, await this.responses(id, { site }), expected, actual) };
  }

  async elementUse(id: string, filter: ResponseFilter, threshold: number, headcount: Record<string, number>) {
    const d = await this.definition(id);
    return { instrument: id, ...elementUse(d, await this.responses(id, filter), threshold, headcount) };
  }
}
