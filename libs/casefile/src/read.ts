import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parser } from 'stream-json';
import { ignore } from 'stream-json/filters/Ignore';
import { pick } from 'stream-json/filters/Pick';
import { streamArray } from 'stream-json/streamers/StreamArray';
import { streamValues } from 'stream-json/streamers/StreamValues';

/** Something the file can be read from more than once: a path, or the bytes themselves. */
export type CaseFileSource = { path: string } | { bytes: Buffer };

export class MalformedJsonError extends Error {}

function open(source: CaseFileSource): Readable {
  return 'path' in source ? createReadStream(source.path, { highWaterMark: 256 * 1024 }) : Readable.from([source.bytes]);
}

/**
 * Reads a case file in one streaming pass (stream-json): `onCase` receives each element
 * of `cases` as soon as it is complete (and may be async: reading waits for it), and the
 * promise resolves to the file's own fields, with `cases` emptied if it is an array.
 * One token stream feeds both, so memory stays bounded by one case, whatever the size
 * of the file.
 */
export async function scanCaseFile(source: CaseFileSource, onCase: (value: unknown, index: number) => void | Promise<void>): Promise<Record<string, unknown>> {
  const input = open(source);
  const tokens = input.pipe(parser({ streamValues: false }));
  const headerValues: unknown[] = [];
  const header = tokens.pipe(ignore({ filter: /^cases\.\d+/ })).pipe(streamValues());
  header.on('data', ({ value }: { value: unknown }) => headerValues.push(value));
  const headerDone = new Promise<void>((resolve, reject) => {
    header.on('end', resolve);
    header.on('error', reject);
    tokens.on('error', reject);
  });
  headerDone.catch(() => undefined); // awaited below; never an unhandled rejection
  const cases = tokens.pipe(pick({ filter: /^cases$/ })).pipe(streamArray());
  // an error on either branch ends the other: a malformed file must not hang the reader
  tokens.on('error', (e) => cases.destroy(e));
  header.on('error', (e) => cases.destroy(e));

  let parseError: unknown;
  try {
    for await (const item of cases as AsyncIterable<{ key: number; value: unknown }>) {
      try {
        await onCase(item.value, item.key);
      } catch (e) {
        input.destroy();
        throw Object.assign(new Error('onCase'), { fromCase: e });
      }
    }
  } catch (e) {
    const fromCase = (e as { fromCase?: unknown }).fromCase;
    if (fromCase !== undefined) throw fromCase;
    // a `cases` that is not an array is the header check's to report
    if (!/should be an array/i.test((e as Error).message)) parseError = e;
    else tokens.resume();
  }
  if (!parseError) await headerDone.catch((e) => (parseError = e));
  if (parseError) throw new MalformedJsonError(`the file is not valid JSON: ${(parseError as Error).message}`);
  const top = headerValues[0];
  if (headerValues.length !== 1 || !top || typeof top !== 'object' || Array.isArray(top)) throw new MalformedJsonError('a case file is one JSON object');
  return top as Record<string, unknown>;
}
