import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** test/fixtures: reference case files, the reports they must produce, and files an import must reject. */
export const FIXTURES = join(__dirname, '..', 'fixtures');

export const fixturePath = (name: string) => join(FIXTURES, name);

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8'));
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** Each file of fixtures/invalid with the JSON Pointer and rule its rejection must name, from the table in its README. */
export function invalidFixtures(): Array<{ file: string; pointer: string; rule: string }> {
  const readme = readFileSync(fixturePath('invalid/README.md'), 'utf8');
  return [...readme.matchAll(/^\| `([^`]+\.json)` \| `([^`]+)` \| (.+) \|$/gm)].map((m) => ({ file: m[1], pointer: m[2], rule: m[3] }));
}

/** The four reference reports: which case file, scored with which options, must produce which report (fixtures/README.md). */
export const REFERENCE_REPORTS = [
  { file: 'edge-cases.casefile.json', report: 'edge-cases.fidelity.json', asOf: undefined, groupBy: undefined },
  { file: 'edge-cases.casefile.json', report: 'edge-cases.fidelity-2019-06-15.json', asOf: '2019-06-15T00:00:00Z', groupBy: undefined },
  { file: 'edge-cases.casefile.json', report: 'edge-cases.fidelity-by-team.json', asOf: undefined, groupBy: 'team' },
  { file: 'random-101.casefile.json', report: 'random-101.fidelity-by-team.json', asOf: undefined, groupBy: 'team' },
] as const;
