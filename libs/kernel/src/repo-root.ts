import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cached: string | undefined;

/**
 * The repository root (the folder with package.json and templates/), found by walking
 * up from this file, so ts-node, dist/ and Jest resolve templates/ and seeds/ alike.
 */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'nest-cli.json')) && existsSync(join(dir, 'package.json'))) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the repository root above ${__dirname}`);
    dir = parent;
  }
}

export function fromRepoRoot(...parts: string[]): string {
  return resolve(repoRoot(), ...parts);
}
