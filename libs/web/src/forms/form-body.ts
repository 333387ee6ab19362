import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { urlencoded } from 'express';
import { InvalidInputError, decodeUtf8, formEncodedPairs, textProblems } from '@mapwork/kernel';
import { pointerOfFieldName } from './field-path';

/** Deep enough for a list of rows of a record (`nextSteps[3][owner]`), and no deeper. */
export const FORM_DEPTH = 5;
/** Fields in one form post: a long mapping with every list filled stays well inside. */
export const FORM_PARAMETERS = 10_000;

/** The field a place in the body belongs to, as well as its (possibly malformed) name allows. */
function pointerAt(text: string, index: number): string {
  const start = text.lastIndexOf('&', index - 1) + 1;
  const end = text.indexOf('=', start);
  const raw = text.slice(start, end < 0 || end > index ? index : end);
  try {
    return pointerOfFieldName(decodeURIComponent(raw.replace(/\+/g, ' ')));
  } catch {
    return '';
  }
}

/**
 * The bytes of a form body, before they are parsed: UTF-8 (what a browser sends for a
 * UTF-8 page), with percent-encoding that decodes to UTF-8. The parser would otherwise
 * turn a bad byte into U+FFFD and keep `%ff` as those three characters.
 */
function checkFormText(_req: Request, _res: Response, body: Buffer, encoding: string) {
  if (!/^utf-?8$/i.test(encoding)) {
    throw Object.assign(new Error('send forms as UTF-8'), { status: 415, expose: true, type: 'charset.unsupported' });
  }
  const { text, invalid } = decodeUtf8(body);
  if (invalid) throw InvalidInputError.single(pointerAt(text, invalid.index), 'utf-8', 'the form is not UTF-8');
  let at = 0;
  for (const pair of text.split('&')) {
    try {
      formEncodedPairs(pair);
    } catch {
      throw InvalidInputError.single(pointerAt(text, at), 'utf-8', 'a field’s percent-encoding is not UTF-8');
    }
    at += pair.length + 1;
  }
}

/**
 * Form bodies of pages, held to the API's edge rules for JSON: UTF-8, nested at most
 * FORM_DEPTH deep, and no U+0000 or unpaired surrogate in any name or value. A refusal
 * is a 422 naming the field by JSON Pointer; pages answer it with an error page.
 *
 * body-parser's extended parser allows list indexes up to the number of fields posted
 * (qs's default arrayLimit of 20 would turn people[21] into an object key); the forms'
 * own normalisation turns any list that arrives as an object back into a list.
 */
export function formBody(limit: string): RequestHandler {
  // body-parser 2 takes `depth` (refusing deeper names); the installed types predate it
  const options = { extended: true, depth: FORM_DEPTH, parameterLimit: FORM_PARAMETERS, limit, verify: checkFormText };
  const parse = urlencoded(options as Parameters<typeof urlencoded>[0]);
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'querystring.parse.rangeError') {
        return next(InvalidInputError.single('', 'maxDepth', `form fields may nest at most ${FORM_DEPTH} deep`));
      }
      if (error) return next(error);
      const problems = req.body !== null && typeof req.body === 'object' ? textProblems(req.body) : [];
      next(problems.length ? new InvalidInputError(problems, 'the form has text this server does not accept') : undefined);
    });
}
