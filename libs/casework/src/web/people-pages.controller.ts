import { Get, Param, Post } from '@nestjs/common';
import { Origin, Roles } from '@mapwork/auth';
import { NotFoundError } from '@mapwork/kernel';
import { FormBody, FormValues, FormView, PageParam, RestoredForm, WebController, WebResult, dateParts, page, redirectTo } from '@mapwork/web';
import { CASE_WRITERS, RequestOrigin } from '../case-access.service';
import { CaseIdPipe, ItemIdPipe } from '../http/params';
import { basedOnVersion } from '../http/request';
import { CasesService } from '../services/cases.service';
import { PeopleService } from '../services/people.service';
import { newPersonForm, personForm } from './forms';
import { caseTitle } from './case-views';
import { roleItems } from './labels';
import { childNames } from '../case-summary';

const ADD = 'Add a person';
const CHANGE = 'Change a person’s details';

const caseIdParam = new PageParam(new CaseIdPipe());
const personIdParam = new PageParam(new ItemIdPipe());

/**
 * Adding and changing the people of a case, with the people DTOs of the API. Its routes
 * are registered before the record page's /cases/:caseId/:recordType/:recordId.
 */
@Roles(...CASE_WRITERS)
@WebController('cases/:caseId/people')
export class PeoplePagesController {
  constructor(
    private readonly cases: CasesService,
    private readonly people: PeopleService,
  ) {}

  @Get('new')
  async newPerson(@Origin() origin: RequestOrigin, @Param('caseId', caseIdParam) caseId: string, @RestoredForm() restored: FormValues | undefined) {
    return this.page(caseId, await this.caseHeading(origin, caseId), ADD, newPersonForm.view(restored ?? {}, [], { restored: !!restored }), 200);
  }

  @Post('new')
  async addPerson(@Origin() origin: RequestOrigin, @Param('caseId', caseIdParam) caseId: string, @FormBody() body: unknown) {
    return newPersonForm.submit<WebResult>(body, {
      show: async (form, status) => this.page(caseId, await this.caseHeading(origin, caseId), ADD, form, status),
      save: async ({ reason, ...person }) => {
        await this.people.create(origin, caseId, person, reason ?? null);
        return redirectTo(`/cases/${caseId}?done=person-added#people`);
      },
    });
  }

  @Get(':personId')
  async editPerson(
    @Origin() origin: RequestOrigin,
    @Param('caseId', caseIdParam) caseId: string,
    @Param('personId', personIdParam) personId: string,
    @RestoredForm() restored: FormValues | undefined,
  ) {
    const doc = await this.cases.get(origin, caseId);
    const p = doc.people.find((x) => x.id === personId && !x.deleted);
    if (!p) throw new NotFoundError(`person ${personId}`);
    const values = restored ?? { role: p.role, name: p.name ?? '', birthDate: dateParts(p.birthDate), relationship: p.relationship ?? '', version: String(p.version) };
    return this.page(caseId, caseTitle(childNames(doc.people), doc.case.ref), CHANGE, personForm.view(values, [], { restored: !!restored }), 200);
  }

  @Post(':personId')
  async changePerson(
    @Origin() origin: RequestOrigin,
    @Param('caseId', caseIdParam) caseId: string,
    @Param('personId', personIdParam) personId: string,
    @FormBody() body: unknown,
  ) {
    return personForm.submit<WebResult>(body, {
      show: async (form, status) => this.page(caseId, await this.caseHeading(origin, caseId), CHANGE, form, status),
      save: async ({ version, reason, ...person }) => {
        await this.people.update(origin, caseId, personId, basedOnVersion(undefined, version), person, reason ?? null);
        return redirectTo(`/cases/${caseId}?done=person-changed#people`);
      },
    });
  }

  /** The case's children, for the caption (a logged read of the case, as the API's GET is). */
  private async caseHeading(origin: RequestOrigin, caseId: string): Promise<string> {
    const doc = await this.cases.get(origin, caseId);
    return caseTitle(childNames(doc.people), doc.case.ref);
  }

  private page(caseId: string, caption: string, title: string, form: FormView, status: number) {
    return page(
      'cases/person-form',
      { title, caption, form, roleItems, caseHref: `/cases/${caseId}`, breadcrumbs: [{ text: 'Home', href: '/' }, { text: caption, href: `/cases/${caseId}` }] },
      status,
    );
  }
}
