// The action's entry (action.yml `runs.main`, bundled into action/dist/index.js by action/build.js).
import { runAction } from './run';
import { errorCommand } from './runner';

runAction().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stdout.write(errorCommand(`kube-netlint: internal error: ${(e as Error).stack ?? String(e)}`));
    process.exitCode = 2;
  },
);
