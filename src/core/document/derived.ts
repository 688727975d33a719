// Values derived from a parsed document (its conf, the rules' indexes), computed once and kept on
// the document itself. Not in a WeakMap keyed by the document: V8's young-generation GC keeps a
// WeakMap's values alive while their key is young, so every linted document (10,000 entries and
// their index) was promoted to the old generation; measured, that tripled the lint of a
// 10,000-line file in a loop. Kept on the document, they die with it in the next scavenge.

/** A named kind of derived value; one per cache, so two caches never share a slot. */
export interface DerivedKey<T> {
  readonly name: string;
  /** Only for typing: never set. */
  readonly __type?: T;
}

export function derivedKey<T>(name: string): DerivedKey<T> {
  return { name };
}

const SLOT = Symbol('spark-memory.derived');

interface WithDerived {
  [SLOT]?: Map<DerivedKey<unknown>, unknown>;
}

/** `compute()` once per document and key. */
export function derived<T>(doc: object, key: DerivedKey<T>, compute: () => T): T {
  const holder = doc as WithDerived;
  let m = holder[SLOT];
  if (m === undefined) {
    m = new Map();
    // Not enumerable: documents are compared and serialised in tests and messages.
    Object.defineProperty(holder, SLOT, { value: m, enumerable: false, writable: false });
  }
  if (m.has(key)) return m.get(key) as T;
  const v = compute();
  m.set(key, v);
  return v;
}
