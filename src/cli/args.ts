// A small, strict argument parser: unknown options and missing values are usage errors (exit 2).
import { type SparkVersion, parseSparkVersion } from '../core/version';

export class UsageError extends Error {}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string | true>;
  /** Every value of an option given more than once (in order); `options` keeps the last. */
  readonly repeated?: Map<string, string[]>;
}

/** `spec` maps an option name (without --) to whether it takes a value. */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, boolean>>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (!Object.prototype.hasOwnProperty.call(spec, name)) throw new UsageError(`unknown option --${name}`);
      if (spec[name]) {
        const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined || (eq < 0 && value.startsWith('--')))
          throw new UsageError(`option --${name} needs a value`);
        options.set(name, value);
        repeated.set(name, [...(repeated.get(name) ?? []), value]);
      } else {
        if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
        options.set(name, true);
      }
    } else positionals.push(a);
  }
  return { positionals, options, repeated };
}

export function optionString(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** --spark-version V, shared by every command that takes it. */
export function optionSparkVersion(args: ParsedArgs): SparkVersion | undefined {
  const text = optionString(args, 'spark-version');
  if (text === undefined) return undefined;
  const version = parseSparkVersion(text);
  if (version === undefined)
    throw new UsageError(`unknown --spark-version ${text} (expected 2.4, 3.0-3.5, 4.0, 4.1 or a full x.y.z)`);
  return version;
}

/** --member N: a 1-based member line number. */
export function optionMember(args: ParsedArgs): number | undefined {
  const text = optionString(args, 'member');
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--member needs a line number from 1, got ${text}`);
  return Number(text);
}

/** An option that takes one of `choices`; the error lists them ("expected text or json"). */
export function optionChoice<C extends string>(args: ParsedArgs, name: string, choices: readonly C[]): C | undefined {
  const text = optionString(args, name);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    const expected =
      choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}` : choices[0];
    throw new UsageError(`unknown --${name} ${text} (expected ${expected})`);
  }
  return text as C;
}
