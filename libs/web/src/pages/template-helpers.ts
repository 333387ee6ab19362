import type { HelperDelegate, HelperOptions } from 'handlebars';
import { fieldId, fieldName, pointerBelow, valueAt } from '../forms/field-path';
import type { FormView } from '../forms/form';

/** Handlebars passes its options object last; these helpers want only the arguments. */
const args = (list: unknown[]) => list.slice(0, -1) as unknown[];

/**
 * Helpers every page may use, besides the project's `{{date}}` (templates.ts). Fields are named by JSON Pointer (`at="/people/0/name"`),
 * and these give each its id, posted name, value as typed and error message.
 */
export const PAGE_HELPERS: Record<string, HelperDelegate> = {
  eq: (a: unknown, b: unknown) => a === b,
  plus: (a: unknown, b: unknown) => Number(a) + Number(b),
  concat: (...list: unknown[]) => args(list).join(''),
  /** a pointer below another: (ptr "/people" @index "name") is /people/0/name */
  ptr: (...list: unknown[]) => {
    const [base, ...segments] = args(list) as [string, ...Array<string | number>];
    return pointerBelow(base, ...segments);
  },
  fieldId: (at: string) => fieldId(at),
  fieldName: (at: string) => fieldName(at),
  fieldValue: (form: FormView | undefined, at: string) => {
    const v = valueAt(form?.values, at);
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  },
  fieldError: (form: FormView | undefined, at: string) => form?.fieldErrors[at],
  /** ids of a radio or checkbox group's options: the first is the field's own id, so error links reach it (GOV.UK's convention) */
  optionId: (at: string, index: number) => (index === 0 ? fieldId(at) : `${fieldId(at)}-${index + 1}`),
  /** aria-describedby of a field: its hint, its error, its character count (`hint=true info=true`) */
  describedBy: (form: FormView | undefined, at: string, options: HelperOptions) => {
    const id = fieldId(at);
    const ids = [options.hash.hint ? `${id}-hint` : null, form?.fieldErrors[at] ? `${id}-error` : null, options.hash.info ? `${id}-info` : null];
    return ids.filter(Boolean).join(' ');
  },
  isChecked: (form: FormView | undefined, at: string, option: string) => {
    const v = valueAt(form?.values, at);
    return Array.isArray(v) ? v.includes(option) : v === option;
  },
  /** rows of a list field, for {{#each}} */
  fieldRows: (form: FormView | undefined, at: string) => {
    const v = valueAt(form?.values, at);
    return Array.isArray(v) ? v : [];
  },
};
