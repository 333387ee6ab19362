import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { chain } from 'stream-chain';
import { parser } from 'stream-json';
import { ignore } from 'stream-json/filters/Ignore';
import { pick } from 'stream-json/filters/Pick';
import { streamArray } from 'stream-json/streamers/StreamArray';
import { streamValues } from 'stream-json/streamers/StreamValues';

/** Something the file can be read from more than once: a path, or the bytes themselves. */
export type CaseFileSource = { path: string } | { bytes: Buffer };

export class MalformedJsonError extends Error {}

function open(source: CaseFileSource): Readable {
  return 'path' in source ? createReadStream(source.path) : Readable.from([source.bytes]);
}

/**
 * The file's own fields with `cases` emptied (an array stays an array), read without
 * holding the cases in memory.
 */
export async function readHeader(source: CaseFileSource): Promise<Record<string, unknown>> {
  const values: unknown[] = [];
  const pipeline = chain([open(source), parser(), ignore({ filter: /^cases\.\d+/ }), streamValues()]);
  try {
    for await (const item of pipeline as AsyncIterable<{ value: unknown }>) values.push(item.value);
  } catch (e) {
    throw new MalformedJsonError(`the file is not valid JSON: ${(e as Error).message}`);
  }
  if (values.length !== 1 || !values[0] || typeof values[0] !== 'object' || Array.isArray(values[0])) {
    throw new MalformedJsonError('a case file is one JSON object');
  }
  return values[0] as Record<string, unknown>;
}

/** The cases of a file one at a time, with their index; memory stays bounded by one case. */
export async function* readCases(source: CaseFileSource): AsyncGenerator<{ index: number; value: unknown }> {
  const pipeline = chain([open(source), parser(), pick({ filter: /^cases$/ }), streamArray()]);
  try {
    for await (const item of pipeline as AsyncIterable<{ key: number; value: unknown }>) yield { index: item.key, value: item.value };
  } catch (e) {
    throw new MalformedJsonError(`the file is not valid JSON: ${(e as Error).message}`);
  }
}
