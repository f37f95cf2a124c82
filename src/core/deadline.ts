// The time budget inside long loops: a stage that walks the whole input ticks once per item, and the
// clock (not free) is read only every few thousand ticks.
import { clock } from './clock';

/** Thrown past the deadline; the engine reports it as the time budget (resource-limit), never as a crash. */
export const PAST_DEADLINE = 'PAST_DEADLINE';

/** A tick function for a `clock.now()` deadline: throws PAST_DEADLINE once it has passed. */
export function deadlineTicker(deadline: number, every = 4096): () => void {
  let ticks = 0;
  return () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel, caught by identity, never shown
    if (++ticks % every === 0 && clock.now() > deadline) throw PAST_DEADLINE;
  };
}
