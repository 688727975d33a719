// The `sparkMemory.*` settings as the core's options. Only reading and validating here: what a
// setting means is decided in the core (versionSetting, the rule engine's severities).
import * as vscode from 'vscode';
import type { EditorOptions } from '../core/editor/analysis';
import { SEVERITY_CHOICES } from '../core/editor/settingsSchema';
import { versionSetting } from '../core/editor/versionStatus';
import type { Severity } from '../core/rules';

export const SECTION = 'sparkMemory';

export interface ExtensionSettings {
  readonly options: Omit<EditorOptions, 'leads' | 'rules'>;
  readonly inlayHints: boolean;
}

export function readSettings(scope?: vscode.Uri): ExtensionSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const sparkVersion = versionSetting(c.get<unknown>('sparkVersion'));
  const severities: Record<string, Severity | 'off'> = {};
  const rules = c.get<unknown>('rules');
  if (rules !== null && typeof rules === 'object') {
    for (const [code, value] of Object.entries(rules as Record<string, unknown>)) {
      if (typeof value === 'string' && (SEVERITY_CHOICES as readonly string[]).includes(value))
        severities[code.toUpperCase()] = value as Severity | 'off';
    }
  }
  const limit = c.get<unknown>('containerLimitMiB');
  const containerLimitMiB = typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? limit : undefined;
  const pythonApp = c.get<unknown>('pythonApp') === true;
  return {
    options: {
      ...(sparkVersion !== undefined ? { sparkVersion } : {}),
      severities,
      settings: {
        ...(containerLimitMiB !== undefined ? { containerLimitMiB } : {}),
        ...(pythonApp ? { pythonApp: true } : {}),
      },
    },
    inlayHints: c.get<unknown>('inlayHints.enabled') !== false,
  };
}
