// Which flavour and version the analysis of a file uses, said the way the status bar shows it
// ("Spark 3.5 (default)", "Spark 3.5.1 (from spec.sparkVersion)", "SnappyData 1.3 (Spark 2.1
// fork)"), and the versions a user can choose in the `sparkMemory.sparkVersion` setting.
import type { DocumentKind } from '../document/kind';
import {
  DEFAULT_SPARK_VERSION,
  SUPPORTED_SPARK_VERSIONS,
  SparkVersion,
  formatVersion,
  parseSparkVersion,
} from '../version';

export interface VersionStatus {
  /** Short text for the status item. */
  readonly text: string;
  /** One sentence on where it comes from. */
  readonly detail: string;
}

export const AUTO_VERSION = 'auto';

/** The representative release of a line is shown as the line (3.5); any other release in full (3.5.1). */
function shown(v: SparkVersion): string {
  const rep = SUPPORTED_SPARK_VERSIONS.find((s) => s.major === v.major && s.minor === v.minor);
  return rep !== undefined && rep.patch === v.patch ? `${v.major}.${v.minor}` : formatVersion(v);
}

export function versionStatus(
  kind: DocumentKind,
  version: SparkVersion,
  source: 'setting' | 'document' | 'default',
): VersionStatus {
  if (kind === 'snappy-members') {
    return {
      text: 'SnappyData 1.3 (Spark 2.1 fork)',
      detail:
        'SnappyData 1.3 embeds its own fork of Spark 2.1 with its own memory manager; the Spark version setting does not apply to member files.',
    };
  }
  switch (source) {
    case 'setting':
      return {
        text: `Spark ${shown(version)} (setting)`,
        detail: `Chosen in sparkMemory.sparkVersion (Spark ${formatVersion(version)}).`,
      };
    case 'document':
      return {
        text: `Spark ${formatVersion(version)} (from spec.sparkVersion)`,
        detail: 'The SparkApplication names its Spark version; sparkMemory.sparkVersion is "auto".',
      };
    case 'default':
      return {
        text: `Spark ${shown(version)} (default)`,
        detail: `Nothing chooses a version, so the default line is used (Spark ${formatVersion(DEFAULT_SPARK_VERSION)}).`,
      };
  }
}

/** The value of sparkMemory.sparkVersion as a version; undefined for "auto" and anything unreadable. */
export function versionSetting(value: unknown): SparkVersion | undefined {
  if (typeof value !== 'string' || value.trim() === '' || value.trim().toLowerCase() === AUTO_VERSION) return undefined;
  return parseSparkVersion(value);
}

export interface VersionChoice {
  /** The setting value. */
  readonly value: string;
  readonly label: string;
  readonly description: string;
}

/** "auto" and one entry per supported Spark line, newest first. */
export function versionChoices(): VersionChoice[] {
  const lines = [...SUPPORTED_SPARK_VERSIONS].reverse().map((v) => ({
    value: `${v.major}.${v.minor}`,
    label: `Spark ${v.major}.${v.minor}`,
    description: `modelled on ${formatVersion(v)}${v.major === DEFAULT_SPARK_VERSION.major && v.minor === DEFAULT_SPARK_VERSION.minor ? ' (the default)' : ''}`,
  }));
  return [
    {
      value: AUTO_VERSION,
      label: 'Auto',
      description: `spec.sparkVersion of a SparkApplication, else Spark ${DEFAULT_SPARK_VERSION.major}.${DEFAULT_SPARK_VERSION.minor}`,
    },
    ...lines,
  ];
}
