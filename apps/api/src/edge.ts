import { NextFunction, Request, RequestHandler, Response, json } from 'express';
import { FieldProblem, InvalidInputError, MAX_JSON_DEPTH, decodeUtf8, formEncodedPairs, plainTextProblem, pointerSegment, scanJsonText, textProblems } from '@mapwork/kernel';

/**
 * The checks every request passes before routing, validation or a database sees it:
 * the path and query are well-formed percent-encoded UTF-8 (a URIError, which the
 * problem filter answers 400) with no U+0000; a JSON body is UTF-8, nests at most
 * MAX_JSON_DEPTH deep (checked on the text, before JSON.parse and before anything
 * walks the value recursively) and has no U+0000 or unpaired surrogate in any string
 * or property name. Each refusal is a 422 naming where, by JSON Pointer: `/path`,
 * `/query/<name>`, or the place in the body.
 */

/** Path and query: refused before any router decodes them. */
export function checkUrl(req: Request, _res: Response, next: NextFunction) {
  const url = req.originalUrl;
  const mark = url.indexOf('?');
  const problems: FieldProblem[] = [];
  for (const segment of (mark < 0 ? url : url.slice(0, mark)).split('/')) {
    const problem = plainTextProblem(decodeURIComponent(segment), '/path');
    if (problem) problems.push(problem);
  }
  if (mark >= 0) {
    for (const [name, value] of formEncodedPairs(url.slice(mark + 1))) {
      const pointer = `/query/${pointerSegment(name)}`;
      const problem = plainTextProblem(name, pointer) ?? plainTextProblem(value, pointer);
      if (problem) problems.push(problem);
    }
  }
  next(problems.length ? new InvalidInputError(problems, 'the URL has characters this server does not accept') : undefined);
}

/** What the body's bytes must be before JSON.parse: called by the JSON parser with the raw body. */
function checkJsonText(_req: Request, _res: Response, body: Buffer, encoding: string) {
  if (!/^utf-?8$/i.test(encoding)) {
    throw Object.assign(new Error('send JSON as UTF-8 (RFC 8259)'), { status: 415, expose: true, type: 'charset.unsupported' });
  }
  const { text, invalid } = decodeUtf8(body);
  if (invalid) {
    const pointer = scanJsonText(text, { stopAt: invalid.index })?.pointer ?? '';
    throw InvalidInputError.single(pointer, 'utf-8', `the body is not UTF-8 at byte ${invalid.byte}`);
  }
  const tooDeep = scanJsonText(text, { maxDepth: MAX_JSON_DEPTH });
  if (tooDeep) throw InvalidInputError.single(tooDeep.pointer, 'maxDepth', `JSON may nest arrays and objects at most ${MAX_JSON_DEPTH} deep`);
}

/** JSON bodies: parsed by body-parser after the checks on their text, then their strings checked. */
export function jsonBody(limit: string): RequestHandler {
  const parse = json({ limit, type: ['application/json', 'application/*+json'], verify: checkJsonText });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (error) return next(error);
      const problems = req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body) ? textProblems(req.body) : [];
      next(problems.length ? new InvalidInputError(problems, 'the body has text this server does not accept') : undefined);
    });
}
