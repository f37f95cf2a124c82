// JUnit XML in the Ant/Jenkins subset that CI test-report viewers read: one testsuite per file, one
// failing testcase per diagnostic, and one passing testcase for a clean file so no report is empty.
import type { Diagnostic } from '../core/types';
import { portablePath } from './paths';
import type { FileResult, Formatter } from './types';

// Everything outside XML 1.0's Char production: control characters, lone surrogates, U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// Tabs and line breaks too: attribute-value normalisation would turn them into spaces.
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

const attr = (s: string) => s.replace(NOT_XML_CHAR, '').replace(/[&<>"'\t\n\r]/g, (c) => ENTITY[c]);
// A CDATA section ends at the first `]]>`, so every one is split across two sections.
const cdata = (s: string) => `<![CDATA[${s.replace(NOT_XML_CHAR, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

function testcase(d: Diagnostic, path: string, cwd: string): string[] {
  // Related locations follow the finding, each with its file (a plan's imported files are others).
  const related = d.related.map((r) => `\n  ${r.filePath ? portablePath(r.filePath, cwd) : path}:${r.range.start.line}:${r.range.start.column} ${r.message}`);
  const body = `${path}:${d.range.start.line}:${d.range.start.column} ${d.message} [${d.ruleId}]${related.join('')}`;
  return [
    `    <testcase name="${attr(d.ruleId)}" classname="${attr(path)}">`,
    `      <failure message="${attr(d.message)}" type="${d.severity}">${cdata(body)}</failure>`,
    '    </testcase>',
  ];
}

function testsuite(r: FileResult, cwd: string): { tests: number; lines: string[] } {
  const path = portablePath(r.filePath, cwd);
  const cases = r.diagnostics.length ? r.diagnostics.flatMap((d) => testcase(d, path, cwd)) : [`    <testcase name="kube-netlint" classname="${attr(path)}"/>`];
  const tests = Math.max(r.diagnostics.length, 1);
  const open = `  <testsuite name="${attr(path)}" tests="${tests}" failures="${r.diagnostics.length}" errors="0" skipped="0">`;
  return { tests, lines: [open, ...cases, '  </testsuite>'] };
}

export const formatJunit: Formatter = (results, { cwd }) => {
  const suites = results.map((r) => testsuite(r, cwd));
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = results.reduce((n, r) => n + r.diagnostics.length, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kube-netlint" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.flatMap((s) => s.lines),
    '</testsuites>',
    '',
  ].join('\n');
};
