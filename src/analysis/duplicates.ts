// Duplicate detection by key in one pass (a Map, never all pairs).

/** For each item whose key was seen before, the item and the first item with that key. */
export function findDuplicates<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined): { first: T; duplicate: T }[] {
  const firsts = new Map<string, T>();
  const out: { first: T; duplicate: T }[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const first = firsts.get(key);
    if (first === undefined) firsts.set(key, item);
    else out.push({ first, duplicate: item });
  }
  return out;
}
