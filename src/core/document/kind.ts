// Which reader a file goes to, decided the way the real systems find their files: Spark reads
// `spark-defaults.conf` from its conf dir; snappy-nodes.sh reads `conf/servers`, `conf/leads`,
// `conf/locators`; spark-operator takes any YAML whose apiVersion is sparkoperator.k8s.io/*.

export type DocumentKind = 'spark-defaults' | 'snappy-members' | 'spark-application';
export type MemberRole = 'server' | 'lead' | 'locator';

export interface DocumentType {
  readonly kind: DocumentKind;
  /** For SnappyData member files: the role the launch scripts give every line of this file. */
  readonly role?: MemberRole;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

function parentName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 2] ?? '';
}

const ROLE_BY_FILE: Readonly<Record<string, MemberRole>> = { servers: 'server', leads: 'lead', locators: 'locator' };

export function memberRoleOf(path: string): MemberRole | undefined {
  const name = baseName(path).replace(/\.template$/, '');
  return Object.prototype.hasOwnProperty.call(ROLE_BY_FILE, name) ? ROLE_BY_FILE[name] : undefined;
}

const SPARK_APPLICATION_API = /^\s*apiVersion\s*:\s*["']?sparkoperator\.k8s\.io\//m;
const SPARK_APPLICATION_KIND = /^\s*kind\s*:\s*["']?(Scheduled)?SparkApplication["']?\s*(#.*)?$/m;

/** True when a YAML text declares a spark-operator SparkApplication (or ScheduledSparkApplication). */
export function isSparkApplicationYaml(text: string): boolean {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  return SPARK_APPLICATION_API.test(head) && SPARK_APPLICATION_KIND.test(head);
}

export function detectDocumentType(path: string, text?: string): DocumentType | undefined {
  const name = baseName(path);
  if (name === 'spark-defaults.conf' || name === 'spark-defaults.conf.template') return { kind: 'spark-defaults' };
  const role = memberRoleOf(path);
  if (role !== undefined && parentName(path) === 'conf') return { kind: 'snappy-members', role };
  if (/\.ya?ml$/i.test(name) && text !== undefined && isSparkApplicationYaml(text))
    return { kind: 'spark-application' };
  return undefined;
}
