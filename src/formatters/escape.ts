// Text from a plan or a file name reaches terminals and CI logs: a control character in it (ESC, BEL, …)
// could set the terminal's title, clear the screen or forge colours and log lines. Every C0 control but
// tab, DEL and every C1 control is written as a visible `\xHH` instead.
/* eslint-disable no-control-regex -- these match control characters, which is their purpose */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;
const CONTROL_BUT_LINE_BREAKS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
/* eslint-enable no-control-regex */

const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** For one-line output: line breaks are escaped too. */
export const escapeControl = (text: string): string => text.replace(CONTROL, hex);

/** For output that encodes line breaks itself (GitHub workflow commands write them as %0A). */
export const escapeControlButLineBreaks = (text: string): string => text.replace(CONTROL_BUT_LINE_BREAKS, hex);
