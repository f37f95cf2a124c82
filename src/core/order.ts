// One order for strings everywhere a report is sorted: code points, not the locale's collation, so the
// same inputs give the same report bytes on every machine.

/** Code-point order without allocating: UTF-16 order except that an astral character sorts above U+E000-U+FFFF. */
export function byCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogateX = x >= 0xd800 && x <= 0xdfff;
    const surrogateY = y >= 0xd800 && y <= 0xdfff;
    return surrogateX === surrogateY ? x - y : surrogateX ? 1 : -1;
  }
  return a.length - b.length;
}
