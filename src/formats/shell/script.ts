// A shell script's simple commands, in order, each with the construct that makes it run only sometimes or
// many times: a loop, an `if` (or a test before `&&`/`||`), a `case` branch or a function body. Groups
// (`{ …; }`) and subshells run their commands once, as written; other `&&` and `||` lists are read as if
// every command in them ran.
import type { Span } from '../../core/types';
import { tokenize, type ShellComment, type ShellProblem, type ShellToken, type ShellWord } from './tokenize';

export type Occasion = 'loop' | 'if' | 'case' | 'function';

export interface ShellCommand {
  /** The words as written, assignments included, redirections left out. */
  words: ShellWord[];
  /** From the first word to the last word or redirection. */
  span: Span;
  /** The innermost construct that makes the command run only sometimes or many times: its keyword's span. */
  within?: { kind: Occasion; keyword: string; span: Span };
}

export interface ShellScript {
  commands: ShellCommand[];
  comments: ShellComment[];
  problems: ShellProblem[];
}

interface Frame {
  kind: Occasion | 'group' | 'subshell';
  keyword: string;
  span: Span;
  /** `for`/`select` before their `do`; a `case` before `in`, in a pattern, or in a branch. */
  phase?: 'header' | 'subject' | 'pattern' | 'body';
  /** A function body written as a group or a subshell. */
  closer?: '}' | ')';
}

/** Commands that only test: what `&&` or `||` runs after them is conditional. */
const TESTS = new Set<string | undefined>(['[', '[[', 'test']);
const CLOSERS: Record<string, Occasion | 'group'> = { done: 'loop', fi: 'if', esac: 'case', '}': 'group' };
const OPENERS: Record<string, string> = { loop: 'done', if: 'fi', case: 'esac', group: '}', subshell: ')', function: '}' };

export function readScript(text: string, base = 0, tick: () => void = () => {}): ShellScript {
  const { tokens, comments, problems } = tokenize(text, base, tick);
  const commands: ShellCommand[] = [];
  const stack: Frame[] = [];
  let words: ShellWord[] = [];
  let first: number | undefined;
  let last = 0;
  let atStart = true;
  let pendingFunction: Span | undefined;
  /** In `[ "$ROLE" = server ] && cmd`, what follows the test runs only when it holds: up to the list's end. */
  let afterTest: ShellCommand['within'];

  const within = (): ShellCommand['within'] => {
    for (let k = stack.length - 1; k >= 0; k--) {
      const f = stack[k];
      if (f.kind !== 'group' && f.kind !== 'subshell') return { kind: f.kind, keyword: f.keyword, span: f.span };
    }
    return undefined;
  };
  const finish = () => {
    if (words.length > 0 && first !== undefined) commands.push({ words, span: [first, last], within: within() ?? afterTest });
    words = [];
    first = undefined;
    atStart = true;
  };
  const top = () => stack[stack.length - 1] as Frame | undefined;
  /** Closes the innermost open construct of the kind, and any left open inside it. */
  const close = (span: Span, closer: string, matches: (f: Frame) => boolean) => {
    const at = stack.map(matches).lastIndexOf(true);
    if (at < 0) {
      problems.push({ span, message: `\`${closer}\` closes nothing that is open` });
      return;
    }
    for (const f of stack.splice(at).slice(1)) unclosed(f);
  };
  const unclosed = (f: Frame) =>
    problems.push({ span: f.span, message: `\`${f.keyword}\` is never closed by \`${f.closer ?? OPENERS[f.kind]}\`: the shell refuses the script from here` });

  for (let k = 0; k < tokens.length; k++) {
    const token: ShellToken = tokens[k];
    const frame = top();
    if (token.kind === 'redirect') {
      if (first === undefined) first = token.span[0];
      last = Math.max(last, token.span[1]);
      continue;
    }
    if (token.kind === 'op') {
      const { op } = token;
      if (frame?.phase === 'header' || frame?.phase === 'subject') {
        if (op === ';' || op === '\n') atStart = true;
        continue;
      }
      if (frame?.phase === 'pattern') {
        if (op === ')') {
          frame.phase = 'body';
          atStart = true;
        }
        continue;
      }
      if (op === '(') {
        const next = tokens[k + 1];
        if (words.length === 1 && !words[0].quoted && words[0].value.endsWith('=')) {
          // `ports=(6443 10250)`: an array assignment, part of the command.
          while (k + 1 < tokens.length && !(tokens[k + 1].kind === 'op' && (tokens[k + 1] as { op: string }).op === ')')) k++;
          k++;
          continue;
        }
        if (words.length === 1 && next?.kind === 'op' && next.op === ')') {
          // `name() …`: a function definition; its body is the compound command that follows.
          pendingFunction = words[0].span;
          words = [];
          first = undefined;
          atStart = true;
          k++;
          continue;
        }
        finish();
        if (pendingFunction) stack.push({ kind: 'function', keyword: 'function', span: pendingFunction, closer: ')' });
        else stack.push({ kind: 'subshell', keyword: '(', span: token.span });
        pendingFunction = undefined;
        continue;
      }
      if (op === ')') {
        finish();
        close(token.span, ')', (f) => f.kind === 'subshell' || f.closer === ')');
        continue;
      }
      const test = !words[0]?.quoted && TESTS.has(words[0]?.value);
      const next =
        op === '&&' || op === '||'
          ? (afterTest ?? (test ? { kind: 'if' as const, keyword: `${words[0].value} … ${op}`, span: token.span } : undefined))
          : op === '|' || op === '|&'
            ? afterTest
            : undefined;
      finish();
      afterTest = next;
      if (frame?.kind === 'case' && (op === ';;' || op === ';&' || op === ';;&')) frame.phase = 'pattern';
      continue;
    }
    const word = token.word;
    const reserved: string | undefined = atStart && words.length === 0 && !word.quoted ? word.value : undefined;
    if (frame?.phase === 'header') {
      if (reserved === 'do') frame.phase = undefined;
      else atStart = false;
      continue;
    }
    if (frame?.phase === 'subject') {
      if (word.value === 'in' && !word.quoted) frame.phase = 'pattern';
      continue;
    }
    if (frame?.phase === 'pattern') {
      if (reserved === 'esac') stack.pop();
      else atStart = false;
      continue;
    }
    if (pendingFunction && reserved !== '{' && reserved !== 'function') pendingFunction = undefined;
    switch (reserved) {
      case 'for':
      case 'select':
        stack.push({ kind: 'loop', keyword: reserved, span: word.span, phase: 'header' });
        continue;
      case 'while':
      case 'until':
        stack.push({ kind: 'loop', keyword: reserved, span: word.span });
        continue;
      case 'if':
        stack.push({ kind: 'if', keyword: reserved, span: word.span });
        continue;
      case 'case':
        stack.push({ kind: 'case', keyword: reserved, span: word.span, phase: 'subject' });
        continue;
      case '{':
        stack.push(
          pendingFunction ? { kind: 'function', keyword: 'function', span: pendingFunction, closer: '}' } : { kind: 'group', keyword: '{', span: word.span },
        );
        pendingFunction = undefined;
        continue;
      case 'function': {
        // `function name [()]`: the body follows.
        const name = tokens[k + 1];
        if (name?.kind === 'word') {
          pendingFunction = name.word.span;
          k++;
          const open = tokens[k + 1];
          const shut = tokens[k + 2];
          if (open?.kind === 'op' && open.op === '(' && shut?.kind === 'op' && shut.op === ')') k += 2;
        }
        continue;
      }
      case 'do':
      case 'then':
      case 'else':
      case 'elif':
      case '!':
      case 'time':
        continue;
      case 'done':
      case 'fi':
      case 'esac':
      case '}': {
        const kind = CLOSERS[reserved];
        close(word.span, reserved, (f) => (kind === 'group' ? f.closer === '}' || f.kind === 'group' : f.kind === kind));
        atStart = true;
        continue;
      }
    }
    if (first === undefined) first = word.span[0];
    last = Math.max(last, word.span[1]);
    words.push(word);
    atStart = false;
  }
  finish();
  stack.forEach(unclosed);
  return { commands, comments, problems };
}

/** A command as it runs a program: its name (the program's file name), and the words after it. */
export interface Invocation {
  name: string;
  nameWord: ShellWord;
  args: ShellWord[];
  command: ShellCommand;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
/** Programs that run the command after their own options: `sudo -E ufw allow 22`. */
const WRAPPERS = new Set(['sudo', 'doas', 'command', 'exec', 'nohup', 'env', 'nice', 'timeout', 'builtin']);
/** Options of the wrappers that take the next word as their value. */
const WITH_VALUE: Record<string, readonly string[]> = {
  sudo: ['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T'],
  doas: ['-u', '-C'],
  nice: ['-n'],
  timeout: ['-s', '-k', '--signal', '--kill-after'],
  env: ['-u', '-C', '-S'],
};
const LONE_VARIABLE = /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * The program a command runs, past its assignments (`LANG=C`), wrappers (`sudo -E`, `env`, `timeout 30`)
 * and a leading lone variable (`$SUDO ufw …`, empty or a wrapper when it runs); undefined when its name is
 * filled in by the shell.
 */
export function invocationOf(command: ShellCommand): Invocation | undefined {
  const { words } = command;
  let k = 0;
  while (k < words.length && !words[k].quoted && ASSIGNMENT.test(words[k].value)) k++;
  if (k < words.length - 1 && words[k].unresolved && LONE_VARIABLE.test(words[k].value) && !words[k + 1].value.startsWith('-')) k++;
  while (k < words.length) {
    const word = words[k];
    if (word.unresolved) return undefined;
    const name = word.value.slice(word.value.lastIndexOf('/') + 1);
    // `command -v ufw` looks a program up, it does not run it.
    if (name === 'command' && /^-[vV]$/.test(words[k + 1]?.value ?? '')) return undefined;
    if (!WRAPPERS.has(name)) return { name, nameWord: word, args: words.slice(k + 1), command };
    k++;
    let operands = name === 'timeout' ? 1 : 0;
    while (k < words.length) {
      const w = words[k].value;
      if (w === '--') {
        k++;
        break;
      }
      if (w.startsWith('-') && w.length > 1) k += (WITH_VALUE[name] ?? []).includes(w) ? 2 : 1;
      else if (name === 'env' && ASSIGNMENT.test(w)) k++;
      else if (operands > 0) {
        operands--;
        k++;
      } else break;
    }
  }
  return undefined;
}

/** A command's text as findings quote it: on one line (continuations joined), at most 100 characters. */
export function shortText(text: string): string {
  const one = text.replace(/[ \t]*\\?\r?\n[ \t]*/g, ' ');
  return one.length > 100 ? `${one.slice(0, 99)}…` : one;
}
