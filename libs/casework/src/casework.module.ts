import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { CurrentStateTables, RevisionsModule } from '@mapwork/revisions';
import { CaseAccessService } from './case-access.service';
import { CasesController } from './http/cases.controller';
import { PeopleController } from './http/people.controller';
import { recordController } from './http/record.controller';
import { RECORD_KINDS } from './record-kinds';
import { AttachmentsRepository } from './repositories/attachments.repository';
import { CasesRepository } from './repositories/cases.repository';
import { PeopleRepository } from './repositories/people.repository';
import { RecordsRepository } from './repositories/records.repository';
import { AttachmentsService } from './services/attachments.service';
import { CaseOverviewService } from './services/case-overview.service';
import { CasesService } from './services/cases.service';
import { HistoryService } from './services/history.service';
import { PeopleService } from './services/people.service';
import { PrintService } from './services/print.service';
import { RecordsService } from './services/records.service';
import { ReferencesService } from './services/references.service';

/** Cases, people, mappings, safety plans, network meetings and child's-voice work. */
@Module({
  imports: [AuthModule, RevisionsModule],
  controllers: [CasesController, PeopleController, ...Object.values(RECORD_KINDS).map(recordController)],
  providers: [
    CasesRepository,
    PeopleRepository,
    RecordsRepository,
    AttachmentsRepository,
    CaseAccessService,
    ReferencesService,
    CasesService,
    PeopleService,
    RecordsService,
    HistoryService,
    AttachmentsService,
    PrintService,
    CaseOverviewService,
  ],
  exports: [CasesService, PeopleService, RecordsService, AttachmentsService, PrintService, ReferencesService, CaseOverviewService, CasesRepository, PeopleRepository, RecordsRepository],
})
export class CaseworkModule implements OnModuleInit {
  constructor(
    private readonly tables: CurrentStateTables,
    private readonly cases: CasesRepository,
    private readonly people: PeopleRepository,
    private readonly records: RecordsRepository,
  ) {}

  onModuleInit() {
    for (const table of [this.cases, this.people, this.records]) this.tables.register(table.currentStateTable());
  }
}
