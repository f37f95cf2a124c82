// A plan from several documents (the linted one, then those it imports, in import order):
// lists are appended; a value set in two documents is a conflict, reported with both places, and the
// first one holds, so the rest of the plan is still checked.
import type { Span } from '../core/types';
import { NETWORK_LISTS } from '../domain/network-names';
import type { Conflict, KeyNames, Networks } from './types';

export class Merger {
  readonly conflicts: Conflict[] = [];

  /** The first value of a key that the parts may each set; every later one is a conflict. */
  one<T>(key: keyof KeyNames, values: readonly (T | undefined)[], spanOf: (value: T) => Span): T | undefined {
    let first: T | undefined;
    for (const value of values) {
      if (value === undefined) continue;
      if (first === undefined) first = value;
      else this.conflicts.push({ key, first: spanOf(first), second: spanOf(value) });
    }
    return first;
  }

  /** The networks of every part: each list and value from one part, the reserved ranges from all. */
  networks(parts: readonly Networks[]): Networks {
    const lists: Networks['lists'] = {};
    const keySpans: Networks['keySpans'] = {};
    for (const kind of NETWORK_LISTS) {
      const set = parts.filter((n) => n.keySpans[kind] !== undefined);
      const from = this.one(kind, set, (n) => n.keySpans[kind]!);
      if (from) {
        keySpans[kind] = from.keySpans[kind];
        if (from.lists[kind]) lists[kind] = from.lists[kind];
      }
    }
    const reserved = parts.filter((n) => n.keySpans.reserved !== undefined);
    if (reserved.length > 0) {
      keySpans.reserved = reserved[0].keySpans.reserved;
      const entries = reserved.flatMap((n) => n.lists.reserved ?? []);
      if (reserved.some((n) => n.lists.reserved)) lists.reserved = entries;
    }
    const value = <K extends 'nodeCidrMaskSize' | 'nodeCidrMaskSizeIPv6' | 'maxPods' | 'clusterDNS' | 'nodePortRange'>(key: K): Networks[K] =>
      this.one<Networks[K]>(
        key,
        parts.map((n) => n[key]),
        (v) => v!.span,
      );
    return {
      keySpan: parts.find((n) => n.keySpan)?.keySpan,
      lists,
      keySpans,
      entries: [...(lists.nodes ?? []), ...(lists.pods ?? []), ...(lists.services ?? []), ...(lists.trusted ?? []), ...(lists.reserved ?? [])],
      nodeCidrMaskSize: value('nodeCidrMaskSize'),
      nodeCidrMaskSizeIPv6: value('nodeCidrMaskSizeIPv6'),
      maxPods: value('maxPods'),
      clusterDNS: value('clusterDNS'),
      nodePortRange: value('nodePortRange'),
    };
  }
}
