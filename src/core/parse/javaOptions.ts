// How bin/spark-submit's launcher splits a java options string (spark.driver.extraJavaOptions and the
// like) into options: spark-launcher's CommandBuilderUtils.parseOptionString (4.1.3 bytecode; the same
// rules since 1.x): blanks separate options; single and double quotes group, a backslash escapes the next
// character outside single quotes; an unclosed quote or a trailing backslash is refused.

/** The options, or the launcher's refusal of the string. */
export type OptionString =
  { readonly ok: true; readonly options: readonly string[] } | { readonly ok: false; readonly message: string };

/**
 * Character.isWhitespace(int): a Unicode space, line or paragraph separator other than the no-break
 * spaces U+00A0, U+2007 and U+202F, or one of \t \n U+000B \f \r U+001C-U+001F.
 */
export function isJavaWhitespace(c: number): boolean {
  if ((c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f)) return true;
  if (c === 0xa0 || c === 0x2007 || c === 0x202f) return false;
  return /^[\p{Zs}\p{Zl}\p{Zp}]$/u.test(String.fromCodePoint(c));
}

interface Scan {
  readonly options: string[];
  opt: string;
  inOpt: boolean;
  inSingleQuote: boolean;
  inDoubleQuote: boolean;
  escapeNext: boolean;
  hasData: boolean;
}

/** One character inside an option (the launcher's `inOpt` branch). */
function inOption(st: Scan, c: number, ch: string): void {
  if (c === 0x5c /* \ */) {
    if (st.inSingleQuote) st.opt += ch;
    else st.escapeNext = true;
  } else if (c === 0x27 /* ' */) {
    if (st.inDoubleQuote) st.opt += ch;
    else st.inSingleQuote = !st.inSingleQuote;
  } else if (c === 0x22 /* " */) {
    if (st.inSingleQuote) st.opt += ch;
    else st.inDoubleQuote = !st.inDoubleQuote;
  } else if (!isJavaWhitespace(c) || st.inSingleQuote || st.inDoubleQuote) {
    st.opt += ch;
  } else {
    st.options.push(st.opt);
    st.opt = '';
    st.inOpt = false;
    st.hasData = false;
  }
}

/** One character between options: a quote or backslash opens one, a blank is skipped. */
function betweenOptions(st: Scan, c: number, ch: string): void {
  if (c === 0x27) st.inSingleQuote = true;
  else if (c === 0x22) st.inDoubleQuote = true;
  else if (c === 0x5c) st.escapeNext = true;
  else if (isJavaWhitespace(c)) return;
  else st.opt += ch;
  st.inOpt = true;
  st.hasData = true;
}

/**
 * CommandBuilderUtils.parseOptionString. Like the launcher, it steps one UTF-16 unit at a time and reads
 * the code point there, so a character outside the BMP is followed by its own low surrogate.
 */
export function parseOptionString(s: string): OptionString {
  const st: Scan = {
    options: [],
    opt: '',
    inOpt: false,
    inSingleQuote: false,
    inDoubleQuote: false,
    escapeNext: false,
    hasData: false,
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(c);
    if (st.escapeNext) {
      st.opt += ch;
      st.escapeNext = false;
    } else if (st.inOpt) inOption(st, c, ch);
    else betweenOptions(st, c, ch);
  }
  if (st.inSingleQuote || st.inDoubleQuote || st.escapeNext)
    return { ok: false, message: `Invalid option string: ${s}` };
  if (st.hasData) st.options.push(st.opt);
  return { ok: true, options: st.options };
}
