/**
 * Field-level differences between two states of a record, and their application.
 * Lists whose items all carry a unique string `id` (danger statements, safety goals)
 * are matched by id, so editing one statement shows as one change, not a cascade of
 * shifted positions; other lists are compared position by position.
 */
export type PathSegment = string | number | { id: string };

export type StateChange =
  | { op: 'added'; path: string; segments: PathSegment[]; value: unknown; index?: number }
  | { op: 'removed'; path: string; segments: PathSegment[]; oldValue: unknown }
  | { op: 'changed'; path: string; segments: PathSegment[]; oldValue: unknown; newValue: unknown }
  | { op: 'reordered'; path: string; segments: PathSegment[]; order: string[] };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own key with a value: `in` would also see Object.prototype (`toString`, `constructor`). */
function has(o: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(o, key) && o[key] !== undefined;
}

/** Sets an own property even for `__proto__`, which plain assignment would treat as the prototype. */
function setOwn(o: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

export function renderPath(segments: PathSegment[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string') out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
    else out += `[id=${JSON.stringify(s.id)}]`;
  }
  return out;
}

function idsOf(list: unknown[]): string[] | null {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    if (!isObject(item) || typeof item.id !== 'string' || seen.has(item.id)) return null;
    seen.add(item.id);
    ids.push(item.id);
  }
  return ids;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => has(b, k) && sameJson(a[k], b[k]));
  }
  return false;
}

/** The changes that turn `before` into `after`; empty when they are the same JSON value. */
export function diffStates(before: unknown, after: unknown): StateChange[] {
  const out: StateChange[] = [];
  walk(before, after, [], out);
  return out;
}

function walk(a: unknown, b: unknown, at: PathSegment[], out: StateChange[]): void {
  if (sameJson(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) {
      if (a[key] === undefined) continue;
      if (!has(b, key)) {
        out.push({ op: 'removed', path: renderPath([...at, key]), segments: [...at, key], oldValue: a[key] });
      }
    }
    for (const key of Object.keys(b)) {
      if (b[key] === undefined) continue;
      const path = [...at, key];
      if (!has(a, key)) out.push({ op: 'added', path: renderPath(path), segments: path, value: b[key] });
      else walk(a[key], b[key], path, out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const aIds = idsOf(a);
    const bIds = idsOf(b);
    if (aIds && bIds && (aIds.length > 0 || bIds.length > 0)) walkById(a, b, aIds, bIds, at, out);
    else walkByPosition(a, b, at, out);
    return;
  }
  out.push({ op: 'changed', path: renderPath(at), segments: at, oldValue: a, newValue: b });
}

function walkById(a: unknown[], b: unknown[], aIds: string[], bIds: string[], at: PathSegment[], out: StateChange[]) {
  const inB = new Map(bIds.map((id, i) => [id, i]));
  const inA = new Map(aIds.map((id, i) => [id, i]));
  aIds.forEach((id, i) => {
    if (!inB.has(id)) out.push({ op: 'removed', path: renderPath([...at, { id }]), segments: [...at, { id }], oldValue: a[i] });
  });
  aIds.forEach((id, i) => {
    const j = inB.get(id);
    if (j !== undefined) walk(a[i], b[j], [...at, { id }], out);
  });
  const commonInA = aIds.filter((id) => inB.has(id));
  const commonInB = bIds.filter((id) => inA.has(id));
  if (commonInA.some((id, i) => id !== commonInB[i])) {
    out.push({ op: 'reordered', path: renderPath(at), segments: at, order: commonInB });
  }
  bIds.forEach((id, j) => {
    if (!inA.has(id)) out.push({ op: 'added', path: renderPath([...at, { id }]), segments: [...at, { id }], value: b[j], index: j });
  });
}

function walkByPosition(a: unknown[], b: unknown[], at: PathSegment[], out: StateChange[]) {
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) walk(a[i], b[i], [...at, i], out);
  for (let i = a.length - 1; i >= b.length; i--) {
    out.push({ op: 'removed', path: renderPath([...at, i]), segments: [...at, i], oldValue: a[i] });
  }
  for (let i = a.length; i < b.length; i++) {
    out.push({ op: 'added', path: renderPath([...at, i]), segments: [...at, i], value: b[i], index: i });
  }
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function locate(container: unknown, seg: PathSegment): { parent: unknown; index: number | string } {
  if (typeof seg === 'object') {
    if (!Array.isArray(container)) throw new Error('diff does not fit: expected a list');
    const index = container.findIndex((item) => isObject(item) && item.id === seg.id);
    return { parent: container, index };
  }
  return { parent: container, index: seg };
}

function resolve(root: { value: unknown }, segments: PathSegment[]): unknown {
  let node: unknown = root.value;
  for (const seg of segments) {
    const { parent, index } = locate(node, seg);
    if (index === -1) throw new Error(`diff does not fit: no item ${renderPath(segments)}`);
    node = Object.hasOwn(parent as object, index) ? (parent as Record<string | number, unknown>)[index] : undefined;
  }
  return node;
}

/** Applies changes produced by `diffStates(before, after)` to `before`, giving `after`. */
export function applyChanges<T = unknown>(before: T, changes: StateChange[]): T {
  const root = { value: clone(before) as unknown };
  for (const change of changes) {
    if (change.segments.length === 0) {
      if (change.op !== 'changed') throw new Error('diff does not fit: whole-state change must be "changed"');
      root.value = clone(change.newValue);
      continue;
    }
    const parentPath = change.segments.slice(0, -1);
    const last = change.segments[change.segments.length - 1];
    const container = resolve(root, parentPath) as Record<string | number, unknown>;
    switch (change.op) {
      case 'changed': {
        const { index } = locate(container, last);
        setOwn(container, index, clone(change.newValue));
        break;
      }
      case 'removed': {
        const { index } = locate(container, last);
        if (Array.isArray(container)) container.splice(index as number, 1);
        else delete container[index];
        break;
      }
      case 'added': {
        if (Array.isArray(container)) container.splice(change.index ?? container.length, 0, clone(change.value));
        else setOwn(container, last as string, clone(change.value));
        break;
      }
      case 'reordered': {
        const list = resolve(root, change.segments) as Array<{ id: string }>;
        const rank = new Map(change.order.map((id, i) => [id, i]));
        list.sort((x, y) => (rank.get(x.id) ?? 0) - (rank.get(y.id) ?? 0));
        break;
      }
    }
  }
  return root.value as T;
}

export type { Json };
