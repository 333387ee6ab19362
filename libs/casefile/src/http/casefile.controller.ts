import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { Request, Response } from 'express';
import { AccessEvent, AccessLogService, AuthUser, CurrentUser, Roles } from '@mapwork/auth';
import {
  changeComparisonToCsv,
  changeComparisonToHtml,
  compareGroups,
  groupComparisonToCsv,
  groupComparisonToHtml,
  reportToCsvText,
  reportToHtml,
} from '@mapwork/fidelity';
import { InvalidInputError, asHtmlPage, sizeInBytes } from '@mapwork/kernel';
import { TransactionRunner } from '@mapwork/persistence';
import { CaseFileExportService } from '../export.service';
import { CaseFileImportService } from '../import.service';
import { StoredFidelityService, StoredScope } from '../scoring.service';
import { SiteKeys } from '../site-keys';
import {
  COMPARISON_MODELS,
  ChangeComparisonDto,
  CompareQueryDto,
  ExportQueryDto,
  FidelityQueryDto,
  FidelityReportDto,
  GroupComparisonDto,
  ImportSummaryDto,
  IndicatorFiguresDto,
} from './dto';

class TooLarge extends Error {}

@ApiTags('case files and fidelity')
@ApiBearerAuth()
@ApiExtraModels(IndicatorFiguresDto, ...COMPARISON_MODELS)
@Controller({ version: '1' })
export class CaseFileController {
  constructor(
    private readonly importer: CaseFileImportService,
    private readonly exporter: CaseFileExportService,
    private readonly fidelity: StoredFidelityService,
    private readonly keys: SiteKeys,
    private readonly config: ConfigService,
    private readonly accessLog: AccessLogService,
    private readonly tx: TransactionRunner,
  ) {}

  @Post('imports')
  @HttpCode(200)
  @Roles('admin', 'evaluator')
  @ApiOperation({
    summary: 'Import a sofs-casefile/1 file (the body): every revision with its original instant and user',
    description: 'Admins import into any site; evaluators into evaluation workspaces (a new site becomes one). A file that breaks any rule is rejected whole, listing every problem by JSON Pointer; importing the same file again changes nothing.',
  })
  @ApiConsumes('application/json')
  @ApiBody({ schema: { type: 'object', description: 'a sofs-casefile/1 document' } })
  @ApiOkResponse({ type: ImportSummaryDto })
  @ApiUnprocessableEntityResponse({ description: 'the file breaks rules; `errors` lists each with its pointer; nothing was stored' })
  @ApiForbiddenResponse({ description: 'an evaluator importing into a live site' })
  @ApiPayloadTooLargeResponse()
  async import(@CurrentUser() user: AuthUser, @Req() req: Request) {
    const dir = mkdtempSync(join(tmpdir(), 'mapwork-import-'));
    const path = join(dir, 'upload.json');
    try {
      const limit = sizeInBytes(this.config.get<string>('IMPORT_LIMIT') ?? '200mb');
      let seen = 0;
      await pipeline(
        req,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            seen += chunk.length;
            if (seen > limit) throw new TooLarge();
            yield chunk;
          }
        },
        createWriteStream(path),
      ).catch((e) => {
        if (e instanceof TooLarge) throw Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413, expose: true });
        throw e;
      });
      if (seen === 0) throw InvalidInputError.single('', 'nonEmpty', 'send the case file as the request body');
      return await this.importer.import({ path }, user);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  @Get('exports')
  @Roles('team_manager', 'evaluator')
  @ApiOperation({
    summary: "Export a site's cases as sofs-casefile/1",
    description: "Team managers export their teams' cases; evaluators always get the pseudonymised export of consented cases. Every exported case is written to the access log.",
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'a sofs-casefile/1 document', schema: { type: 'object' } })
  async export(@CurrentUser() user: AuthUser, @Query() q: ExportQueryDto, @Res() res: Response) {
    const pseudonymise = user.role === 'evaluator' || q.pseudonymise === true;
    const options = {
      asOf: q.asOf,
      teamIds: user.role === 'evaluator' ? undefined : user.teamIds,
      pseudonymiseWith: pseudonymise ? this.keys.keyFor(q.site) : undefined,
      onCase: (caseId: string) => this.tx.read((em) => this.accessLog.record(em, user.id, caseId, 'export', `GET /api/v1/exports?site=${q.site}`)),
    };
    // check the site before the first byte, so a bad site is a clean 404
    await this.exporter.assertSite(q.site);
    res.status(200).type('application/json');
    res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(q.site)}${pseudonymise ? '-pseudonymised' : ''}.casefile.json"`);
    await this.exporter.write(q.site, options, (chunk) => {
      if (!res.write(chunk)) return new Promise<void>((resolve) => res.once('drain', () => resolve()));
    });
    res.end();
  }

  @Get('fidelity/compare')
  @AccessEvent('report.compare')
  @Roles('social_worker', 'team_manager', 'evaluator')
  @ApiOperation({
    summary: 'Compare fidelity between groups, or the same cases between two instants (T1 → T3)',
    description:
      "Between groups (`groupBy`): per indicator, the rate of each group, Fisher's exact p with the difference in rates and its Newcombe 95 % interval for two groups, Pearson's chi-square for more (with a SMALL_EXPECTED_COUNT warning when an expected count is below 5). With `vsAsOf`: the same cases at `asOf` and at `vsAsOf`, the change per indicator, the cases that lost and gained it (for evaluators, keyed pseudonyms of their refs) and McNemar's exact test. A test that cannot be computed has null figures and `notComputable: { code, message }`. Same visibility as the fidelity report.",
  })
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({
    description: 'a group comparison, or with vsAsOf a change comparison',
    schema: { oneOf: [{ $ref: getSchemaPath(GroupComparisonDto) }, { $ref: getSchemaPath(ChangeComparisonDto) }] },
  })
  async compare(@CurrentUser() user: AuthUser, @Query() q: CompareQueryDto, @Res({ passthrough: true }) res: Response) {
    const scope = this.scopeFor(user, q.site);
    if (q.vsAsOf) {
      const change = await this.fidelity.change(scope, { asOf: q.asOf, vsAsOf: q.vsAsOf, groupBy: q.groupBy });
      return this.formatted(res, q.format, change, changeComparisonToCsv, changeComparisonToHtml);
    }
    const groups = compareGroups(await this.fidelity.report(scope, { asOf: q.asOf, groupBy: q.groupBy }));
    return this.formatted(res, q.format, groups, groupComparisonToCsv, groupComparisonToHtml);
  }

  @Get('fidelity')
  @AccessEvent('report.fidelity')
  @Roles('social_worker', 'team_manager', 'evaluator')
  @ApiOperation({
    summary: 'Fidelity report over stored cases (fidelity.md), as the records stood at `asOf`',
    description: "Workers and managers see their teams' cases; evaluators see consented cases with workers pseudonymised. `format=csv` gives the case rows, a blank line, then the group rows; `format=html` the printable report.",
  })
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({ type: FidelityReportDto })
  async report(@CurrentUser() user: AuthUser, @Query() q: FidelityQueryDto, @Res({ passthrough: true }) res: Response) {
    const scope = this.scopeFor(user, q.site);
    const report = await this.fidelity.named(await this.fidelity.report(scope, { asOf: q.asOf, groupBy: q.groupBy }), scope);
    return this.formatted(res, q.format, report, reportToCsvText, (r) => reportToHtml(r));
  }

  /** A report as JSON, or rendered as CSV or as an HTML page. */
  private formatted<T>(res: Response, format: string | undefined, report: T, csv: (r: T) => string, html: (r: T) => string): T | string {
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8');
      return csv(report);
    }
    if (format === 'html') {
      asHtmlPage(res);
      return html(report);
    }
    return report;
  }

  /** What a user's reports cover: their teams' cases, or for evaluators consented cases, pseudonymised. */
  private scopeFor(user: AuthUser, site: string | undefined): StoredScope {
    const evaluator = user.role === 'evaluator';
    return {
      site,
      teamIds: evaluator ? undefined : user.teamIds,
      consentedOnly: evaluator,
      pseudonymiseWith: evaluator ? (code: string) => this.keys.keyFor(code) : undefined,
    };
  }
}
