// A plan from several documents (the linted one, then those it imports, in import order):
// lists are appended; a value set in two documents to different values is a conflict, reported with
// both places, and the first one holds, so the rest of the plan is still checked. Documents that agree
// (every k3s server repeating the cluster CIDR) do not conflict.
import type { Span } from '../core/types';
import { NETWORK_LISTS } from '../domain/network-names';
import type { Conflict, KeyNames, Networks } from './types';

export class Merger {
  readonly conflicts: Conflict[] = [];

  /** `layers[i]`: the layer of part i, for parts that are layers of variables (PlanPart.layer). */
  constructor(private readonly layers: readonly (number | undefined)[] = []) {}

  /**
   * The first value of a key that the parts may each set; every later one that differs (`textOf`) is a
   * conflict. Among layered parts only the winner takes part: the highest layer, the later part on a tie.
   */
  one<T>(key: keyof KeyNames, values: readonly (T | undefined)[], spanOf: (value: T) => Span, textOf: (value: T) => string = writtenValue): T | undefined {
    let winner = -1;
    values.forEach((value, i) => {
      const layer = this.layers[i];
      if (value !== undefined && layer !== undefined && (winner < 0 || layer >= this.layers[winner]!)) winner = i;
    });
    let first: T | undefined;
    for (const [i, value] of values.entries()) {
      if (value === undefined || (this.layers[i] !== undefined && i !== winner)) continue;
      if (first === undefined) first = value;
      else if (textOf(value) !== textOf(first)) this.conflicts.push({ key, first: spanOf(first), second: spanOf(value) });
    }
    return first;
  }

  /** The networks of every part: each list and value from one part, the reserved ranges from all. */
  networks(parts: readonly Networks[]): Networks {
    const lists: Networks['lists'] = {};
    const keySpans: Networks['keySpans'] = {};
    for (const kind of NETWORK_LISTS) {
      // Aligned with the parts, so that each keeps its layer.
      const set = parts.map((n) => (n.keySpans[kind] !== undefined ? n : undefined));
      const from = this.one(
        kind,
        set,
        (n) => n.keySpans[kind]!,
        (n) => (n.lists[kind] ?? []).map((e) => e.value).join(','),
      );
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

/** A located value's text (`{value, span}`): what two documents must agree on. */
const writtenValue = (v: unknown): string => String((v as { value?: unknown }).value);
