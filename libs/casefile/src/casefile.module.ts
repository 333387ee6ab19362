import { Module } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { CaseworkModule } from '@mapwork/casework';
import { RevisionsModule } from '@mapwork/revisions';
import { CaseFileExportService } from './export.service';
import { CaseFileController } from './http/casefile.controller';
import { CaseFileImportService } from './import.service';
import { StoredFidelityService } from './scoring.service';
import { SiteKeys } from './site-keys';
import { StoredCaseFiles } from './stored-cases';

/** The interchange format: import, export, and fidelity over what is stored. */
@Module({
  imports: [AuthModule, CaseworkModule, RevisionsModule],
  controllers: [CaseFileController],
  providers: [StoredCaseFiles, CaseFileImportService, CaseFileExportService, StoredFidelityService, SiteKeys],
  exports: [StoredCaseFiles, CaseFileImportService, CaseFileExportService, StoredFidelityService, SiteKeys],
})
export class CaseFileModule {}
