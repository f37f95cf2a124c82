// Never crash: a failing handler is logged and answers with an empty result, so one odd document cannot
// take the editor's diagnostics down for every other one.
import { ResponseError, type RemoteConsole } from 'vscode-languageserver/node';

export type Guard = <A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R | Promise<R>) => (...args: A) => Promise<R>;

export const describeError = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));

export function guardWith(console: RemoteConsole): Guard {
  return (name, fallback, handler) =>
    async (...args) => {
      try {
        return await handler(...args);
      } catch (e) {
        // A deliberate protocol answer (e.g. ServerCancelled), not a failure.
        if (e instanceof ResponseError) throw e;
        console.error(`kube-netlint: ${name} failed: ${describeError(e)}`);
        return fallback;
      }
    };
}
