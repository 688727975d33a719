// A small, strict argument parser: unknown options and missing values are usage errors (exit 2).

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
        if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`option --${name} needs a value`);
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
