// Which texts are nftables rulesets: a `.nft` file, or text with a table block holding a chain, or nft
// commands (`add rule …`, `insert rule …`) at the start of a line. YAML and JSON files are never claimed,
// even when a block scalar holds a ruleset (cloud-init's write_files): their lines are indented.
const TABLE = /^table[ \t]+((ip|ip6|inet|arp|bridge|netdev)[ \t]+)?[\w.-]+[ \t]*\{/m;
const CHAIN = /^[ \t]*chain[ \t]+[\w.-]+[ \t]*\{/m;
const COMMAND = /^(add|insert|create)[ \t]+(rule|chain)[ \t]+((ip|ip6|inet)[ \t]+)?[\w.-]+[ \t]+[\w.-]+/m;
const SHEBANG = /^#![^\n]*\bnft\b/;

const NOT_OURS = /\.(ya?ml|json)$/i;
const NFT_FILE = /\.nft$/i;

/** Whether a text looks like an nftables ruleset, by its lines alone. */
export const looksLikeRuleset = (text: string): boolean => SHEBANG.test(text) || (TABLE.test(text) && CHAIN.test(text)) || COMMAND.test(text);

/** A ruleset file: named `.nft`, or one that looks like a ruleset and is not YAML or JSON by its name. */
export const isRulesetFile = (text: string, filePath?: string): boolean =>
  !NOT_OURS.test(filePath ?? '') && (NFT_FILE.test(filePath ?? '') || looksLikeRuleset(text));
