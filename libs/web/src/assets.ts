import { readFileSync } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { fromRepoRoot } from '@mapwork/kernel';

/**
 * The pages' stylesheet and scripts, built by `npm run build:assets` into dist/assets
 * (scripts/build-assets.js). They are served under a path that names their version (a
 * hash of what they were built from), so browsers may cache them for a year.
 */
@Injectable()
export class WebAssets {
  readonly dir = fromRepoRoot('dist', 'assets');
  readonly version: string;
  /** where pages link them from, e.g. /assets/3f2a9c1d0b7e */
  readonly path: string;

  constructor() {
    try {
      this.version = readFileSync(`${this.dir}/version.txt`, 'utf8').trim().slice(0, 12);
    } catch {
      new Logger('WebAssets').warn(`${this.dir} has no built assets: run npm run build:assets (pages have no styles until then)`);
      this.version = 'unbuilt';
    }
    this.path = `/assets/${this.version}`;
  }
}
