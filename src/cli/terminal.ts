// What the CLI prints comes partly from the files it reads (keys, values, paths, scenario names).
// A file must not be able to drive the terminal: control characters (ESC starts colour changes,
// cursor moves and title sets; CR overwrites the line; C1 CSI does the same in one byte) and the
// Unicode bidirectional controls that reorder what is shown (CVE-2021-42574, "Trojan Source")
// are printed as \uXXXX. In JSON output they only ever occur inside strings, where \uXXXX is the
// same character, so JSON readers get the text unchanged.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function neutralise(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
