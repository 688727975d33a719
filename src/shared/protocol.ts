// Every message between the extension host and the simulation webview, both ways, with the
// validators each side runs on receipt. A message that fails validation is logged and ignored:
// the webview is an untrusted boundary (a compromised page must not make the host edit files
// it was not asked about), and the host may run a newer build than a restored webview.
// Pure TypeScript: no vscode, DOM or Node types (checked by tsconfig.core.json).

import type { SettingChange } from '../core/edit/applySettings';

export const PROTOCOL_VERSION = 1;

export type DocumentKindName = 'spark-defaults' | 'snappy-members' | 'spark-application';
export type MemberRoleName = 'server' | 'lead' | 'locator';
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type ExportFormat = 'json' | 'csv' | 'svg' | 'png';

/** A diagnostic of the config as the linter reports it; errors stop the panel from simulating. */
export interface PanelDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** 0-based line in the config file. */
  readonly line: number;
}

/** The active config, sent whole: the webview parses it with the same core the host uses. */
export interface ConfigPayload {
  readonly uri: string;
  /** Workspace-relative name, as messages and the CLI show it. */
  readonly fileName: string;
  readonly kind: DocumentKindName;
  readonly role?: MemberRoleName;
  readonly text: string;
  /** Document version, so an "Apply" can refuse to write over a newer text. */
  readonly version: number;
  /** The leads file beside a servers file (its -spark.* values reach every server). */
  readonly leadsText?: string;
  /** `sparkMemory.sparkVersion` when not "auto". */
  readonly sparkVersion?: string;
  readonly diagnostics: readonly PanelDiagnostic[];
  /** This extension's version, written into exports. */
  readonly productVersion?: string;
}

export type ScenarioRef =
  | { readonly source: 'preset'; readonly id: string }
  | { readonly source: 'file'; readonly fileName: string; readonly text: string };

/**
 * The member files of a SnappyData cluster, from the shown member file's folder (servers, leads,
 * locators, or their .template names), for the cluster view. A file that is not there is left out.
 */
export interface ClusterPayload {
  /** The shown member file's uri: the cluster belongs to it. */
  readonly uri: string;
  readonly servers?: string;
  readonly leads?: string;
  readonly locators?: string;
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'config'; readonly config: ConfigPayload }
  | { readonly type: 'cluster'; readonly cluster: ClusterPayload }
  | { readonly type: 'noConfig'; readonly message: string }
  | { readonly type: 'runScenario'; readonly scenario: ScenarioRef }
  | { readonly type: 'requestExport'; readonly format: ExportFormat; readonly requestId: number }
  | { readonly type: 'applied'; readonly ok: boolean; readonly message: string };

/** One setting to write back: the core's edit request (a Spark key, or a member flag such as `-heap-size`). */
export type { SettingChange };

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready'; readonly protocol: number }
  | {
      readonly type: 'apply';
      readonly uri: string;
      readonly version: number;
      readonly member?: number;
      readonly changes: readonly SettingChange[];
    }
  | {
      readonly type: 'export';
      readonly format: ExportFormat;
      readonly requestId?: number;
      readonly suggestedName: string;
      readonly data: string;
      readonly encoding: 'utf8' | 'base64';
    }
  | { readonly type: 'reveal'; readonly uri: string; readonly line: number }
  | { readonly type: 'pickScenario' }
  | { readonly type: 'log'; readonly level: 'info' | 'error'; readonly message: string };

// ---- validation -------------------------------------------------------------------------------

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const MAX_TEXT = 8 * 1024 * 1024;

function str(o: Obj, k: string, opts: { optional?: boolean; max?: number } = {}): string | undefined {
  const v = o[k];
  if (v === undefined && opts.optional === true) return undefined;
  if (typeof v !== 'string') throw new Error(`${k} must be a string`);
  if (v.length > (opts.max ?? MAX_TEXT)) throw new Error(`${k} is too long`);
  return v;
}

function int(o: Obj, k: string, opts: { optional?: boolean; min?: number } = {}): number | undefined {
  const v = o[k];
  if (v === undefined && opts.optional === true) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < (opts.min ?? 0))
    throw new Error(`${k} must be an integer ≥ ${opts.min ?? 0}`);
  return v;
}

function oneOf<T extends string>(o: Obj, k: string, allowed: readonly T[], optional = false): T | undefined {
  const v = o[k];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
    throw new Error(`${k} must be one of ${allowed.join(', ')}`);
  return v as T;
}

function only(o: Obj, keys: readonly string[]): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw new Error(`unexpected field ${k}`);
}

const KINDS: readonly DocumentKindName[] = ['spark-defaults', 'snappy-members', 'spark-application'];
const ROLES: readonly MemberRoleName[] = ['server', 'lead', 'locator'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'svg', 'png'];

function diagnostic(v: unknown): PanelDiagnostic {
  if (!isObj(v)) throw new Error('diagnostic must be an object');
  only(v, ['code', 'severity', 'message', 'line']);
  return {
    code: str(v, 'code', { max: 200 })!,
    severity: oneOf(v, 'severity', SEVERITIES)!,
    message: str(v, 'message', { max: 10_000 })!,
    line: int(v, 'line')!,
  };
}

function config(v: unknown): ConfigPayload {
  if (!isObj(v)) throw new Error('config must be an object');
  only(v, [
    'uri',
    'fileName',
    'kind',
    'role',
    'text',
    'version',
    'leadsText',
    'sparkVersion',
    'diagnostics',
    'productVersion',
  ]);
  const diags = v['diagnostics'];
  if (!Array.isArray(diags)) throw new Error('diagnostics must be an array');
  const role = oneOf(v, 'role', ROLES, true);
  const leadsText = str(v, 'leadsText', { optional: true });
  const sparkVersion = str(v, 'sparkVersion', { optional: true, max: 40 });
  const productVersion = str(v, 'productVersion', { optional: true, max: 40 });
  return {
    uri: str(v, 'uri', { max: 10_000 })!,
    fileName: str(v, 'fileName', { max: 10_000 })!,
    kind: oneOf(v, 'kind', KINDS)!,
    ...(role !== undefined ? { role } : {}),
    text: str(v, 'text')!,
    version: int(v, 'version')!,
    ...(leadsText !== undefined ? { leadsText } : {}),
    ...(sparkVersion !== undefined ? { sparkVersion } : {}),
    diagnostics: diags.map(diagnostic),
    ...(productVersion !== undefined ? { productVersion } : {}),
  };
}

function cluster(v: unknown): ClusterPayload {
  if (!isObj(v)) throw new Error('cluster must be an object');
  only(v, ['uri', 'servers', 'leads', 'locators']);
  const out: { -readonly [K in keyof ClusterPayload]: ClusterPayload[K] } = { uri: str(v, 'uri', { max: 10_000 })! };
  for (const k of ['servers', 'leads', 'locators'] as const) {
    const t = str(v, k, { optional: true });
    if (t !== undefined) out[k] = t;
  }
  return out;
}

function scenarioRef(v: unknown): ScenarioRef {
  if (!isObj(v)) throw new Error('scenario must be an object');
  const source = oneOf(v, 'source', ['preset', 'file'] as const)!;
  if (source === 'preset') {
    only(v, ['source', 'id']);
    return { source, id: str(v, 'id', { max: 200 })! };
  }
  only(v, ['source', 'fileName', 'text']);
  return { source, fileName: str(v, 'fileName', { max: 10_000 })!, text: str(v, 'text')! };
}

/**
 * The only settings the panel's Apply may write: the what-if controls (src/webview/whatIf.ts; a
 * unit test keeps the two lists equal). Anything else from the page, an extraJavaOptions with a
 * -javaagent for one, is refused at this boundary.
 */
export const WHAT_IF_KEYS: ReadonlySet<string> = new Set([
  'spark.executor.memory',
  'spark.executor.cores',
  'spark.memory.fraction',
  'spark.memory.storageFraction',
  'spark.memory.offHeap.enabled',
  'spark.memory.offHeap.size',
  // The Run view's what-if (RUN_CONTROLS): the container's overhead.
  'spark.executor.memoryOverhead',
  '-heap-size',
  '-critical-heap-percentage',
  '-eviction-heap-percentage',
]);

function change(v: unknown): SettingChange {
  if (!isObj(v)) throw new Error('change must be an object');
  only(v, ['key', 'value']);
  const key = str(v, 'key', { max: 200 })!;
  const value = str(v, 'value', { max: 1000 })!;
  // A key or value with a line break or NUL would write more than one setting into the file.
  if (!/^-?[A-Za-z][A-Za-z0-9._-]*$/.test(key)) throw new Error(`key ${JSON.stringify(key)} is not a setting name`);
  if (/[\r\n\0]/.test(value)) throw new Error('value must be on one line');
  if (!WHAT_IF_KEYS.has(key)) throw new Error(`key ${key} is not one of the panel's what-if settings`);
  return { key, value };
}

function guard<T>(parse: () => T): Validated<T> {
  try {
    return { ok: true, value: parse() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Validates a message the webview received from the host. */
export function parseHostMessage(v: unknown): Validated<HostMessage> {
  return guard((): HostMessage => {
    if (!isObj(v)) throw new Error('message must be an object');
    const type = oneOf(v, 'type', [
      'config',
      'cluster',
      'noConfig',
      'runScenario',
      'requestExport',
      'applied',
    ] as const)!;
    switch (type) {
      case 'config':
        only(v, ['type', 'config']);
        return { type, config: config(v['config']) };
      case 'cluster':
        only(v, ['type', 'cluster']);
        return { type, cluster: cluster(v['cluster']) };
      case 'noConfig':
        only(v, ['type', 'message']);
        return { type, message: str(v, 'message', { max: 10_000 })! };
      case 'runScenario':
        only(v, ['type', 'scenario']);
        return { type, scenario: scenarioRef(v['scenario']) };
      case 'requestExport':
        only(v, ['type', 'format', 'requestId']);
        return { type, format: oneOf(v, 'format', EXPORT_FORMATS)!, requestId: int(v, 'requestId')! };
      case 'applied': {
        only(v, ['type', 'ok', 'message']);
        if (typeof v['ok'] !== 'boolean') throw new Error('ok must be a boolean');
        return { type, ok: v['ok'], message: str(v, 'message', { max: 10_000 })! };
      }
    }
  });
}

/** Validates a message the host received from the webview. */
export function parseWebviewMessage(v: unknown): Validated<WebviewMessage> {
  return guard((): WebviewMessage => {
    if (!isObj(v)) throw new Error('message must be an object');
    const type = oneOf(v, 'type', ['ready', 'apply', 'export', 'reveal', 'pickScenario', 'log'] as const)!;
    switch (type) {
      case 'ready':
        only(v, ['type', 'protocol']);
        return { type, protocol: int(v, 'protocol')! };
      case 'apply': {
        only(v, ['type', 'uri', 'version', 'member', 'changes']);
        const changes = v['changes'];
        if (!Array.isArray(changes) || changes.length === 0 || changes.length > 50)
          throw new Error('changes must be a list of 1 to 50 settings');
        const member = int(v, 'member', { optional: true, min: 1 });
        return {
          type,
          uri: str(v, 'uri', { max: 10_000 })!,
          version: int(v, 'version')!,
          ...(member !== undefined ? { member } : {}),
          changes: changes.map(change),
        };
      }
      case 'export': {
        only(v, ['type', 'format', 'requestId', 'suggestedName', 'data', 'encoding']);
        const requestId = int(v, 'requestId', { optional: true });
        const suggestedName = str(v, 'suggestedName', { max: 200 })!;
        if (!/^[\w.-]+$/.test(suggestedName)) throw new Error('suggestedName must be a plain file name');
        return {
          type,
          format: oneOf(v, 'format', EXPORT_FORMATS)!,
          ...(requestId !== undefined ? { requestId } : {}),
          suggestedName,
          data: str(v, 'data', { max: 64 * 1024 * 1024 })!,
          encoding: oneOf(v, 'encoding', ['utf8', 'base64'] as const)!,
        };
      }
      case 'reveal':
        only(v, ['type', 'uri', 'line']);
        return { type, uri: str(v, 'uri', { max: 10_000 })!, line: int(v, 'line')! };
      case 'pickScenario':
        only(v, ['type']);
        return { type };
      case 'log':
        only(v, ['type', 'level', 'message']);
        return {
          type,
          level: oneOf(v, 'level', ['info', 'error'] as const)!,
          message: str(v, 'message', { max: 10_000 })!,
        };
    }
  });
}

// ---- the Run view (an event log's run replayed with what-ifs, src/extension/panel/runView.ts) ----

/** A replay's outcome as the Run view shows it (the simulator's summary and the calibration's counts). */
export interface RunOutcome {
  readonly spilledBytes: number;
  readonly spills: number;
  /** Blocks evicted from memory or dropped to disk. */
  readonly evictions: number;
  readonly failedTasks: number;
  readonly cachedPartitions: number;
  readonly peakExecutionBytes: number;
  readonly peakStorageBytes: number;
  readonly peakOffHeapBytes: number;
  /** The replay's simulated time. */
  readonly durationMs: number;
  readonly heapBytes: number;
  /** The container asked of YARN or Kubernetes, when the config has one. */
  readonly containerMiB?: number;
  /** Set when the event budget stopped the replay. */
  readonly stoppedAt?: string;
  /** The stages that spilled, with their bytes. */
  readonly spilledStages: readonly { readonly stageId: number; readonly bytes: number }[];
}

/** A replay's outcome, or why its executor does not start. */
export type RunResult =
  { readonly ok: true; readonly outcome: RunOutcome } | { readonly ok: false; readonly error: string };

/** The config the what-ifs change: the file Apply writes (when there is one) or the log's own config. */
export interface RunBase {
  /** How the view names it: a workspace-relative file name, or the log's own config. */
  readonly label: string;
  /** The document Apply writes, at the version the view was sent; absent: nothing to apply to. */
  readonly target?: { readonly uri: string; readonly version: number };
  /** Each control's value in the config (absent: left at its default). */
  readonly fileValues: Readonly<Record<string, string>>;
  /** Each control's value in effect, defaults included. */
  readonly effective: Readonly<Record<string, string>>;
  /** The replay on the config without what-ifs. */
  readonly baseline: RunResult;
}

/** Host → Run view. */
export type RunHostMessage =
  | { readonly type: 'runBase'; readonly base: RunBase }
  | { readonly type: 'runOutcome'; readonly seq: number; readonly result: RunResult }
  | { readonly type: 'applied'; readonly ok: boolean; readonly message: string };

/** Run view → host: ready, a what-if to replay, Apply (as the simulation panel's), a log line. */
export type RunViewMessage =
  | { readonly type: 'ready'; readonly protocol: number }
  | { readonly type: 'whatIf'; readonly seq: number; readonly values: Readonly<Record<string, string>> }
  | Extract<WebviewMessage, { readonly type: 'apply' }>
  | Extract<WebviewMessage, { readonly type: 'log' }>;

function nonNegative(o: Obj, k: string, optional = false): number | undefined {
  const v = o[k];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${k} must be a number ≥ 0`);
  return v;
}

/** Setting values keyed by what-if setting (WHAT_IF_KEYS), each on one line. */
function settingValues(v: unknown, what: string): Record<string, string> {
  if (!isObj(v)) throw new Error(`${what} must be an object`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(v)) {
    if (typeof value !== 'string') throw new Error(`${what}.${key} must be a string`);
    out[key] = change({ key, value }).value;
  }
  return out;
}

function runOutcome(v: unknown): RunOutcome {
  if (!isObj(v)) throw new Error('outcome must be an object');
  const numbers = [
    'spilledBytes',
    'spills',
    'evictions',
    'failedTasks',
    'cachedPartitions',
    'peakExecutionBytes',
    'peakStorageBytes',
    'peakOffHeapBytes',
    'durationMs',
    'heapBytes',
  ] as const;
  only(v, [...numbers, 'containerMiB', 'stoppedAt', 'spilledStages']);
  const stages = v['spilledStages'];
  if (!Array.isArray(stages) || stages.length > 100_000) throw new Error('spilledStages must be a list');
  const out: Record<string, unknown> = {};
  for (const k of numbers) out[k] = nonNegative(v, k);
  const containerMiB = nonNegative(v, 'containerMiB', true);
  const stoppedAt = str(v, 'stoppedAt', { optional: true, max: 10_000 });
  return {
    ...(out as Omit<RunOutcome, 'spilledStages' | 'containerMiB' | 'stoppedAt'>),
    ...(containerMiB !== undefined ? { containerMiB } : {}),
    ...(stoppedAt !== undefined ? { stoppedAt } : {}),
    spilledStages: stages.map((x): { stageId: number; bytes: number } => {
      if (!isObj(x)) throw new Error('a spilled stage must be an object');
      only(x, ['stageId', 'bytes']);
      return { stageId: int(x, 'stageId')!, bytes: nonNegative(x, 'bytes')! };
    }),
  };
}

function runResult(v: unknown): RunResult {
  if (!isObj(v) || typeof v['ok'] !== 'boolean') throw new Error('result must be an object with ok');
  if (v['ok']) {
    only(v, ['ok', 'outcome']);
    return { ok: true, outcome: runOutcome(v['outcome']) };
  }
  only(v, ['ok', 'error']);
  return { ok: false, error: str(v, 'error', { max: 10_000 })! };
}

function runBase(v: unknown): RunBase {
  if (!isObj(v)) throw new Error('base must be an object');
  only(v, ['label', 'target', 'fileValues', 'effective', 'baseline']);
  let target: RunBase['target'];
  if (v['target'] !== undefined) {
    const t = v['target'];
    if (!isObj(t)) throw new Error('target must be an object');
    only(t, ['uri', 'version']);
    target = { uri: str(t, 'uri', { max: 10_000 })!, version: int(t, 'version')! };
  }
  return {
    label: str(v, 'label', { max: 10_000 })!,
    ...(target !== undefined ? { target } : {}),
    fileValues: settingValues(v['fileValues'], 'fileValues'),
    effective: settingValues(v['effective'], 'effective'),
    baseline: runResult(v['baseline']),
  };
}

/** Validates a message the Run view received from the host. */
export function parseRunHostMessage(v: unknown): Validated<RunHostMessage> {
  return guard((): RunHostMessage => {
    if (!isObj(v)) throw new Error('message must be an object');
    const type = oneOf(v, 'type', ['runBase', 'runOutcome', 'applied'] as const)!;
    switch (type) {
      case 'runBase':
        only(v, ['type', 'base']);
        return { type, base: runBase(v['base']) };
      case 'runOutcome':
        only(v, ['type', 'seq', 'result']);
        return { type, seq: int(v, 'seq')!, result: runResult(v['result']) };
      case 'applied': {
        const m = parseHostMessage(v);
        if (!m.ok) throw new Error(m.error);
        return m.value as Extract<HostMessage, { type: 'applied' }>;
      }
    }
  });
}

/** Validates a message the host received from the Run view. */
export function parseRunViewMessage(v: unknown): Validated<RunViewMessage> {
  return guard((): RunViewMessage => {
    if (!isObj(v)) throw new Error('message must be an object');
    const type = oneOf(v, 'type', ['ready', 'whatIf', 'apply', 'log'] as const)!;
    if (type === 'whatIf') {
      only(v, ['type', 'seq', 'values']);
      const values = settingValues(v['values'], 'values');
      for (const k of Object.keys(values))
        if (!k.startsWith('spark.')) throw new Error(`${k} is not one of the Run view's Spark settings`);
      return { type, seq: int(v, 'seq')!, values };
    }
    const m = parseWebviewMessage(v);
    if (!m.ok) throw new Error(m.error);
    return m.value as RunViewMessage;
  });
}

/** What the webview keeps through getState/setState and what the panel serializer restores. */
export interface PanelState {
  readonly uri?: string;
  readonly scenario?: ScenarioRef;
  readonly whatIf?: Readonly<Record<string, string>>;
  readonly member?: number;
  readonly speed?: number;
  readonly view?: 'simulation' | 'compare' | 'cluster';
}

/** Validates restored state; anything unexpected is dropped rather than trusted. */
export function parsePanelState(v: unknown): PanelState {
  if (!isObj(v)) return {};
  const out: { -readonly [K in keyof PanelState]: PanelState[K] } = {};
  if (typeof v['uri'] === 'string' && v['uri'].length < 10_000) out.uri = v['uri'];
  const sc = guard(() => scenarioRef(v['scenario']));
  if (sc.ok) out.scenario = sc.value;
  if (isObj(v['whatIf'])) {
    const w: Record<string, string> = {};
    for (const [k, val] of Object.entries(v['whatIf']))
      if (typeof val === 'string' && k.length < 200 && val.length < 1000) w[k] = val;
    out.whatIf = w;
  }
  if (typeof v['member'] === 'number' && Number.isSafeInteger(v['member']) && v['member'] >= 1)
    out.member = v['member'];
  if (typeof v['speed'] === 'number' && Number.isFinite(v['speed']) && v['speed'] > 0 && v['speed'] <= 1000)
    out.speed = v['speed'];
  if (v['view'] === 'simulation' || v['view'] === 'compare' || v['view'] === 'cluster') out.view = v['view'];
  return out;
}
