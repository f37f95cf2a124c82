// Firewall scripts: the shell tokenizer they are read with (src/formats/shell), which files are firewalld's
// or ufw's and which are not, firewalld's zones and ufw's rules as one first-match firewall, and the real
// scripts of ../shared/corpus/realworld/firewalls imported by a plan.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/types';
import { firewalld } from '../src/formats/firewalld';
import type { InputFormat } from '../src/formats/input-format';
import { isShellScript } from '../src/formats/shell/document';
import { invocationOf, readScript } from '../src/formats/shell/script';
import { offsetIn, tokenize, type ShellWord } from '../src/formats/shell/tokenize';
import { ufw } from '../src/formats/ufw';
import { lint } from '../src/linter';
import { corpus, lintImportedBy } from './support/corpus';
import { partOf, rulesOf } from './support/format-read';

const words = (text: string) => tokenize(text).tokens.flatMap((t) => (t.kind === 'word' ? [t.word] : []));
const written = (text: string, w: ShellWord) => text.slice(w.span[0], w.span[1]);

const scriptPart = (format: InputFormat, text: string, filePath = 'fw.sh') => partOf(format, text, filePath);

const firewalldRules = (text: string) => rulesOf(scriptPart(firewalld, text)!.firewalls[0]);
const ufwRules = (text: string) => rulesOf(scriptPart(ufw, text)!.firewalls[0]);

describe('shell tokenizer', () => {
  it('reads words with their positions: quotes removed, each character located where it is written', () => {
    const text = `firewall-cmd --zone=public --add-rich-rule='rule family="ipv4" source address="10.42.0.0/16" accept' "a b"c\\ d`;
    const ws = words(text);
    expect(ws.map((w) => w.value)).toEqual([
      'firewall-cmd',
      '--zone=public',
      '--add-rich-rule=rule family="ipv4" source address="10.42.0.0/16" accept',
      'a bc d',
    ]);
    expect(ws.map((w) => written(text, w))).toEqual([
      'firewall-cmd',
      '--zone=public',
      `--add-rich-rule='rule family="ipv4" source address="10.42.0.0/16" accept'`,
      '"a b"c\\ d',
    ]);
    for (const w of ws) for (let i = 0; i < w.value.length; i++) expect(text[offsetIn(w, i)]).toBe(w.value[i]);
    expect(ws.map((w) => w.quoted)).toEqual([false, false, true, true]);
  });

  it('joins backslash-newline continuations, inside a word and between words', () => {
    const text = 'firewall-cmd --permanent \\\n  --add-port=2379-\\\n2380/tcp\r\n';
    const ws = words(text);
    expect(ws.map((w) => w.value)).toEqual(['firewall-cmd', '--permanent', '--add-port=2379-2380/tcp']);
    expect(written(text, ws[2])).toBe('--add-port=2379-\\\n2380/tcp');
    expect(text.slice(offsetIn(ws[2], 16), offsetIn(ws[2], 19) + 1)).toBe('2380');
    expect(readScript(text).commands).toHaveLength(1);
  });

  it('reads comments (a # that starts a word), and keeps a # inside a word', () => {
    const text = '#!/bin/bash\nufw allow 22 # ssh\necho a#b\n';
    const { comments } = tokenize(text);
    expect(comments.map((c) => text.slice(c.span[0], c.span[1]))).toEqual(['#!/bin/bash', '# ssh']);
    expect(words(text).map((w) => w.value)).toEqual(['ufw', 'allow', '22', 'echo', 'a#b']);
  });

  it('separates commands at ; && || | & and line ends, and leaves redirections out of the words', () => {
    const text = 'a 1; b 2 && c || d | e & f 2>/dev/null >>log <in\ng';
    const script = readScript(text);
    expect(script.commands.map((c) => c.words.map((w) => w.value).join(' '))).toEqual(['a 1', 'b 2', 'c', 'd', 'e', 'f', 'g']);
    expect(text.slice(script.commands[5].span[0], script.commands[5].span[1])).toBe('f 2>/dev/null >>log <in');
  });

  it('marks words the shell fills in as unresolved, and quoted dollars as literal', () => {
    const flags = (text: string) => words(text).map((w) => w.unresolved);
    expect(flags('a $X ${X} $(date) `date` $((1+2)) --add-port={80,443}/tcp')).toEqual([false, true, true, true, true, true, true]);
    expect(flags(`'$X' "\\$X" a$ {a}`)).toEqual([false, false, false, false]);
    expect(words('"a ${X:-"b c"} d"').map((w) => w.value)).toEqual(['a ${X:-"b c"} d']);
  });

  it('skips here-document bodies', () => {
    const text = 'cat <<EOF > /etc/x\nfirewall-cmd --add-port=1/tcp\nEOF\ncat <<-"END"\n\tufw allow 1\n\tEND\nufw allow 2\n';
    expect(readScript(text).commands.map((c) => c.words.map((w) => w.value).join(' '))).toEqual(['cat', 'cat', 'ufw allow 2']);
  });

  it('reports an unclosed quote or construct as a problem, located in the text', () => {
    const text = "ufw allow 22\nfirewall-cmd --add-rich-rule='rule accept\n";
    const { problems } = readScript(text, 100);
    expect(problems).toHaveLength(1);
    expect(text.slice(problems[0].span[0] - 100, problems[0].span[1] - 100)).toBe("'");
    expect(readScript('for p in 1 2; do\n  ufw allow $p\n').problems.map((p) => p.message)).toEqual([
      '`for` is never closed by `done`: the shell refuses the script from here',
    ]);
  });

  it('says which commands run only sometimes: in a loop, a condition, a case or a function', () => {
    const text = [
      'ufw allow 1',
      'for p in 2 3; do ufw allow $p; done',
      'if ! ufw status | grep -q active; then ufw enable; fi',
      'case "$ROLE" in server) ufw allow 6443/tcp ;; *) ;; esac',
      'open() { ufw allow "$1"; }',
      '{ ufw allow 4; } && ( ufw allow 5 )',
      'while read -r port; do ufw allow "$port"; done < ports.txt',
      '[ "$ROLE" = server ] && ufw allow 6443/tcp && ufw allow 2379:2380/tcp; ufw allow 6',
      'systemctl start firewalld && ufw allow 7',
    ].join('\n');
    const seen = readScript(text).commands.map((c) => `${c.words.map((w) => w.value).join(' ')}: ${c.within?.kind ?? 'always'}`);
    expect(seen).toEqual([
      'ufw allow 1: always',
      'ufw allow $p: loop',
      'ufw status: if',
      'grep -q active: if',
      'ufw enable: if',
      'ufw allow 6443/tcp: case',
      'ufw allow $1: function',
      'ufw allow 4: always',
      'ufw allow 5: always',
      'read -r port: loop',
      'ufw allow $port: loop',
      '[ $ROLE = server ]: always',
      'ufw allow 6443/tcp: if',
      'ufw allow 2379:2380/tcp: if',
      'ufw allow 6: always',
      'systemctl start firewalld: always',
      'ufw allow 7: always',
    ]);
  });

  it('finds the program past assignments and wrappers', () => {
    const names = (text: string) => readScript(text).commands.map((c) => invocationOf(c)?.name);
    expect(
      names('LANG=C sudo -E -u root /usr/bin/firewall-cmd --state\nenv A=1 timeout 30 ufw enable\n$SUDO ufw allow 22\ncommand -v ufw\n$FW --reload'),
    ).toEqual(['firewall-cmd', 'ufw', 'ufw', undefined, undefined]);
  });

  it('never throws, and every span and offset stays inside the text (property)', () => {
    const alphabet = fc.constantFrom(
      ...'ab =-/\'"\\$`(){}[];&|<>#\n\t*,.:0123456789'.split(''),
      'firewall-cmd ',
      'ufw ',
      'for ',
      'do ',
      'done',
      '<<EOF',
      'EOF\n',
      '$(',
      '${',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), fc.integer({ min: 0, max: 1000 }), (parts, base) => {
        const text = parts.join('');
        const inside = ([s, e]: readonly [number, number]) => base <= s && s <= e && e <= base + text.length;
        const { tokens, comments, problems } = tokenize(text, base);
        for (const t of tokens) {
          expect(inside(t.kind === 'word' ? t.word.span : t.span)).toBe(true);
          if (t.kind === 'word') {
            for (let i = 0; i < t.word.value.length; i++) expect(offsetIn(t.word, i) >= base && offsetIn(t.word, i) < base + text.length).toBe(true);
          }
        }
        for (const c of [...comments, ...problems]) expect(inside(c.span)).toBe(true);
        const script = readScript(text, base);
        for (const c of script.commands) expect(inside(c.span)).toBe(true);
        for (const format of [firewalld, ufw]) {
          const parsed = format.parse!(text, { base, filePath: 'fw.sh' });
          if (typeof parsed === 'object' && parsed.ok) format.read(parsed.documents[0].doc, () => {});
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('which files are firewall scripts', () => {
  const script = '#!/bin/bash\nfirewall-cmd --permanent --add-port=6443/tcp\nufw allow 22\n';

  it('takes .sh files, files with a shell #! line, and files without an extension', () => {
    expect(isShellScript('firewall-cmd --reload', 'fw.sh')).toBe(true);
    expect(isShellScript('#!/usr/bin/env bash\nfirewall-cmd --reload', 'setup-firewall')).toBe(true);
    expect(isShellScript('#!/bin/sh\nufw allow 22', 'firewall.txt')).toBe(true);
    expect(isShellScript('firewall-cmd --reload', 'firewall')).toBe(true);
    expect(isShellScript('firewall-cmd --reload', undefined)).toBe(true);
  });

  it('never takes YAML or JSON files, nor other files that mention the commands', () => {
    expect(isShellScript(script, 'tasks.yaml')).toBe(false);
    expect(isShellScript(script, 'plan.yml')).toBe(false);
    expect(isShellScript(script, 'x.json')).toBe(false);
    expect(isShellScript('firewall-cmd --reload', 'notes.md')).toBe(false);
    expect(isShellScript('import os\nos.system("ufw allow 22")', 'fw.py')).toBe(false);
    // An Ansible task file on standard input (no name): YAML lines.
    const ansible = '- name: open the API\n  shell: |\n    firewall-cmd --permanent --add-port=6443/tcp\n    ufw allow 6443/tcp\n';
    expect(isShellScript(ansible, undefined)).toBe(false);
    expect(firewalld.looksLike(ansible)).toBe(false);
    expect(ufw.looksLike(ansible)).toBe(false);
    // A Makefile recipe.
    expect(isShellScript('firewall:\n\tfirewall-cmd --reload\n', 'Makefile')).toBe(false);
  });

  it('claims a script by its commands: firewall-cmd for firewalld, ufw rules for ufw', () => {
    expect(scriptPart(firewalld, 'firewall-cmd --add-port=6443/tcp')).toBeDefined();
    expect(scriptPart(firewalld, 'sudo firewall-offline-cmd --add-port=6443/tcp')).toBeDefined();
    expect(scriptPart(firewalld, 'ufw allow 22')).toBeUndefined();
    expect(scriptPart(firewalld, 'echo "run firewall-cmd --reload yourself"\n# firewall-cmd --add-port=1/tcp')).toBeUndefined();
    expect(scriptPart(ufw, 'ufw allow 22')).toBeDefined();
    expect(scriptPart(ufw, 'sudo ufw --force default deny incoming')).toBeDefined();
    expect(scriptPart(ufw, 'ufw status verbose\nufw enable')).toBeUndefined();
    expect(scriptPart(ufw, 'apt-get install -y ufw')).toBeUndefined();
    expect(firewalld.parse!('firewall-cmd --reload', { base: 0, filePath: 'k8s.yaml' })).toBeUndefined();
  });

  it('leaves YAML plans to the YAML formats', () => {
    const plan = 'apiVersion: kube-netlint/v1\nkind: ClusterPlan\n# firewall-cmd --add-port=6443/tcp\nspec: {}\n';
    expect(firewalld.parse!(plan, { base: 0 })).toBeUndefined();
    expect(lint(plan, { filePath: 'plan.yaml' }).isPlan).toBe(true);
  });
});

describe('firewalld: zones as one first-match firewall', () => {
  it('reads ports, services and protocols of the default zone (public, ssh as shipped) from any source', () => {
    const part = scriptPart(firewalld, 'firewall-cmd --permanent --add-port=2379-2380/tcp --add-service=kube-worker\nfirewall-cmd --add-protocol=ipip')!;
    expect(rulesOf(part.firewalls[0])).toEqual(['allow tcp 22', 'allow tcp 2379-2380', 'allow tcp 10250,30000-32767', 'allow proto-4', 'default deny']);
    expect(part.firewalls[0].name?.value).toBe('firewalld (fw.sh)');
  });

  it('names each rule by its command, with its zone, and locates it at the option', () => {
    const text = 'firewall-cmd --permanent --remove-service=ssh\nfirewall-cmd --permanent --add-port=2379-2380/tcp\n';
    const [rule] = scriptPart(firewalld, text)!.firewalls[0].rules;
    expect(rule.name?.value).toBe('firewall-cmd --zone=public --add-port=2379-2380/tcp');
    expect(text.slice(rule.span[0], rule.span[1])).toBe('--add-port=2379-2380/tcp');
    expect(text.slice(rule.ports![0].span[0], rule.ports![0].span[1])).toBe('2379-2380');
    expect(text.slice(rule.protocolAt!.span[0], rule.protocolAt!.span[1])).toBe('tcp');
  });

  it('puts source-bound zones first: their rules for their sources, then their target for the rest of those sources', () => {
    const rules = firewalldRules(
      [
        'firewall-cmd --permanent --zone=public --remove-service=ssh',
        'firewall-cmd --permanent --zone=public --add-port=80/tcp',
        'firewall-cmd --permanent --zone=internal --add-source=192.168.10.0/24',
        'firewall-cmd --permanent --zone=internal --add-port=6443/tcp',
        'firewall-cmd --permanent --zone=trusted --add-source=10.42.0.0/16',
      ].join('\n'),
    );
    expect(rules).toEqual([
      'allow tcp 22 from 192.168.10.0/24', // internal ships with ssh
      'allow udp 138,137 from 192.168.10.0/24', // and samba-client (mdns and dhcpv6-client are multicast and link-local only)
      'allow tcp 6443 from 192.168.10.0/24',
      'deny any from 192.168.10.0/24', // internal's default target rejects the rest
      'allow any from 10.42.0.0/16', // trusted accepts
      'allow tcp 80',
      'default deny',
    ]);
  });

  it('dispatches overlapping source zones by ingress priority, then zone name', () => {
    const text = (priority: string) =>
      `firewall-cmd --zone=drop --add-source=10.0.0.0/8\nfirewall-cmd --zone=trusted --add-source=10.1.0.0/16\n${priority}firewall-cmd --zone=public --remove-service=ssh`;
    expect(firewalldRules(text(''))).toEqual(['deny any from 10.0.0.0/8', 'allow any from 10.1.0.0/16', 'default deny']);
    expect(firewalldRules(text('firewall-cmd --permanent --zone=trusted --set-ingress-priority=-10\n'))).toEqual([
      'allow any from 10.1.0.0/16',
      'deny any from 10.0.0.0/8',
      'default deny',
    ]);
  });

  it("restricts a zone's rich rules to its sources", () => {
    const rules = firewalldRules(
      [
        'firewall-cmd --zone=public --remove-service=ssh',
        'firewall-cmd --zone=internal --remove-service=ssh --remove-service=samba-client',
        'firewall-cmd --zone=internal --add-source=192.168.10.0/24',
        `firewall-cmd --zone=internal --add-rich-rule='rule family=ipv4 source address=192.168.10.11 port port=10257 protocol=tcp accept'`,
        `firewall-cmd --zone=internal --add-rich-rule='rule family=ipv4 source address=172.16.0.0/12 port port=22 protocol=tcp accept'`,
        `firewall-cmd --zone=internal --add-rich-rule='rule family=ipv4 port port=9100 protocol=tcp accept'`,
      ].join('\n'),
    );
    expect(rules).toEqual(['allow tcp 10257 from 192.168.10.11', 'allow tcp 9100 from 192.168.10.0/24', 'deny any from 192.168.10.0/24', 'default deny']);
  });

  it('orders rich rules as firewalld does: negative priorities, then rejects and drops, then allows, then positive priorities', () => {
    const rules = firewalldRules(
      [
        'firewall-cmd --remove-service=ssh',
        `firewall-cmd --add-rich-rule='rule priority=5 family=ipv4 source address=10.0.0.0/8 drop'`,
        'firewall-cmd --add-port=6443/tcp',
        `firewall-cmd --add-rich-rule='rule family=ipv4 source address=10.9.0.0/16 service name=kube-apiserver reject'`,
        `firewall-cmd --add-rich-rule='rule family=ipv4 source address=10.9.9.0/24 accept'`,
        `firewall-cmd --add-rich-rule='rule priority=-1 family=ipv6 port port=22 protocol=tcp accept'`,
        `firewall-cmd --add-rich-rule='rule family=ipv4 source address=10.1.0.0/16 log prefix="x" level=info'`,
        `firewall-cmd --add-rich-rule='rule family=ipv4 source address=10.2.0.0/16 icmp-type name=echo-request accept'`,
      ].join('\n'),
    );
    expect(rules).toEqual([
      'allow tcp 22 from ::/0',
      'deny tcp 6443 from 10.9.0.0/16',
      'allow tcp 6443',
      'allow any from 10.9.9.0/24',
      'deny any from 10.0.0.0/8',
      'default deny',
    ]);
  });

  it("decides the rest by the default zone's target, located where the script sets it", () => {
    const text = 'firewall-cmd --set-default-zone=drop\nfirewall-cmd --add-port=6443/tcp\n';
    const fw = scriptPart(firewalld, text)!.firewalls[0];
    expect(rulesOf(fw)).toEqual(['allow tcp 6443', 'default deny']);
    expect(text.slice(fw.defaultActionAt!.span[0], fw.defaultActionAt!.span[1])).toBe('drop');
    expect(firewalldRules('firewall-cmd --set-default-zone=trusted')).toEqual(['default allow']);
    expect(firewalldRules('firewall-cmd --permanent --set-target=ACCEPT')).toEqual(['allow tcp 22', 'default allow']);
    expect(firewalldRules('firewall-cmd --zone=public --permanent --set-target=DROP --remove-service=ssh')).toEqual(['default deny']);
  });

  it('applies removals, service definitions of the script, and netmask sources', () => {
    const rules = firewalldRules(
      [
        'firewall-cmd --permanent --remove-service=ssh',
        'firewall-cmd --permanent --add-port=80/tcp --add-port=443/tcp',
        'firewall-cmd --permanent --remove-port=80/tcp',
        'firewall-cmd --permanent --new-service=my-app',
        'firewall-cmd --permanent --service=my-app --add-port=8080/tcp --add-port=8443/tcp',
        'firewall-cmd --permanent --add-service=my-app',
        'firewall-cmd --permanent --zone=trusted --add-source=10.42.0.0/255.255.0.0',
      ].join('\n'),
    );
    expect(rules).toEqual(['allow any from 10.42.0.0/16', 'allow tcp 443', 'allow tcp 8080,8443', 'default deny']);
  });

  it('sets aside what it cannot read exactly, and reads the rest', () => {
    const text = [
      'for p in 6443 10250; do firewall-cmd --add-port=$p/tcp; done',
      'firewall-cmd --add-port=${ETCD}/tcp --add-port=2379/tcp',
      'firewall-cmd --zone=$ZONE --add-port=1/tcp',
      'firewall-cmd --add-forward-port=port=80:proto=tcp:toport=8080',
      'firewall-cmd --frobnicate --add-port=2/tcp',
      'firewall-cmd --zone=internal --change-interface=eth1',
      'firewall-cmd --zone=trusted --add-interface=cni0',
      'firewall-cmd --add-service=not-a-service',
      `firewall-cmd --add-rich-rule='rule family=ipv4 source not address=10.0.0.0/8 accept'`,
      'firewall-cmd --direct --add-rule ipv4 filter INPUT 0 -p tcp --dport 22 -j ACCEPT',
      'if firewall-cmd --state; then echo running; fi',
    ].join('\n');
    const part = scriptPart(firewalld, text)!;
    expect(part.unresolved!.map((u) => u.value)).toEqual([
      'firewall-cmd --add-port=$p/tcp',
      '--add-port=${ETCD}/tcp',
      'firewall-cmd --zone=$ZONE --add-port=1/tcp',
      '--add-forward-port=port=80:proto=tcp:toport=8080',
      '--frobnicate',
      `--add-rich-rule='rule family=ipv4 source not address=10.0.0.0/8 accept'`,
      'firewall-cmd --direct --add-rule ipv4 filter INPUT 0 -p tcp --dport 22 -j ACCEPT',
      'service not-a-service',
    ]);
    // Zones bound to interfaces are read (internal as shipped: ssh, samba-client's netbios ports): which packets come
    // in through an interface is the plan's to say (src/analysis/arrival.ts).
    expect(rulesOf(part.firewalls[0])).toEqual([
      'allow tcp 22 on eth1',
      'allow udp 138,137 on eth1',
      'deny any on eth1',
      'allow any on cni0',
      'allow tcp 22',
      'allow tcp 2379',
      'default deny',
    ]);
    for (const u of part.unresolved!) expect(text.slice(u.span[0], u.span[1]).length).toBeGreaterThan(0);
  });

  it('reports what firewall-cmd itself refuses as input-syntax problems', () => {
    const part = scriptPart(
      firewalld,
      'firewall-cmd --add-port=6443\nfirewall-cmd --zone=a --add-source=10.0.0.0/8\nfirewall-cmd --zone=b --add-source=10.0.0.0/8',
    )!;
    expect(part.problems!.map((p) => p.message)).toEqual([
      '"6443" is not a port firewall-cmd takes: write the port or range and the protocol, as 6443/tcp or 2379-2380/tcp',
      '10.0.0.0/8 is already bound to zone a: firewall-cmd refuses it (use --change-source)',
    ]);
  });
});

describe('ufw: rules in order, then the default incoming policy', () => {
  it("denies incoming by default, as ufw does, and reads ufw's simple and full syntax", () => {
    expect(
      ufwRules(
        [
          'ufw allow 22',
          'ufw allow 6443/tcp',
          'ufw allow 2379:2380/tcp',
          'ufw allow 80,443/tcp',
          'ufw allow from 10.0.0.0/8',
          'ufw allow from 192.168.1.0/24 to any port 10250 proto tcp',
          'ufw allow proto udp from 192.168.1.0/24 to any port 8472',
          'ufw limit OpenSSH',
          'ufw reject 9100',
          'ufw allow from 10.1.0.0/16 to ::/0 port 53',
          'ufw allow out 53',
        ].join('\n'),
      ),
    ).toEqual([
      'allow tcp 22',
      'allow udp 22',
      'allow tcp 6443',
      'allow tcp 2379-2380',
      'allow tcp 80,443',
      'allow any from 10.0.0.0/8',
      'allow tcp 10250 from 192.168.1.0/24',
      'allow udp 8472 from 192.168.1.0/24',
      'allow tcp 22',
      'deny tcp 9100',
      'deny udp 9100',
      'allow tcp 53 from 10.1.0.0/16',
      'allow udp 53 from 10.1.0.0/16',
      'default deny',
    ]);
  });

  it('takes the default incoming policy from `ufw default`, located at it', () => {
    const text = 'ufw default allow outgoing\nufw default allow incoming\nufw allow 22/tcp\n';
    const fw = scriptPart(ufw, text)!.firewalls[0];
    expect(fw.defaultAction).toBe('allow');
    expect(text.slice(fw.defaultActionAt!.span[0], fw.defaultActionAt!.span[1])).toBe('allow');
    expect(ufwRules('ufw default reject\nufw allow 22/tcp')).toEqual(['allow tcp 22', 'default deny']);
  });

  it('places rules as ufw does: insert, prepend, update in place, skip duplicates, delete', () => {
    expect(
      ufwRules(
        [
          'ufw allow 1/tcp',
          'ufw allow 2/tcp',
          'ufw insert 2 allow 3/tcp',
          'ufw prepend deny from 10.0.0.0/8',
          'ufw allow 1/tcp',
          'ufw deny 2/tcp',
          'ufw delete allow 3/tcp',
        ].join('\n'),
      ),
    ).toEqual(['deny any from 10.0.0.0/8', 'allow tcp 1', 'deny tcp 2', 'default deny']);
  });

  it('names each rule by its command, located at it', () => {
    const text = 'sudo ufw allow from 10.0.0.0/8 to any port 22 proto tcp   # admins\n';
    const [rule] = scriptPart(ufw, text)!.firewalls[0].rules;
    expect(rule.name?.value).toBe('ufw allow from 10.0.0.0/8 to any port 22 proto tcp');
    expect(text.slice(rule.span[0], rule.span[1])).toBe('sudo ufw allow from 10.0.0.0/8 to any port 22 proto tcp');
    expect(text.slice(rule.from![0].span[0], rule.from![0].span[1])).toBe('10.0.0.0/8');
    expect(text.slice(rule.ports![0].span[0], rule.ports![0].span[1])).toBe('22');
  });

  it('filters nothing when the script leaves ufw disabled or reset', () => {
    expect(ufwRules('ufw allow 22/tcp\nufw disable')).toEqual(['default allow']);
    expect(ufwRules('ufw allow 22/tcp\nufw --force reset\nufw allow 80/tcp\nufw --force enable')).toEqual(['allow tcp 80', 'default deny']);
    expect(ufwRules('ufw --dry-run allow 22/tcp\nufw default deny')).toEqual(['default deny']);
  });

  it('sets aside rules it cannot model, and reports those ufw refuses', () => {
    const part = scriptPart(
      ufw,
      'ufw allow in on eth1 to any port 80\nufw allow from $NET\nufw delete 3\nufw allow 6000:6007\nufw allow proto ipip from 10.0.0.0/8\n',
    )!;
    expect(part.unresolved!.map((u) => u.value)).toEqual(['ufw allow from $NET', 'ufw delete 3']);
    // A rule on an interface is read: which packets come in through it is the plan's to say (src/analysis/arrival.ts).
    expect(rulesOf(part.firewalls[0]).slice(0, 2)).toEqual(['allow tcp 80 on eth1', 'allow udp 80 on eth1']);
    expect(part.problems!.map((p) => p.message)).toEqual([
      'ufw needs a protocol (tcp or udp) for a port list or range',
      '"ipip" is no protocol ufw takes (tcp, udp, ah, esp, gre, ipv6, igmp or any)',
    ]);
  });
});

describe('the real firewall scripts (../shared/corpus/realworld/firewalls), imported by a plan', () => {
  /** A two-node kubeadm plan in a temporary folder that imports the script by its absolute path for the control plane. */
  function lintImporting(script: string): { diagnostics: Diagnostic[]; text: string } {
    const path = join(corpus('firewalls'), script);
    const result = lintImportedBy(path, {
      distribution: 'kubeadm',
      format: 'firewalld',
      appliesTo: '{roles: [control-plane]}',
      nodes: [
        '{name: master-1, roles: [control-plane], interfaces: [{name: eth0, addresses: [192.168.10.11/24]}]}',
        '{name: worker-1, roles: [worker], interfaces: [{name: eth0, addresses: [192.168.10.21/24]}]}',
      ],
    });
    expect(result.isPlan).toBe(true);
    expect(result.diagnostics.filter((d) => d.ruleId === 'invalid-import' || d.ruleId === 'rule-crash')).toEqual([]);
    return { diagnostics: result.diagnostics.filter((d) => d.filePath === path), text: readFileSync(path, 'utf8') };
  }
  const at = (d: Diagnostic) => `${d.range.start.line} ${d.ruleId}`;

  it("chinalf's firewall_master.sh: the kubelet read-only port opened at line 6, etcd and the kubelet in the default zone", () => {
    const { diagnostics } = lintImporting('chinalf-k8s-relax.shell.firewall_master.sh');
    expect(diagnostics.map(at)).toEqual(expect.arrayContaining(['6 kubelet-readonly-open', '2 etcd-public', '3 kubelet-public', '15 nodeport-public']));
    expect(diagnostics.filter((d) => d.ruleId === 'import-unresolved' || d.ruleId === 'input-syntax')).toEqual([]);
  });

  it("paranoid945's firewalld_config.sh: etcd and the kubelet public in the public zone; the scheduler's old port opened for udp", () => {
    const { diagnostics, text } = lintImporting('paranoid945-pps.shells.k8s.firewalld_config.sh');
    expect(diagnostics.map(at)).toEqual(expect.arrayContaining(['13 etcd-public', '14 kubelet-public', '15 port-protocol-mismatch']));
    const etcd = diagnostics.find((d) => d.ruleId === 'etcd-public')!;
    expect(etcd.message).toContain('rule "firewall-cmd --zone=public --add-port=2379-2380/tcp"');
    expect(text.slice(etcd.range.start.offset, etcd.range.end.offset)).toBe('--add-port=2379-2380/tcp');
    // 10251 was kube-scheduler's insecure port, on tcp: opened for udp, at the port's text.
    const scheduler = diagnostics.find((d) => d.ruleId === 'port-protocol-mismatch')!;
    expect(text.slice(scheduler.range.start.offset, scheduler.range.end.offset)).toBe('10251');
    expect(scheduler.message).toContain("allows udp port 10251, but kube-scheduler's insecure HTTP port was tcp port 10251");
    // 10252/tcp (the controller-manager's retired port, with its own protocol) is no mismatch.
    expect(diagnostics.filter((d) => d.ruleId === 'port-protocol-mismatch')).toHaveLength(1);
  });
});
