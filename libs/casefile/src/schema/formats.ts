import { fullFormats } from 'ajv-formats/dist/formats';
import { isCalendarDate, isInstant } from '@mapwork/kernel/time';

const dateTime = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;

/**
 * The formats the case-file schema asserts, judged as ajv-formats (full mode) judges
 * them, by the kernel's own checks where the text has the format's shape: ajv-formats'
 * `date` is exactly isCalendarDate, and its `date-time` holds for every instant of the
 * format (isInstant, much quicker), so only other text reaches it. A module of its own:
 * the precompiled validators require it (see validators.ts).
 */
export const caseFileFormats = {
  date: isCalendarDate,
  'date-time': (s: string) => isInstant(s) || dateTime(s),
};
