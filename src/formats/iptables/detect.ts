// Which texts are iptables-save output: a `*filter` line with the INPUT chain's line (`:INPUT ` or
// `-A INPUT`) at the start of a line; in a file named as iptables-persistent names them (`rules.v4`,
// `rules.v6`, `*.rules`), any table line with a chain or rule line. YAML and JSON files are never claimed.
const FILTER = /^\*filter[ \t]*\r?$/m;
const INPUT = /^(\[\d+:\d+\][ \t]+)?(:INPUT[ \t]|-A[ \t]+INPUT[ \t])/m;
const ANY_TABLE = /^\*(filter|nat|mangle|raw|security)[ \t]*\r?$/m;
const ANY_CHAIN = /^(\[\d+:\d+\][ \t]+)?(:[A-Za-z][\w-]*[ \t]|-A[ \t])/m;

const NOT_OURS = /\.(ya?ml|json)$/i;
const SAVE_FILE = /(\.(v4|v6|rules)|iptables[\w.-]*)$/i;

/** Whether a text looks like iptables-save output, by its lines alone. */
export const looksLikeSaveFile = (text: string): boolean => FILTER.test(text) && INPUT.test(text);

/** iptables-save output: by its lines, or in a file named like one (`/etc/iptables/rules.v4`) with a table in it. */
export const isSaveFile = (text: string, filePath?: string): boolean =>
  !NOT_OURS.test(filePath ?? '') && (looksLikeSaveFile(text) || (SAVE_FILE.test(filePath ?? '') && ANY_TABLE.test(text) && ANY_CHAIN.test(text)));

/** ip6tables-save's: said by its header, its file name, or an IPv6 address in a rule. */
export const isIpv6File = (header: string | undefined, filePath: string | undefined, sawIpv6: boolean): boolean =>
  header !== undefined ? /ip6tables/i.test(header) : /(\.v6|ip6tables[\w.-]*|rules6)$/i.test(filePath ?? '') || sawIpv6;
