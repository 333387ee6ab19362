import { ConflictError, InvalidInputError, StaleVersionError } from '@mapwork/kernel';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { IsCalendarDate } from '@mapwork/kernel';
import { choice, date, int, list, text } from './form-input';
import { STALE_NOTICE, defineForm } from './form';

class ChildDto {
  @IsIn(['child', 'parent']) role!: string;
  @IsOptional() @IsString() @Length(1, 20) name?: string | null;
}
class CaseDto {
  @IsString() @Length(1, 10) ref!: string;
  @IsOptional() @IsCalendarDate() openedOn?: string | null;
  @IsOptional() @IsInt() version?: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ChildDto) people!: ChildDto[];
}

const form = defineForm({
  dto: CaseDto,
  input: (v) => ({ ref: text(v.ref), openedOn: date(v.openedOn), version: int(v.version), people: list(v.people, (r) => ({ role: choice(r.role), name: text(r.name) })) }),
  labels: { '/ref': 'Case reference', '/openedOn': 'Date opened', '/people': 'Person', '/people/*/role': 'Role', '/people/*/name': 'Full name' },
  messages: { '/ref': { isString: 'Enter the case reference', isLength: 'Case reference must be 10 characters or fewer' }, '/people/*/role': { isIn: 'Select a role' } },
  lists: { '/people': () => ({ role: '', name: '' }) },
});

type Shown = { shown: ReturnType<typeof form.view>; status: number };
const show = (f: ReturnType<typeof form.view>, status: number): Shown => ({ shown: f, status });

describe('forms validated by the API’s DTO', () => {
  it('reports each broken field once, in the order of the page, linked to its field, in plain words', async () => {
    const saved: unknown[] = [];
    const out = await form.submit<Shown | 'saved'>(
      { _csrf: 'x', ref: '', openedOn: { day: '30', month: '2', year: '2020' }, people: [{ role: 'x', name: 'a'.repeat(30) }, { role: '', name: '' }] },
      { show, save: async (input) => (saved.push(input), 'saved') },
    );
    expect(saved).toEqual([]);
    const { shown, status } = out as Shown;
    expect(status).toBe(422);
    expect(shown.errors).toEqual([
      { pointer: '/ref', href: '#ref', text: 'Enter the case reference' },
      { pointer: '/openedOn', href: '#openedOn', text: 'Date opened must be a real calendar date YYYY-MM-DD' },
      { pointer: '/people/0/role', href: '#people-0-role', text: 'Person 1: Select a role' },
      { pointer: '/people/0/name', href: '#people-0-name', text: 'Person 1: Full name must be shorter than or equal to 20 characters' },
    ]);
    // the blank second row was dropped before validating; what was typed comes back
    expect(shown.values).toEqual({ ref: '', openedOn: { day: '30', month: '2', year: '2020' }, people: [{ role: 'x', name: 'a'.repeat(30) }] });
    expect(shown.fieldErrors['/people/0/role']).toBe('Person 1: Select a role');
  });

  it('saves validated input, and shows rule breaches the service finds on their fields', async () => {
    const ok = await form.submit<Shown | object>({ ref: 'R1', people: [{ role: 'child', name: 'Ellie' }] }, { show, save: async (input) => input });
    expect(ok).toEqual({ ref: 'R1', openedOn: null, people: [{ role: 'child', name: 'Ellie' }] });
    expect(ok).toBeInstanceOf(CaseDto);
    const taken = (await form.submit<Shown>({ ref: 'R1', people: [] }, {
      show,
      save: async () => {
        throw InvalidInputError.single('/ref', 'uniqueInSite', 'site S1 already has a case R1');
      },
    })) as Shown;
    expect(taken.shown.errors).toEqual([{ pointer: '/ref', href: '#ref', text: 'Site S1 already has a case R1' }]);
  });

  it('keeps what was typed when someone else changed the record first, based on their version', async () => {
    const out = (await form.submit<Shown>({ ref: 'R1', version: '3', people: [] }, {
      show,
      save: async () => {
        throw new StaleVersionError(3, 4, {});
      },
    })) as Shown;
    expect(out.status).toBe(409);
    expect(out.shown.notice).toBe(STALE_NOTICE);
    expect(out.shown.values).toMatchObject({ ref: 'R1', version: '4' });
    const conflict = (await form.submit<Shown>({ ref: 'R1', people: [] }, {
      show,
      save: async () => {
        throw new ConflictError('person p1 is named by records');
      },
    })) as Shown;
    expect(conflict.shown.notice).toBe('person p1 is named by records');
  });

  it('adds and removes "add another" rows without saving; unknown lists and rows are a save', async () => {
    const never = async (): Promise<Shown> => {
      throw new Error('must not save');
    };
    const added = (await form.submit<Shown>({ ref: 'R', people: [{ role: 'child', name: 'A' }], _action: 'add:/people' }, { show, save: never })) as Shown;
    expect(added.status).toBe(200);
    expect(added.shown.values.people).toEqual([{ role: 'child', name: 'A' }, { role: '', name: '' }]);
    const first = (await form.submit<Shown>({ ref: 'R', _action: 'add:/people' }, { show, save: never })) as Shown;
    expect(first.shown.values.people).toEqual([{ role: '', name: '' }]);
    const removed = (await form.submit<Shown>({ people: [{ name: 'A' }, { name: 'B' }], _action: 'remove:/people/0' }, { show, save: never })) as Shown;
    expect(removed.shown.values.people).toEqual([{ name: 'B' }]);
    const saves: string[] = [];
    for (const action of ['add:/ref', 'remove:/people/9', 'remove:/ref/0', 'nonsense']) {
      await form.submit<Shown | number>({ ref: 'R', people: [{ role: 'child' }], _action: action }, { show, save: async () => saves.push(action) });
    }
    expect(saves).toEqual(['add:/ref', 'remove:/people/9', 'remove:/ref/0', 'nonsense']);
  });
});

describe('lists whose rows others refer to', () => {
  class GoalDto {
    @IsString() @Length(1, 9) id!: string;
    @IsString() text!: string;
    @IsArray() @IsString({ each: true }) @Length(1, 3, { each: true }) addresses!: string[];
  }
  class MapDto {
    @IsArray() @ValidateNested({ each: true }) @Type(() => GoalDto) goals!: GoalDto[];
  }
  const nextId = (rows: Record<string, unknown>[]) => `g${rows.length + 1}`;
  const goals = defineForm({
    dto: MapDto,
    input: (v) => ({ goals: list(v.goals, (r) => ({ id: r.id, text: text(r.text), addresses: r.addresses ?? [] })) }),
    labels: { '/goals': 'Goal', '/goals/*/text': 'Goal', '/goals/*/addresses': 'Statements it addresses' },
    lists: { '/goals': (rows) => ({ id: nextId(rows), text: '' }) },
    rowKeys: { '/goals': 'id' },
    errorsAt: { '/goals/*/id': '/goals/*/text', '/goals/*/addresses/*': '/goals/*/addresses' },
  });

  it('gives a new row a key from the rows there are, drops rows with nothing but their key, and shows errors of positions on their field', async () => {
    const added = (await goals.submit<Shown>({ goals: [{ id: 'g1', text: 'A' }], _action: 'add:/goals' }, { show, save: async () => { throw new Error('must not save'); } })) as Shown;
    expect(added.shown.values.goals).toEqual([{ id: 'g1', text: 'A' }, { id: 'g2', text: '' }]);
    const saved = await goals.submit<Shown | object>({ goals: [{ id: 'g1', text: 'A', addresses: ['d1'] }, { id: 'g2', text: ' ' }] }, { show, save: async (input) => input });
    expect(saved).toEqual({ goals: [{ id: 'g1', text: 'A', addresses: ['d1'] }] });
    const bad = (await goals.submit<Shown>({ goals: [{ id: 'g1', text: 'A' }, { id: '', text: 'B', addresses: ['d1', 'dddd'] }] }, { show, save: async () => { throw new Error('must not save'); } })) as Shown;
    expect(bad.shown.errors.map((e) => [e.pointer, e.href, e.text])).toEqual([
      ['/goals/1/text', '#goals-1-text', 'Goal 2: Id must be longer than or equal to 1 characters'],
      ['/goals/1/addresses', '#goals-1-addresses', 'Goal 2: Each value in addresses must be longer than or equal to 1 and shorter than or equal to 3 characters'],
    ]);
  });
});
