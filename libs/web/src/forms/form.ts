import { Type, ValidationPipe } from '@nestjs/common';
import { ConflictError, FieldProblem, InvalidInputError, StaleVersionError, validationPipeOptions } from '@mapwork/kernel';
import { fieldId, pointerOf, pointerSegments, valueAt } from './field-path';
import { FormValues, formValues, isBlankRow } from './form-input';

/** One line of the error summary, linked to its field. */
export interface FormError {
  pointer: string;
  href: string;
  text: string;
}

/** What a form template needs: the values as typed, and the errors by field and for the summary. */
export interface FormView {
  values: FormValues;
  errors: FormError[];
  /** the message shown at each field, by pointer */
  fieldErrors: Record<string, string>;
  /** a message about the whole form, such as someone else having changed the record first */
  notice: string | null;
  /** the values are what the user typed before their session ended */
  restored: boolean;
}

export interface FormDefinition<I extends object> {
  /** the DTO the API validates the same input with */
  dto: Type<I>;
  /** what the DTO validates, from the posted values (see form-input.ts) */
  input(values: FormValues): Record<string, unknown>;
  /**
   * Field labels by pointer, with list positions as an asterisk (every person's name is
   * `/people/<asterisk>/name`); a list's own label names its rows in messages ("Person 2: …").
   */
  labels: Record<string, string>;
  /** plainer messages for some broken rules, by pointer and rule, where the DTO's message is written for programmers */
  messages?: Record<string, Record<string, string>>;
  /** "add another" lists of the form, by pointer, with the empty row each adds (given the rows there are, to pick a fresh key) */
  lists?: Record<string, (rows: FormValues[]) => FormValues>;
  /**
   * Lists whose rows carry a hidden key that other fields refer to (a danger statement's
   * id, which safety goals tick), by list pointer: the key alone does not make a row worth saving.
   */
  rowKeys?: Record<string, string>;
  /**
   * Where errors of a DTO field that is not a form field of its own are shown, e.g.
   * `{ '/site': '/team' }`. Keys may name list positions with an asterisk, as `labels`
   * do; the target's asterisks take the positions of the error's pointer, in order.
   */
  errorsAt?: Record<string, string>;
}

export const STALE_NOTICE =
  'Someone else saved a change to this since you opened it. What you typed is below: check it against the case and save again to replace their change.';

type Action = { kind: 'save' } | { kind: 'add'; list: string } | { kind: 'remove'; list: string; index: number };

/**
 * A form whose post is validated by the same class-validator DTO as the API's JSON body,
 * with errors as the same `{pointer, rule, message}` problems, shown in the GOV.UK error
 * summary and at each field. "Add another" lists work without JavaScript: their buttons
 * post `_action=add:<list>` or `_action=remove:<list>/<index>` and the form comes back with
 * a row more or less.
 */
export class Form<I extends object> {
  private readonly pipe = new ValidationPipe(validationPipeOptions());

  constructor(private readonly def: FormDefinition<I>) {}

  /**
   * The form with its values and errors: one error per field (where several rules are
   * broken, the first of them in `messages` says it), in the order of the fields on the
   * page, which is the order of `labels`.
   */
  view(values: FormValues, problems: FieldProblem[] = [], options: { notice?: string | null; restored?: boolean } = {}): FormView {
    const byField = new Map<string, FieldProblem>();
    for (const p of problems) {
      const pointer = this.placeOf(p.pointer);
      const seen = byField.get(pointer);
      if (!seen || this.priority(p) < this.priority(seen)) byField.set(pointer, p);
    }
    const errors: FormError[] = [...byField]
      .map(([pointer, p]) => ({ pointer, href: `#${fieldId(pointer)}`, text: this.message(p, pointer) }))
      .sort((a, b) => compareOrder(this.order(a.pointer), this.order(b.pointer)));
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.pointer, e.text]));
    return { values, errors, fieldErrors, notice: options.notice ?? null, restored: options.restored ?? false };
  }

  /** Validates the values with the DTO: the validated input, or the problems. */
  async check(values: FormValues): Promise<{ input: I; problems?: undefined } | { problems: FieldProblem[] }> {
    try {
      return { input: (await this.pipe.transform(this.def.input(values), { type: 'body', metatype: this.def.dto })) as I };
    } catch (error) {
      if (error instanceof InvalidInputError) return { problems: error.problems };
      throw error;
    }
  }

  /**
   * Handles a post: an "add another" or "remove" button shows the form again with the
   * change; otherwise the values are validated and, if they pass, saved. Rule breaches
   * found by the service come back on their fields too, and a stale version or other
   * conflict keeps what was typed. `show` gets the HTTP status to answer with.
   */
  async submit<R>(
    body: unknown,
    steps: { save: (input: I, values: FormValues) => Promise<R>; show: (form: FormView, status: number) => R | Promise<R> },
  ): Promise<R> {
    const values = formValues(body);
    const action = this.action(body, values);
    if (action.kind === 'add') {
      const rows = valueAt(values, action.list) as FormValues[];
      rows.push(this.def.lists![action.list](rows));
      return steps.show(this.view(values), 200);
    }
    if (action.kind === 'remove') {
      (valueAt(values, action.list) as FormValues[]).splice(action.index, 1);
      return steps.show(this.view(values), 200);
    }
    for (const list of Object.keys(this.def.lists ?? {})) {
      const rows = valueAt(values, list);
      const key = this.def.rowKeys?.[list];
      const blank = (r: unknown) => isBlankRow(key && r && typeof r === 'object' ? { ...(r as FormValues), [key]: undefined } : r);
      if (Array.isArray(rows)) rows.splice(0, rows.length, ...rows.filter((r) => !blank(r)));
    }
    const checked = await this.check(values);
    if (checked.problems) return steps.show(this.view(values, checked.problems), 422);
    try {
      return await steps.save(checked.input, values);
    } catch (error) {
      if (error instanceof InvalidInputError) return steps.show(this.view(values, error.problems), 422);
      if (error instanceof StaleVersionError) {
        values.version = String(error.details.currentVersion);
        return steps.show(this.view(values, [], { notice: STALE_NOTICE }), 409);
      }
      if (error instanceof ConflictError) return steps.show(this.view(values, [], { notice: error.message }), 409);
      throw error;
    }
  }

  private action(body: unknown, values: FormValues): Action {
    const raw = (body as Record<string, unknown> | null)?._action;
    const m = typeof raw === 'string' ? /^(add|remove):(\/.*)$/.exec(raw) : null;
    if (!m) return { kind: 'save' };
    if (m[1] === 'add' && this.def.lists?.[m[2]]) {
      if (!Array.isArray(valueAt(values, m[2]))) setList(values, m[2]);
      return { kind: 'add', list: m[2] };
    }
    const segments = pointerSegments(m[2]);
    const list = pointerOf(...segments.slice(0, -1));
    const index = Number(segments.at(-1));
    const rows = valueAt(values, list);
    if (m[1] === 'remove' && this.def.lists?.[list] && Array.isArray(rows) && Number.isInteger(index) && index >= 0 && index < rows.length) {
      return { kind: 'remove', list, index };
    }
    return { kind: 'save' };
  }

  /** The field where an error at `pointer` is shown (see `errorsAt`). */
  private placeOf(pointer: string): string {
    const exact = this.def.errorsAt?.[pointer];
    if (exact) return exact;
    const target = this.def.errorsAt?.[patternOf(pointer)];
    if (!target) return pointer;
    const rows = pointer.match(/\/[0-9]+(?=\/|$)/g) ?? [];
    let i = 0;
    return target.replace(/\/\*(?=\/|$)/g, () => rows[i++] ?? '/0');
  }

  /** Which of several broken rules of one field is reported: the first with a message of the form's own. */
  private priority(p: FieldProblem): number {
    const rules = Object.keys(this.def.messages?.[patternOf(p.pointer)] ?? {});
    const i = rules.indexOf(p.rule);
    return i < 0 ? rules.length : i;
  }

  /** Where a field comes on the page: by the order of `labels`, list rows by their position. */
  private order(pointer: string): number[] {
    const keys = Object.keys(this.def.labels);
    const out: number[] = [];
    let pattern = '';
    for (const s of pointerSegments(pointer)) {
      const row = /^[0-9]+$/.test(s);
      pattern += row ? '/*' : `/${s}`;
      const at = keys.indexOf(pattern);
      out.push(row ? Number(s) : at < 0 ? keys.length : at);
    }
    return out;
  }

  /** The message of a problem shown at `shownAt`, prefixed with the row of that field ("Person 2: "). */
  private message(p: FieldProblem, shownAt: string): string {
    const pattern = patternOf(p.pointer);
    const segments = pointerSegments(p.pointer);
    const at = pointerSegments(shownAt);
    const row = rowOf(at);
    const rowLabel = row ? this.def.labels[patternOf(pointerOf(...at.slice(0, row.at)))] : undefined;
    const prefix = row && rowLabel ? `${rowLabel} ${row.index + 1}: ` : '';
    const custom = this.def.messages?.[pattern]?.[p.rule];
    if (custom) return prefix + custom;
    const label = this.def.labels[pattern];
    const property = segments.at(-1);
    const text = label && property && p.message.startsWith(`${property} `) ? label + p.message.slice(property.length) : p.message;
    return prefix + text.charAt(0).toUpperCase() + text.slice(1);
  }
}

/** A pointer with its list positions as `*`, as `labels` and `messages` name fields. */
function patternOf(pointer: string): string {
  return pointer.replace(/\/[0-9]+(?=\/|$)/g, '/*');
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The innermost list position in a pointer, if any. */
function rowOf(segments: string[]): { at: number; index: number } | null {
  for (let i = segments.length - 1; i > 0; i--) if (/^[0-9]+$/.test(segments[i])) return { at: i, index: Number(segments[i]) };
  return null;
}

function setList(values: FormValues, pointer: string): void {
  const segments = pointerSegments(pointer);
  let at: Record<string, unknown> = values;
  for (const s of segments.slice(0, -1)) at = (at[s] ??= {}) as Record<string, unknown>;
  at[segments.at(-1)!] = [];
}

export function defineForm<I extends object>(def: FormDefinition<I>): Form<I> {
  return new Form(def);
}
