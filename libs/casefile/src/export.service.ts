import { Injectable } from '@nestjs/common';
import { Clock, NotFoundError, normaliseInstant } from '@mapwork/kernel';
import { CASEFILE_FORMAT } from './format';
import { Pseudonymiser } from './pseudonymise';
import { StoredCaseFilter, StoredCaseFiles, fileInstant } from './stored-cases';

export interface ExportOptions {
  /** the file's `exportedAt`: the instant it describes (default now); the full history is written either way */
  asOf?: string;
  /** pseudonymise under this site key, and export consented cases only */
  pseudonymiseWith?: Buffer;
  teamIds?: string[];
  /** called for each case written, e.g. to log the access */
  onCase?: (caseId: string) => Promise<void>;
}

/** Writes a site's stored cases as `sofs-casefile/1`, one case at a time. */
@Injectable()
export class CaseFileExportService {
  constructor(
    private readonly stored: StoredCaseFiles,
    private readonly clock: Clock,
  ) {}

  async assertSite(site: string) {
    const row = await this.stored.site(site);
    if (!row) throw new NotFoundError(`site ${site}`);
    return row;
  }

  async write(site: string, options: ExportOptions, out: (chunk: string) => Promise<void> | void): Promise<{ cases: number }> {
    const row = await this.assertSite(site);
    const exportedAt = fileInstant(normaliseInstant(options.asOf ?? this.clock.now()));
    const pseudonymiser = options.pseudonymiseWith ? new Pseudonymiser(options.pseudonymiseWith) : null;
    const filter: StoredCaseFilter = { site, teamIds: options.teamIds, consentedOnly: !!pseudonymiser };
    await out(`{"format":${JSON.stringify(CASEFILE_FORMAT)},"exportedAt":${JSON.stringify(exportedAt)},"site":${JSON.stringify({ code: row.code, name: row.name })},"cases":[`);
    let n = 0;
    for await (const { id, file } of this.stored.cases(filter)) {
      await options.onCase?.(id);
      const c = pseudonymiser ? pseudonymiser.case(file) : file;
      await out(`${n ? ',' : ''}\n${JSON.stringify(c)}`);
      n++;
    }
    await out('\n]}\n');
    return { cases: n };
  }

  async toString(site: string, options: ExportOptions = {}): Promise<string> {
    const parts: string[] = [];
    await this.write(site, options, (s) => {
      parts.push(s);
    });
    return parts.join('');
  }
}
