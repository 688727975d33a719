// `node dist/cli.js <command> ...`: the command-line front of the core. Usage problems and
// unreadable input print one line and exit 2; nothing here prints a stack trace.
import { ParsedArgs, UsageError, parseArgs } from './args';
import { InputError } from './input';
import { LAYOUT_OPTIONS, runLayout } from './layoutCommand';
import { LINT_OPTIONS, runLint } from './lintCommand';
import { LOG_OPTIONS, runLog } from './logCommand';
import { SIMULATE_OPTIONS, runSimulate } from './simulateCommand';
import { neutralise } from './terminal';

const LAYOUT_USAGE = `  layout <file> [--member N] [--spark-version V] [--format text|json]
         the memory layout Spark or SnappyData derives from a config file
         (also: --type T, --system-memory BYTES, --jvm-shortfall F,
          --gc G1|Parallel|Serial|ZGC|Shenandoah|CMS, --java 8|11|17|21|25, --host-ram BYTES, --host-cores N)
`;
const LINT_USAGE = `  lint <files or folders...> [--format text|json|sarif] [--spark-version V] [--container-limit MiB]
         every diagnostic for spark-defaults.conf, conf/servers|leads|locators and SparkApplication
         YAML files (folders are searched); exit 0 without errors, 1 with errors, 2 on bad input
`;
const LOG_USAGE = `  log <file|folder|History Server URL> [--format text|json] [--set key=value ...] [--replay [--conf FILE]
         [--save-scenario FILE]]
         reads a Spark event log (plain, .lz4, .lzf, .snappy, .zstd, .inprogress; a rolling
         eventlog_v2_<appId> folder) and tells what memory did in that run: maximum memory
         logged beside the layout's prediction, spills per stage against the per-task share,
         the cache, and failures caused by memory; --set applies a what-if to the layout.
         --replay runs a workload derived from the log on its own config (predicted against
         observed spill, cached partitions, evictions), then on --conf FILE and/or the --set
         what-ifs; --save-scenario writes the derived workload as scenario YAML.
         Exit 1 when part of the log cannot be read (the rest is still reported)
`;
const SIMULATE_USAGE = `  simulate <config> (--scenario <file.yaml> | --preset <name>) [--member N] [--spark-version V]
         [--format text|json] [--compare levels] [--conf key=value ...]
         runs a workload scenario on the executor the config describes (one executor, simulated
         time): cache hits, evictions, spills, waits; presets: iterative-ml, wide-aggregation,
         broadcast-join, cache-thrash, offheap-shuffle, stateful-streaming, snappy-column-load,
         snappy-row-no-eviction.
         --conf sets a what-if
         (SnappyData: heapSize, criticalHeapPercentage, evictionHeapPercentage or spark.* keys).
         A scenario error prints file:line: field: message; exit 2 on bad input
`;
const USAGE = `usage: spark-memory <command> [options]\n\ncommands:\n${LAYOUT_USAGE}${LINT_USAGE}${LOG_USAGE}${SIMULATE_USAGE}`;

interface Command {
  readonly options: Readonly<Record<string, boolean>>;
  readonly usage: string;
  /** A command that reads from the network (log <url>) answers a promise. */
  readonly run: (args: ParsedArgs, out: (s: string) => void, err: (s: string) => void) => number | Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  layout: { options: LAYOUT_OPTIONS, usage: LAYOUT_USAGE, run: runLayout },
  lint: { options: LINT_OPTIONS, usage: LINT_USAGE, run: runLint },
  log: { options: LOG_OPTIONS, usage: LOG_USAGE, run: runLog },
  simulate: { options: SIMULATE_OPTIONS, usage: SIMULATE_USAGE, run: runSimulate },
};

/** `<command> --help` (or -h) before any `--`. */
function asksForHelp(rest: readonly string[]): boolean {
  const end = rest.indexOf('--');
  return (end < 0 ? rest : rest.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Everything printed goes through `neutralise`: text from the files read must not drive the terminal. */
export function main(
  argv: readonly string[],
  rawOut: (s: string) => void,
  rawErr: (s: string) => void,
): number | Promise<number> {
  const out = (s: string) => rawOut(neutralise(s));
  const err = (s: string) => rawErr(neutralise(s));
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    err(`spark-memory: unknown command ${name} (try --help)\n`);
    return 2;
  }
  if (asksForHelp(rest)) {
    out(`usage: spark-memory ${command.usage.trimStart()}`);
    return 0;
  }
  const fail = (e: unknown): number => {
    if (e instanceof UsageError || e instanceof InputError) {
      err(`spark-memory ${name}: ${e.message}\n`);
      return 2;
    }
    err(`spark-memory ${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  };
  try {
    const r = command.run(parseArgs(rest, command.options), out, err);
    return typeof r === 'number' ? r : r.catch(fail);
  } catch (e) {
    return fail(e);
  }
}

if (require.main === module) {
  // A reader that stops early (`| head`) closes the pipe: that ends the output, it is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`spark-memory: cannot write the output: ${e.message}\n`);
    process.exit(2);
  });
  const code = main(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  );
  if (typeof code === 'number') process.exitCode = code;
  else void code.then((c) => (process.exitCode = c));
}
