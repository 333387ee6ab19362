import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { InvalidInputError, textProblems } from '@mapwork/kernel';
import { FORM_DEPTH, FORM_PARAMETERS } from './form-body';

/** A file posted with a form (multipart/form-data), held in memory. */
export interface UploadedFormFile {
  fieldname: string;
  /** the name on the user's computer: untrusted text */
  originalname: string;
  /** the type the browser declared: untrusted */
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * What is used of multer, the parser @nestjs/platform-express itself uses for uploads
 * (installed with it; it ships no types of its own).
 */
type Multer = ((options: object) => { any(): RequestHandler }) & { memoryStorage(): unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multer = require('multer') as Multer;

/** An error the error pages (and the API's filter) already know: a body too large, or one that cannot be read. */
function bodyError(error: unknown): Error {
  const code = (error as { code?: unknown })?.code;
  const tooLarge = typeof code === 'string' && /^LIMIT_(FILE_SIZE|FIELD_VALUE|PART_COUNT|FILE_COUNT|FIELD_COUNT)$/.test(code);
  return Object.assign(new Error(tooLarge ? 'the form is larger than this server accepts' : 'the form cannot be read'), {
    status: tooLarge ? 413 : 400,
    expose: true,
    type: tooLarge ? 'entity.too.large' : 'entity.parse.failed.multipart',
  });
}

/**
 * Forms that send a file (`enctype="multipart/form-data"`): fields into `req.body` as the
 * urlencoded parser builds them (`data[summary]`), held to the same limits and edge rules
 * (no U+0000 or unpaired surrogate), and at most one file of at most `fileSize` bytes,
 * kept in memory, into `req.files`. Runs before the CSRF check, which needs the form's
 * token. Anything past the limits is refused whole, before any page code runs.
 */
export function multipartForms(fileSize: number): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { files: 1, fileSize, fields: FORM_PARAMETERS, parts: FORM_PARAMETERS + 1, fieldNestingDepth: FORM_DEPTH, fieldArrayIndexLimit: FORM_PARAMETERS },
  }).any();
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      if (error) return next(bodyError(error));
      const problems = req.body !== null && typeof req.body === 'object' ? textProblems(req.body) : [];
      next(problems.length ? new InvalidInputError(problems, 'the form has text this server does not accept') : undefined);
    });
}
