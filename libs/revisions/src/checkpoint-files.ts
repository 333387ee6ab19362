import { spawn } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CheckpointLine } from './checkpoint';

export interface ReadCheckpoints {
  path: string;
  exists: boolean;
  lines: Array<{ line: number; entry: CheckpointLine | null; error?: string }>;
}

/**
 * The checkpoint files outside the database: `CHECKPOINT_DIR/<database id>.jsonl`,
 * append-only, one MACed checkpoint a line, each line synced to disk before the
 * checkpoint's transaction commits. Optionally each line is also handed to
 * CHECKPOINT_COPY_COMMAND (on standard input) for an external store.
 */
@Injectable()
export class CheckpointFiles {
  private readonly logger = new Logger('Integrity');

  constructor(private readonly config: ConfigService) {}

  directory(): string {
    return resolve(this.config.get<string>('CHECKPOINT_DIR') ?? './data/checkpoints');
  }

  pathFor(databaseId: string, directory = this.directory()): string {
    return join(directory, `${databaseId}.jsonl`);
  }

  append(databaseId: string, entry: CheckpointLine): void {
    mkdirSync(this.directory(), { recursive: true, mode: 0o700 });
    const fd = openSync(this.pathFor(databaseId), 'a', 0o600);
    try {
      writeSync(fd, JSON.stringify(entry) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  read(databaseId: string, directory?: string): ReadCheckpoints {
    const path = this.pathFor(databaseId, directory);
    if (!existsSync(path)) return { path, exists: false, lines: [] };
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .map((text, i) => ({ text, line: i + 1 }))
      .filter(({ text }) => text.trim() !== '')
      .map(({ text, line }) => {
        try {
          return { line, entry: JSON.parse(text) as CheckpointLine };
        } catch {
          return { line, entry: null, error: 'not JSON' };
        }
      });
    return { path, exists: true, lines };
  }

  /** Hands the line to the copy command, if one is set; a failure is logged, never fatal. */
  copy(entry: CheckpointLine): void {
    const command = this.config.get<string>('CHECKPOINT_COPY_COMMAND');
    if (!command) return;
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'ignore', 'pipe'], env: { ...process.env, MAPWORK_CHECKPOINT_N: String(entry.n), MAPWORK_DATABASE_ID: entry.database } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()).slice(-2000));
    child.on('error', (e) => this.logger.warn(`checkpoint ${entry.n}: the copy command could not run: ${e.message}`));
    child.on('close', (code) => {
      if (code !== 0) this.logger.warn(`checkpoint ${entry.n}: the copy command exited with ${code}: ${stderr.trim()}`);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(entry) + '\n');
  }
}
