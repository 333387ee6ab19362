import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, DomainError, Page, PageRequest, normaliseInstant } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { AccessContext, currentAccessContext, runInAccessContext } from './access-context';
import { AccessLogChain } from './access-log-chain';
import { AccessEventKind, AccessOutcome } from './access-log-entry';
import { AccessLogFilter, AccessLogRepository, AccessLogRow } from './access-log.repository';
import { UserNames } from './user-names';

export type CaseAccess = 'read' | 'write' | 'export';

/** What to log; interface, address and route come from the request or command unless given. */
export interface AccessEntry {
  event: AccessEventKind;
  userId: string | null;
  cases?: string[];
  outcome?: AccessOutcome;
  detail?: string | null;
  route?: string;
}

/** Anonymous refusals (no or a bad token) are logged at most this many a minute per process; the rest are counted. */
const ANONYMOUS_REFUSALS_PER_MINUTE = 60;
/** Case ids shown per entry in a page of the log (CSV has them all). */
const CASES_SHOWN = 100;

/** A refusal by the rules (401, 403) or a failure of anything else. */
export function outcomeOf(error: unknown): AccessOutcome {
  return error instanceof DomainError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN') ? 'refused' : 'failed';
}

/**
 * The access log: every view or change of a case in the same unit of work as the
 * access, and sign-ins, refusals, admin actions, imports, lists and reports with the
 * user, address, interface, outcome and the cases touched. Entries are chained and
 * MACed by AccessLogChain.
 */
@Injectable()
export class AccessLogService {
  private anonymous = { windowStart: 0, logged: 0, suppressed: 0 };

  constructor(
    private readonly clock: Clock,
    private readonly tx: TransactionRunner,
    private readonly chain: AccessLogChain,
    private readonly repository: AccessLogRepository,
    private readonly names: UserNames,
  ) {}

  /** A view or change of one case, in the unit of work that reads or changes it. */
  record(em: EntityManager, userId: string, caseId: string, action: CaseAccess, route: string): Promise<void> {
    return this.append(em, { event: `case.${action}`, userId, cases: [caseId], route });
  }

  /**
   * Writes an entry in the caller's unit of work, or with `em` null in one of its own
   * (never call it so from inside a unit of work: on SQLite it would wait for itself).
   */
  async append(em: EntityManager | null, entry: AccessEntry): Promise<void> {
    const context = currentAccessContext();
    const row = {
      at: this.clock.now(),
      userId: entry.userId,
      cases: entry.cases ?? [],
      event: entry.event,
      route: (entry.route ?? context?.route ?? 'mapwork').slice(0, 300),
      interface: context?.interface ?? 'cli',
      address: context?.address ?? null,
      outcome: entry.outcome ?? 'ok',
      detail: entry.detail ? entry.detail.slice(0, 300) : null,
    };
    if (em) await this.chain.append(em, row);
    else await this.tx.write((own) => this.chain.append(own, row));
  }

  /**
   * A refusal found inside a unit of work that will roll back: written once the
   * request is over (by AccessEventInterceptor), or at once outside a request.
   */
  async refusedLater(entry: Omit<AccessEntry, 'outcome'>): Promise<void> {
    const pending = currentAccessContext()?.pending;
    const write = () => this.append(null, { ...entry, outcome: 'refused' });
    if (pending) pending.push(write);
    else await write();
  }

  /** A request refused for want of a valid sign-in; bounded, so a flood of them cannot flood the log. */
  async anonymousRefusal(detail: string): Promise<void> {
    const now = Date.now();
    if (now - this.anonymous.windowStart >= 60_000) this.anonymous = { windowStart: now, logged: 0, suppressed: this.anonymous.suppressed };
    if (this.anonymous.logged >= ANONYMOUS_REFUSALS_PER_MINUTE) {
      this.anonymous.suppressed++;
      return;
    }
    this.anonymous.logged++;
    const suppressed = this.anonymous.suppressed;
    this.anonymous.suppressed = 0;
    await this.append(null, { event: 'refusal', userId: null, outcome: 'refused', detail: suppressed ? `${detail} (${suppressed} more not logged)` : detail });
  }

  /** Cases the current access event touched (no-op outside one). */
  touch(caseIds: Iterable<string>): void {
    const touched = currentAccessContext()?.touched;
    if (touched) for (const id of caseIds) touched.add(id);
  }

  /**
   * Runs `work` as one access event: one entry afterwards, with the cases it touched
   * (`touch`) and its outcome, and any refusals found along the way. Used by the
   * HTTP interceptor and by commands.
   */
  async event<T>(entry: Omit<AccessEntry, 'outcome' | 'cases'> | null, work: () => Promise<T>, outer?: Partial<AccessContext>): Promise<T> {
    const parent = currentAccessContext();
    const context: AccessContext = {
      interface: outer?.interface ?? parent?.interface ?? 'cli',
      address: outer?.address !== undefined ? outer.address : (parent?.address ?? null),
      route: outer?.route ?? parent?.route ?? 'mapwork',
      touched: new Set(),
      pending: [],
    };
    return runInAccessContext(context, async () => {
      let result: T;
      try {
        result = await work();
      } catch (error) {
        await this.flush(context);
        if (entry) await this.append(null, { ...entry, cases: [...context.touched!], outcome: outcomeOf(error) });
        throw error;
      }
      await this.flush(context);
      if (entry) await this.append(null, { ...entry, cases: [...context.touched!], outcome: 'ok' });
      return result;
    });
  }

  private async flush(context: AccessContext) {
    for (const write of context.pending!.splice(0)) await write();
  }

  /** Newest first (by sequence number, which is unique), each entry with the user's name. */
  list(filter: AccessLogFilter, p: PageRequest) {
    filter = normalised(filter);
    return this.tx.read(async (em): Promise<Page<AccessLogEntry>> => {
      const [rows, total] = await this.repository.page(em, filter, p.page, p.pageSize);
      const cases = await this.repository.casesOf(em, rows);
      const names = await this.names.book(em, rows.flatMap((r) => (r.userId ? [r.userId] : [])));
      return { items: rows.map((r) => entryView(r, names.name(r.userId), cases.get(this.repository.casesKey(r)), CASES_SHOWN)), total, ...p };
    });
  }

  /** Every matching entry, newest first, as CSV lines (header first), in batches. */
  async *csv(filter: AccessLogFilter): AsyncGenerator<string> {
    filter = normalised(filter);
    yield csvLine(['seq', 'at', 'user_id', 'event', 'outcome', 'interface', 'address', 'route', 'case_count', 'cases', 'detail']);
    let before: number | null = null;
    for (;;) {
      const { rows, cases } = await this.tx.read(async (em) => {
        const batch = await this.repository.batch(em, filter, before, 1000);
        return { rows: batch, cases: await this.repository.casesOf(em, batch) };
      });
      for (const r of rows) {
        const ids = r.caseCount > 1 ? (cases.get(this.repository.casesKey(r)) ?? []) : r.caseId ? [r.caseId] : [];
        yield csvLine([r.seq, r.at, r.userId, r.event, r.outcome, r.interface, r.address, r.route, r.caseCount, ids.join(' '), r.detail]);
      }
      if (rows.length < 1000) return;
      before = rows[rows.length - 1].seq;
    }
  }
}

/** Stored instants have milliseconds, so bounds are compared in the same form. */
function normalised(filter: AccessLogFilter): AccessLogFilter {
  return { ...filter, from: filter.from && normaliseInstant(filter.from), to: filter.to && normaliseInstant(filter.to) };
}

function entryView(r: AccessLogRow, userName: string | null, several: string[] | undefined, limit: number): AccessLogEntry {
  const cases = r.caseCount > 1 ? (several ?? []).slice(0, limit) : r.caseId ? [r.caseId] : [];
  return {
    seq: r.seq,
    at: r.at,
    userId: r.userId,
    userName,
    event: r.event,
    outcome: r.outcome,
    interface: r.interface,
    address: r.address,
    route: r.route,
    caseId: r.caseId,
    caseCount: r.caseCount,
    cases,
    detail: r.detail,
  };
}

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet never runs a cell as a formula. */
function csvLine(values: Array<string | number | null>): string {
  return (
    values
      .map((v) => {
        let s = v === null ? '' : String(v);
        if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(',') + '\r\n'
  );
}

export interface AccessLogEntry {
  /** the entry's number: later entries have higher numbers */
  seq: number;
  at: string;
  userId: string | null;
  userName: string | null;
  event: string;
  outcome: string;
  interface: string;
  address: string | null;
  route: string;
  caseId: string | null;
  caseCount: number;
  cases: string[];
  detail: string | null;
}
