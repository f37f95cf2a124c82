#!/usr/bin/env node
'use strict';
// Editors start this with a transport flag; without one there is nobody to talk to.
const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];
if (!process.argv.slice(2).some((a) => TRANSPORTS.includes(a.split('=')[0]))) {
  process.stderr.write('usage: kube-netlint-language-server --stdio\n');
  process.exit(2);
}
require('../dist/server/server.js').startServer();
