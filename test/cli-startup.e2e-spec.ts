import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from './support/fixtures';

/*
 * What the command line loads: help and the commands that read files must not start the
 * application (NestJS, TypeORM), and help must not even load the case-file validator.
 * Each module below records when it is first required; the last test shows the record
 * does fill up when a command opens the database.
 */
const mockLoaded: string[] = [];
jest.mock('@nestjs/core', () => (mockLoaded.push('@nestjs/core'), jest.requireActual('@nestjs/core')));
jest.mock('@nestjs/common', () => (mockLoaded.push('@nestjs/common'), jest.requireActual('@nestjs/common')));
jest.mock('typeorm', () => (mockLoaded.push('typeorm'), jest.requireActual('typeorm')));
jest.mock('ajv/dist/2020', () => (mockLoaded.push('ajv'), jest.requireActual('ajv/dist/2020')));

/** The CLI, loaded only when a test runs it (an import would load it before the record above exists). */
const cli = async (args: string[]) => (await import('./support/cli')).cli(args);

describe('commands that need no database start no application (e2e)', () => {
  it('--help loads neither NestJS, TypeORM nor the validator', async () => {
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['fidelity', '--help'])).code).toBe(0);
    expect(mockLoaded).toEqual([]);
  });

  it('fidelity --in and compare --in load the validator, and neither NestJS nor TypeORM', async () => {
    const file = fixturePath('edge-cases.casefile.json');
    for (const format of ['table', 'json', 'csv', 'html']) expect((await cli(['fidelity', '--in', file, '--format', format])).code).toBe(0);
    expect((await cli(['compare', '--in', file, '--group-by', 'team'])).code).toBe(0);
    expect((await cli(['compare', '--in', file, '--as-of', '2019-06-15T00:00:00Z', '--vs-as-of', '2020-03-31T12:00:00Z'])).code).toBe(0);
    expect(mockLoaded).toEqual(['ajv']);
  });

  it('a command that opens the database loads them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapwork-startup-'));
    try {
      expect(await cli(['migrate', '--database-url', `sqlite:${join(dir, 'mapwork.db')}`])).toMatchObject({ code: 0, out: 'migrations applied\n' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(mockLoaded).toEqual(expect.arrayContaining(['@nestjs/core', '@nestjs/common', 'typeorm']));
  });
});
