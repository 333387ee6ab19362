import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('./build.js') as {
  STEPS: Array<{ name: string; inputs: string[]; ignore: (path: string) => boolean }>;
  listFiles(root: string, entries: string[], ignore?: (path: string) => boolean): string[];
  digestOf(files: Array<{ path: string; content: Buffer }>, commands: string[][]): string;
  staleSteps(steps: Array<{ name: string }>, state: { recorded: Record<string, string>; digests: Record<string, string>; outputsPresent: Record<string, boolean> }): string[];
};

describe('the build: which steps are stale', () => {
  const steps = [{ name: 'code' }, { name: 'styles' }];
  const built = { recorded: { code: 'a', styles: 'b' }, digests: { code: 'a', styles: 'b' }, outputsPresent: { code: true, styles: true } };

  it('runs nothing when every digest is the recorded one and every output is there', () => {
    expect(build.staleSteps(steps, built)).toEqual([]);
  });
  it('runs every step that never ran here', () => {
    expect(build.staleSteps(steps, { ...built, recorded: {} })).toEqual(['code', 'styles']);
  });
  it('runs only the step whose inputs changed', () => {
    expect(build.staleSteps(steps, { ...built, digests: { code: 'a', styles: 'c' } })).toEqual(['styles']);
  });
  it('runs a step whose outputs are gone, though its inputs did not change', () => {
    expect(build.staleSteps(steps, { ...built, outputsPresent: { code: false, styles: true } })).toEqual(['code']);
  });
});

describe('the build: digests of inputs', () => {
  const file = (path: string, text: string) => ({ path, content: Buffer.from(text) });
  const commands = [['tsc', '-p', 'tsconfig.build.json']];
  const base = build.digestOf([file('a.ts', 'one'), file('b/c.ts', 'two')], commands);

  it('depends on paths, bytes and commands, not on the order files are listed in', () => {
    expect(build.digestOf([file('b/c.ts', 'two'), file('a.ts', 'one')], commands)).toBe(base);
    expect(build.digestOf([file('a.ts', 'one'), file('b/c.ts', 'twO')], commands)).not.toBe(base);
    expect(build.digestOf([file('a.ts', 'one'), file('b/d.ts', 'two')], commands)).not.toBe(base);
    expect(build.digestOf([file('a.ts', 'one')], commands)).not.toBe(base);
    expect(build.digestOf([file('a.ts', 'one'), file('b/c.ts', 'two')], [['tsc', '-p', 'tsconfig.json']])).not.toBe(base);
    // the boundary between path and content is part of the digest
    expect(build.digestOf([file('ab', 'c')], commands)).not.toBe(build.digestOf([file('a', 'bc')], commands));
  });

  it('sees a change that keeps the size and the modification time (a pull, a checkout)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapwork-build-'));
    try {
      mkdirSync(join(dir, 'src', 'node_modules'), { recursive: true });
      writeFileSync(join(dir, 'src', 'x.ts'), 'export const x = 1;');
      writeFileSync(join(dir, 'src', 'x.spec.ts'), 'test');
      writeFileSync(join(dir, 'src', 'node_modules', 'dep.js'), 'dep');
      writeFileSync(join(dir, 'tsconfig.json'), '{}');
      const ignore = (p: string) => p.endsWith('.spec.ts');
      const digest = () => {
        const files = build.listFiles(dir, ['src', 'tsconfig.json', 'absent'], ignore);
        return { files, digest: build.digestOf(files.map((p) => ({ path: p, content: readFileSync(join(dir, p)) })), commands) };
      };
      const before = digest();
      expect(before.files).toEqual([join('src', 'x.ts'), 'tsconfig.json']);
      const { atime, mtime } = statSync(join(dir, 'src', 'x.ts'));
      writeFileSync(join(dir, 'src', 'x.ts'), 'export const x = 2;');
      utimesSync(join(dir, 'src', 'x.ts'), atime, mtime);
      expect(digest().digest).not.toBe(before.digest);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the compiled sources, the schema and the dependency lock as inputs of the code, and not the tests', () => {
    const step = build.STEPS.find((s) => s.name === 'code')!;
    const files = build.listFiles(join(__dirname, '..'), step.inputs, step.ignore);
    expect(files).toEqual(expect.arrayContaining([join('apps', 'cli', 'src', 'main.ts'), join('libs', 'casefile', 'src', 'schema', 'casefile.schema.json'), 'package-lock.json', 'tsconfig.build.json']));
    expect(files.filter((f) => f.endsWith('.spec.ts'))).toEqual([]);
    // a stylesheet change rebuilds the assets, not the code
    expect(files.filter((f) => f.startsWith(join('libs', 'web', 'assets')))).toEqual([]);
  });

  it('takes the pages’ Sass and scripts, GOV.UK Frontend’s version and the asset script as inputs of the assets', () => {
    const step = build.STEPS.find((s) => s.name === 'assets')!;
    const files = build.listFiles(join(__dirname, '..'), step.inputs, step.ignore);
    expect(files).toEqual(
      expect.arrayContaining([join('libs', 'web', 'assets', 'application.scss'), join('libs', 'web', 'assets', 'application.js'), join('node_modules', 'govuk-frontend', 'package.json'), join('scripts', 'build-assets.js')]),
    );
  });
});
