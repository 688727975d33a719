// Checks a hand-derived case's expectations against the states Spark's real classes produced
// (the Java harness's output for the case's steps), with the runner's own comparison rules.
import {
  CaseRelease,
  Json,
  JsonObject,
  OpsCase,
  applyVersionSplits,
  comparePartialMap,
  compareZeroDefaultMap,
  jsonEqual,
  show,
} from '../conformance/runner';
import { Program } from './program';
import { HARNESS_OPS } from './snapshot';

interface State {
  r: JsonObject;
  w: JsonObject[];
  pools: number[];
  used: number[];
  maxStorage: number[];
  req: number[];
  evicted: string[];
  inMemory: string[];
  onDisk: string[];
  tasks: Record<string, number>;
  consumers: Record<string, number>;
  spilled: Record<string, number>;
  spillOrder: string[];
  /** [task, bytes] rows (SparkState.java). */
  unroll: [number, number][];
  maxHeap: number | null;
  /** [task, peakOnHeap, peakOffHeap] rows, 4.0+. */
  peaks: [number, number, number][];
}

/** The program of a case, or why the harness cannot run it. */
export function caseProgram(c: OpsCase, rel: CaseRelease): Program | string {
  const bad = c.steps.find((s) => !HARNESS_OPS.has(s.op));
  if (bad !== undefined) return `uses ${bad.op}`;
  const model = c.config['manager'];
  // Spark's TestMemoryManager comes from spark-core's tests jar (scripts/oracle/spark/pom.xml); it is
  // the manager of these cases on every line, the legacy one included (as in the simulator's runner).
  const config = rel.legacy && model !== 'test-limit' ? { ...c.config, manager: 'static' } : c.config;
  if (model !== undefined && model !== 'unified' && model !== 'static' && model !== 'test-limit')
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a JSON scalar from the case
    return `uses the ${String(model)} manager`;
  // A step the case expects to wait runs on a worker thread in the harness (Waiters.java).
  const steps = c.steps.map((s) =>
    s.expect?.['blocked'] === true ? { op: s.op, args: s.args, simBlocks: true } : { op: s.op, args: s.args },
  );
  return { config, consumers: c.consumers, spillables: c.spillables, steps };
}

/** A peak column of the harness's [task, onHeap, offHeap] rows as {task: bytes}. */
function peakMap(s: State, column: 1 | 2): Record<string, number> {
  const o: Record<string, number> = {};
  for (const row of s.peaks) o[String(row[0])] = row[column];
  return o;
}

function checkOne(key: string, want: Json, s: State): string | undefined {
  const eq = (got: Json): string | undefined =>
    jsonEqual(want, got) ? undefined : `${key} expected ${show(want)}, Spark gives ${show(got)}`;
  switch (key) {
    case 'granted':
    case 'blocked':
    case 'freed':
    case 'result':
    case 'size':
    case 'unrollHeld':
    case 'unrollRequests':
    case 'spilled':
    case 'requested':
    case 'threshold':
      return eq(s.r[key] ?? null);
    case 'maxHeapMemory':
      return eq(s.maxHeap);
    case 'unrollForTask':
      return compareZeroDefaultMap(key, want, new Map(s.unroll));
    case 'peakOnHeap':
      return comparePartialMap(key, want, peakMap(s, 1));
    case 'peakOffHeap':
      return comparePartialMap(key, want, peakMap(s, 2));
    case 'throws': {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a JSON scalar from the case
      const cls = typeof want === 'string' ? want : String((want as JsonObject)['class'] ?? '');
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a JSON scalar from the harness
      const got = String(s.r['throws'] ?? 'nothing');
      return cls.includes(got) ? undefined : `throws expected ${cls}, Spark throws ${got}`;
    }
    case 'executionUsed':
      return eq(s.used[0] ?? null);
    case 'storageUsed':
      return eq(s.used[1] ?? null);
    case 'maxOnHeapStorageMemory':
      return eq(s.maxStorage[0] ?? null);
    case 'maxOffHeapStorageMemory':
      return eq(s.maxStorage[1] ?? null);
    case 'pools': {
      const [a, b, c, d] = s.pools;
      return comparePartialMap(key, want, {
        onHeapStorage: a ?? 0,
        onHeapExecution: b ?? 0,
        offHeapStorage: c ?? 0,
        offHeapExecution: d ?? 0,
      });
    }
    case 'evictRequests':
      return eq(s.req);
    case 'evicted':
      return eq(s.evicted);
    case 'inMemory':
      return eq(s.inMemory);
    case 'onDisk':
      return eq(s.onDisk);
    case 'taskExecution': {
      const diffs: string[] = [];
      const w = want as Record<string, number>;
      for (const [t, v] of Object.entries(w))
        if ((s.tasks[t] ?? 0) !== v) diffs.push(`${t} expected ${v}, Spark ${s.tasks[t] ?? 0}`);
      for (const [t, v] of Object.entries(s.tasks)) if (!(t in w) && v !== 0) diffs.push(`${t} holds ${v} in Spark`);
      return diffs.length === 0 ? undefined : `taskExecution: ${diffs.join(', ')}`;
    }
    case 'consumers':
      return comparePartialMap(key, want, s.consumers);
    case 'spilledBytes':
      return comparePartialMap(key, want, s.spilled);
    case 'spillOrder':
      return eq(s.spillOrder);
    case 'woken': {
      const ws = want as JsonObject[];
      const ok =
        ws.length === s.w.length &&
        ws.every((x, i) => Object.entries(x).every(([k, v]) => jsonEqual(v, (s.w[i] as JsonObject)[k] ?? null)));
      return ok ? undefined : `woken expected ${show(want)}, Spark gives ${show(s.w)}`;
    }
    default:
      // A key the harness cannot answer is a disagreement: a new or misspelled expectation must not
      // pass unchecked.
      return `${key}: the harness has no state to check this expectation against`;
  }
}

/** Keys of the step's own result (not checked when the step threw, as in the conformance runner). */
const RESULT_KEYS = new Set([
  'granted',
  'blocked',
  'freed',
  'result',
  'size',
  'unrollHeld',
  'unrollRequests',
  'spilled',
  'requested',
  'threshold',
]);

/** Differences between the case's expectations and Spark's states ([] = Spark agrees). */
export function checkCaseAgainstSpark(c: OpsCase, rel: CaseRelease, output: string): string[] {
  const parsed = JSON.parse(output) as State[] | JsonObject;
  if (!Array.isArray(parsed)) {
    const construct = parsed['construct'] as JsonObject | undefined;
    const ie = c.initialExpect;
    if (construct !== undefined && ie !== undefined && ie['throws'] !== undefined) {
      const d = checkOne('throws', ie['throws'], { r: { throws: construct['throws'] ?? null } } as unknown as State);
      return d === undefined ? [] : [`construction: ${d}`];
    }
    return [`Spark: ${output.slice(0, 300)}`];
  }
  const out: string[] = [];
  const first = parsed[0];
  if (c.initialExpect !== undefined && first !== undefined)
    for (const [k, v] of Object.entries(c.initialExpect)) {
      const d = checkOne(k, v, first);
      if (d !== undefined) out.push(`initialExpect: ${d}`);
    }
  c.steps.forEach((step, i) => {
    const s = parsed[i + 1];
    if (s === undefined) return;
    const exp = applyVersionSplits(step.expect ?? {}, step.expectByVersion, rel.version);
    for (const [k, v] of Object.entries(exp)) {
      if (s.r['throws'] !== undefined && RESULT_KEYS.has(k)) continue;
      const d = checkOne(k, v, s);
      if (d !== undefined) out.push(`step ${i} (${step.op}): ${d}`);
    }
    if (exp['throws'] === undefined && s.r['throws'] !== undefined)
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a JSON scalar from the harness
      out.push(`step ${i} (${step.op}): Spark throws ${String(s.r['throws'])}`);
  });
  return out;
}
