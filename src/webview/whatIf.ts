// What-if values: the settings the panel's controls change, keyed by the name they have in the file
// (a Spark key, or a SnappyData member flag such as `-heap-size`). Pure: turns them into layout
// overrides, into a member line rewritten with the new flags, and into the `apply` changes.
import type { ParsedDocument } from '../core/analyze';
import { sparkConfOf } from '../core/analyze';
import { membersWithSettings } from '../core/edit/applySettings';
import type { SparkLayout } from '../core/layout/sparkLayout';
import type { MembersDocument } from '../core/parse/members';
import { toHeapSizeString, toSizeString } from '../core/size';
import type { SettingChange } from '../shared/protocol';

export type WhatIf = Readonly<Record<string, string>>;

export interface WhatIfControl {
  readonly key: string;
  readonly label: string;
  readonly kind: 'size' | 'int' | 'fraction' | 'percent' | 'boolean';
  /** Slider range (sizes in MiB). */
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** 'log': the slider moves in powers of two (512 MiB to 64 GiB is 7 even steps, not 1 % for the first GiB). */
  readonly scale?: 'log';
}

export const SPARK_CONTROLS: readonly WhatIfControl[] = [
  {
    key: 'spark.executor.memory',
    label: 'Executor memory',
    kind: 'size',
    min: 512,
    max: 65536,
    step: 256,
    scale: 'log',
  },
  { key: 'spark.executor.cores', label: 'Executor cores', kind: 'int', min: 1, max: 32, step: 1 },
  { key: 'spark.memory.fraction', label: 'spark.memory.fraction', kind: 'fraction', min: 0.05, max: 0.95, step: 0.05 },
  {
    key: 'spark.memory.storageFraction',
    label: 'spark.memory.storageFraction',
    kind: 'fraction',
    min: 0,
    max: 0.95,
    step: 0.05,
  },
  { key: 'spark.memory.offHeap.enabled', label: 'Off-heap enabled', kind: 'boolean' },
  {
    key: 'spark.memory.offHeap.size',
    label: 'Off-heap size',
    kind: 'size',
    min: 64,
    max: 65536,
    step: 64,
    scale: 'log',
  },
];

/**
 * The Run view's controls: the panel's Spark ones and the executor's memory overhead, which sizes
 * the container (YARN, Kubernetes) and not the heap the replay runs on.
 */
export const RUN_CONTROLS: readonly WhatIfControl[] = [
  ...SPARK_CONTROLS,
  {
    key: 'spark.executor.memoryOverhead',
    label: 'spark.executor.memoryOverhead',
    kind: 'size',
    // Spark's floor: max(0.10 × heap, 384 MiB) (YarnAllocator / ResourceProfile, 3.x; MEMORY_OVERHEAD_MIN).
    min: 384,
    max: 32768,
    step: 128,
    scale: 'log',
  },
];

export const SNAPPY_CONTROLS: readonly WhatIfControl[] = [
  {
    key: '-heap-size',
    label: 'Heap (-heap-size)',
    kind: 'size',
    min: 1024,
    max: 131072,
    step: 512,
    scale: 'log',
  },
  { key: '-critical-heap-percentage', label: 'Critical heap %', kind: 'percent', min: 50, max: 99, step: 0.5 },
  { key: '-eviction-heap-percentage', label: 'Eviction heap %', kind: 'percent', min: 40, max: 98, step: 0.5 },
];

const SNAPPY_KEYS = new Set(SNAPPY_CONTROLS.map((c) => c.key));

/** Only the keys that differ from nothing: empty values mean "as in the file". */
function present(w: WhatIf): [string, string][] {
  return Object.entries(w).filter(([, v]) => v.trim() !== '');
}

/** Overrides for layoutOfDocument / the engine: the Spark keys of a what-if. */
export function sparkOverrides(w: WhatIf): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of present(w)) if (k.startsWith('spark.')) out[k] = v.trim();
  return out;
}

/** Member flags of a what-if (`-heap-size` → `8g`). */
export function memberFlags(w: WhatIf): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of present(w)) if (SNAPPY_KEYS.has(k)) out[k] = v.trim();
  return out;
}

/**
 * The members document with member `index` (0-based) carrying the given flags, written as "Apply
 * to file" would write them (the core's membersWithSettings), so the preview is what Apply gives.
 */
export function applyMemberFlags(
  doc: MembersDocument,
  index: number,
  flags: Readonly<Record<string, string>>,
): { readonly ok: true; readonly doc: MembersDocument } | { readonly ok: false; readonly message: string } {
  return membersWithSettings(
    doc,
    Object.entries(flags).map(([key, value]) => ({ key, value })),
    index + 1,
  );
}

/** The changes an "Apply to file" writes: every what-if setting that has a value. */
export function settingChanges(w: WhatIf, flavour: 'spark' | 'snappydata'): SettingChange[] {
  const keep = flavour === 'spark' ? (k: string) => k.startsWith('spark.') : (k: string) => SNAPPY_KEYS.has(k);
  return present(w)
    .filter(([k]) => keep(k))
    .map(([key, value]) => ({ key, value: value.trim() }));
}

/** The values the file sets now, to start each control from (undefined: the file leaves it at its default). */
export function fileValues(doc: ParsedDocument, member = 0): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (doc.kind === 'snappy-members') {
    const m = doc.members[member];
    for (const c of SNAPPY_CONTROLS) {
      const name = c.key.replace(/^-/, '');
      const arg = m?.args.filter((a) => a.key === name && a.value !== undefined).pop();
      out[c.key] = arg?.value;
    }
    return out;
  }
  const conf = sparkConfOf(doc);
  for (const c of SPARK_CONTROLS) out[c.key] = conf.get(c.key)?.value;
  return out;
}

/**
 * The value each Spark what-if setting has in effect in a laid-out executor (a default included),
 * as a setting string: where a control starts when the config leaves the setting out.
 */
export function sparkEffectiveValues(l: SparkLayout): Record<string, string | undefined> {
  const u = l.unified;
  return {
    'spark.executor.memory': toHeapSizeString(l.executorMemory),
    'spark.executor.cores': String(l.executorCores),
    ...(u !== undefined
      ? {
          'spark.memory.fraction': String(u.memoryFraction),
          'spark.memory.storageFraction': String(u.storageFraction),
          'spark.memory.offHeap.enabled': String(u.offHeapEnabled),
          'spark.memory.offHeap.size': u.maxOffHeapMemory > 0 ? toSizeString(u.maxOffHeapMemory) : '0',
        }
      : {}),
  };
}

/** The Run view's controls' values in effect: the Spark ones and the container's overhead when there is a container. */
export function runEffectiveValues(l: SparkLayout): Record<string, string | undefined> {
  return {
    ...sparkEffectiveValues(l),
    ...(l.container !== undefined ? { 'spark.executor.memoryOverhead': `${l.container.memoryOverheadMiB}m` } : {}),
  };
}

/** The slider's own min, max and step: MiB for linear sizes, log2(MiB) for log ones. */
export function sliderRange(c: WhatIfControl): { readonly min: number; readonly max: number; readonly step: number } {
  const min = c.min ?? 0;
  const max = c.max ?? 100;
  if (c.scale === 'log') return { min: Math.log2(Math.max(1, min)), max: Math.log2(Math.max(2, max)), step: 0.01 };
  return { min, max, step: c.step ?? 1 };
}

/**
 * A control's slider position for a value (sizes in MiB, or log2 MiB on a log scale), clamped to
 * the slider's range, or undefined when the value does not parse.
 */
export function sliderValue(
  c: WhatIfControl,
  value: string | undefined,
  sizeBytes?: (v: string) => number | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  if (c.kind === 'size') {
    const b = sizeBytes?.(value);
    if (b === undefined) return undefined;
    const r = sliderRange(c);
    const mib = b / 2 ** 20;
    const pos = c.scale === 'log' ? Math.round(Math.log2(Math.max(1, mib)) * 100) / 100 : Math.round(mib);
    return Math.min(r.max, Math.max(r.min, pos));
  }
  if (c.kind === 'boolean') return value.trim().toLowerCase() === 'true' ? 1 : 0;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** The setting string for a slider position (sizes as whole MiB or GiB: `4g`, `1536m`). */
export function valueOfSlider(c: WhatIfControl, n: number): string {
  switch (c.kind) {
    case 'size': {
      const mib = c.scale === 'log' ? snapMiB(2 ** n, c.step ?? 1) : Math.round(n);
      return mib > 0 && mib % 1024 === 0 ? `${mib / 1024}g` : `${mib}m`;
    }
    case 'int':
      return String(Math.round(n));
    case 'boolean':
      return n ? 'true' : 'false';
    case 'fraction':
      return String(Math.round(n * 1000) / 1000);
    case 'percent':
      return String(Math.round(n * 10) / 10);
  }
}

/** A size the slider lands on, rounded as people write them: whole GiB from 8 GiB, else `step` MiB. */
function snapMiB(mib: number, step: number): number {
  const unit = mib >= 8192 ? 1024 : step;
  return Math.max(unit, Math.round(mib / unit) * unit);
}
