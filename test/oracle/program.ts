// A program: one run of the op vocabulary of shared/spec/conformance-format.md on a fresh manager,
// as the Java harness (scripts/oracle/spark/.../ManagerHarness.java) reads it, one JSON line each.
import { ConsumerDecl, Json, JsonObject, OpsCase, SpillableDecl } from '../conformance/runner';

export interface ProgramStep {
  readonly op: string;
  readonly args: JsonObject;
  /** The simulator made this call wait: the harness runs it on a worker thread (Waiters.java). */
  simBlocks?: boolean;
}

export interface Program {
  readonly config: JsonObject;
  readonly consumers: readonly ConsumerDecl[];
  /** Spark's Spillable collections (HarnessSpillable.java); absent = none. */
  readonly spillables?: readonly SpillableDecl[];
  readonly steps: readonly ProgramStep[];
}

/** The program as an ops case the simulator's runner understands (no expectations). */
export function programCase(p: Program, id = 'oracle'): OpsCase {
  return {
    id,
    kind: 'ops',
    source: 'oracle',
    versions: [],
    derivation: 'oracle',
    raw: {},
    config: p.config,
    consumers: p.consumers,
    spillables: p.spillables ?? [],
    initialExpect: undefined,
    steps: p.steps.map((s) => ({ op: s.op, args: s.args, expect: undefined, expectByVersion: undefined })),
  };
}

export function programJson(p: Program): string {
  const consumers: Json[] = p.consumers.map((c) => ({ name: c.name, task: c.task, mode: c.mode, spill: c.spill }));
  const spillables: Json[] = (p.spillables ?? []).map((s) =>
    s.canForceSpill ? { name: s.name, task: s.task } : { name: s.name, task: s.task, forceSpill: false },
  );
  return JSON.stringify({
    config: p.config,
    consumers,
    ...(spillables.length > 0 ? { spillables } : {}),
    steps: p.steps.map((s) =>
      s.simBlocks === true ? { op: s.op, args: s.args, simBlocks: true } : { op: s.op, args: s.args },
    ),
  });
}
