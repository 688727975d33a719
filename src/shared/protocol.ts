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
