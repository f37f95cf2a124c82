'use strict';
// Build step (npm run bundle): runs the bundled CLI once on the example plan, so that the functions a
// lint needs are compiled, then writes V8's code cache for bin/load-bundle.js to start from.
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { BUNDLE, loadBundle } = require('./load-bundle');

const { exports: cli, script } = loadBundle(BUNDLE, '');
const scratch = mkdtempSync(join(tmpdir(), 'kube-netlint-cache-'));
const plan = join(__dirname, '..', 'fixtures', 'examples', 'broken-plan.yaml');
cli
  .main([plan, '--output-file', join(scratch, 'report.txt')])
  .then(() => writeFileSync(`${BUNDLE}.cache`, script.createCachedData()))
  .finally(() => rmSync(scratch, { recursive: true, force: true }));
