// How far one call raises the process's resident memory at its peak. Linux lets a process reset its
// high-water mark (writing 5 to /proc/self/clear_refs), so the peak is the call's own; elsewhere only the
// process's lifetime peak is known, an upper bound.
import { readFileSync, writeFileSync } from 'node:fs';

const MB = 2 ** 20;

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak resident memory in bytes since the last reset (or ever). */
function peakRss(reset: boolean): number {
  if (reset) {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  }
  return process.resourceUsage().maxRSS * 1024;
}

export interface Measured<T> {
  value: T;
  /** The peak resident memory during the call, in MB. */
  peakMB: number;
  /** How much the call raised it above the memory in use when it began, in MB. */
  grewMB: number;
}

export function measurePeak<T>(call: () => T): Measured<T> {
  (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc, the garbage of earlier calls is not counted
  const before = process.memoryUsage().rss;
  const reset = resetPeak();
  const value = call();
  const peak = Math.max(peakRss(reset), process.memoryUsage().rss);
  return { value, peakMB: peak / MB, grewMB: (peak - before) / MB };
}
