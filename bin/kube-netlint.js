#!/usr/bin/env node
'use strict';
// A reader that stops early (`kube-netlint … | head`) closes the pipe: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') process.stderr.write(`kube-netlint: cannot write the report: ${e.code || e.message}\n`);
  process.exit(e.code === 'EPIPE' ? process.exitCode || 0 : 2);
});
// One bundled file (npm run bundle), started from V8's code cache: loading ~100 modules one by one would
// double the start-up time, and compiling the bundle is most of what is left.
require('./load-bundle').loadBundle().exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
