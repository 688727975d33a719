// Generates src/core/catalog/generated/sparkRegistry.json: every config entry Spark 3.5, 4.1 and 4.2
// register (ConfigEntry.knownConfigs after their config objects initialise), read from the real jars
// by scripts/oracle/spark/src/main/java/sparkmemory/oracle/KeyRegistry.java. Generator only: the
// product reads the JSON, never the jars.
//
//   npm run gen:spark-keys              resolve the jars (scripts/oracle/spark/keys/pom.xml), run one JVM
//                                        per line, write the JSON
//   npm run gen:spark-keys -- --cached   rebuild the JSON from the last JVM dumps (no JVM)
//
// Needs Java 17 and Maven, like the oracle (scripts/oracle/README.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keysDir = join(root, 'scripts', 'oracle', 'spark', 'keys');
const cache = join(process.env.SPARK_MEMORY_ORACLE_CACHE ?? join(homedir(), '.cache', 'spark-memory-oracle'), 'keys');
const out = join(root, 'src', 'core', 'catalog', 'generated', 'sparkRegistry.json');
const cached = process.argv.includes('--cached');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  if (r.error !== undefined) throw new Error(`${cmd}: ${r.error.message}`);
  return r;
}

/** lines.txt: line core+sql streaming yarn kubernetes kubernetes-scala hive hive-common kafka connect */
function readLines() {
  return readFileSync(join(keysDir, 'lines.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [line, core, streaming, yarn, kubernetes, kubernetesScala, hive, hiveCommon, kafka, connect] =
        l.split(/\s+/);
      return { line, core, streaming, yarn, kubernetes, kubernetesScala, hive, hiveCommon, kafka, connect };
    });
}

function resolveClasspath(l) {
  const file = join(cache, `classpath-${l.line}.txt`);
  const args = [
    '-q',
    '-B',
    '-f',
    join(keysDir, 'pom.xml'),
    'dependency:build-classpath',
    `-Dspark.version=${l.core}`,
    '-Dscala.binary=2.13',
    `-Dstreaming.version=${l.streaming}`,
    `-Dyarn.version=${l.yarn}`,
    `-Dkubernetes.version=${l.kubernetes}`,
    `-Dkubernetes.scala=${l.kubernetesScala}`,
    `-Dhive.version=${l.hive}`,
    `-Dhive.common.version=${l.hiveCommon}`,
    `-Dkafka.version=${l.kafka}`,
    ...(l.connect === '-' ? [] : ['-Pconnect', `-Dconnect.version=${l.connect}`]),
    `-Dmdep.outputFile=${file}`,
  ];
  if (run('mvn', ['-o', ...args]).status !== 0) {
    console.error(`gen-spark-keys: resolving Spark ${l.core} modules from Maven Central...`);
    const r = run('mvn', args);
    if (r.status !== 0) throw new Error(`Maven could not resolve Spark ${l.core}:\n${r.stdout}${r.stderr}`);
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * A Kubernetes module published for Scala 2.12 only (3.5: kubernetes-scala in lines.txt) does not load on
 * the line's 2.13 classpath: it gets a classpath of its own, spark-core_2.12 at the module's release and the
 * module (scripts/oracle/spark/clusters/pom.xml, the oracle's container classpath), and its own dump.
 */
function resolveKubernetes212(l) {
  const file = join(cache, `classpath-${l.line}-kubernetes.txt`);
  const args = [
    '-q',
    '-B',
    '-f',
    join(root, 'scripts', 'oracle', 'spark', 'clusters', 'pom.xml'),
    'dependency:build-classpath',
    `-Dmodule.artifact=spark-kubernetes_${l.kubernetesScala}`,
    `-Dmodule.version=${l.kubernetes}`,
    `-Dcore.version=${l.kubernetes}`,
    '-Pscala212-core',
    `-Dmdep.outputFile=${file}`,
  ];
  if (run('mvn', ['-o', ...args]).status !== 0) {
    console.error(
      `gen-spark-keys: resolving spark-kubernetes_${l.kubernetesScala} ${l.kubernetes} from Maven Central...`,
    );
    const r = run('mvn', args);
    if (r.status !== 0)
      throw new Error(`Maven could not resolve spark-kubernetes ${l.kubernetes}:\n${r.stdout}${r.stderr}`);
  }
  return readFileSync(file, 'utf8').trim();
}

function dumpLine(l, label = l.line, classpath = resolveClasspath(l)) {
  const classes = join(cache, `classes-${label}`);
  mkdirSync(classes, { recursive: true });
  const src = join(root, 'scripts', 'oracle', 'spark', 'src', 'main', 'java', 'sparkmemory', 'oracle');
  const c = run('javac', [
    '-nowarn',
    '-d',
    classes,
    '-cp',
    classpath,
    join(src, 'KeyRegistry.java'),
    join(src, 'Json.java'),
  ]);
  if (c.status !== 0) throw new Error(`javac failed:\n${c.stdout}${c.stderr}`);
  console.error(`gen-spark-keys: Spark ${l.core}: reading the config registry (one JVM)...`);
  const r = run('java', [
    '-XX:+UseSerialGC',
    `-Dlog4j2.configurationFile=${join(root, 'scripts', 'oracle', 'spark', 'log4j2.properties')}`,
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-cp',
    `${classes}:${classpath}`,
    'sparkmemory.oracle.KeyRegistry',
    'dump',
  ]);
  if (r.status !== 0) throw new Error(`KeyRegistry failed on Spark ${l.core}:\n${r.stderr}`);
  if (r.stderr.trim() !== '') console.error(r.stderr.trim());
  writeFileSync(join(cache, `dump-${label}.json`), r.stdout);
  return JSON.parse(r.stdout);
}

/**
 * The line's dump with the Kubernetes module's entries added from its own 2.12 dump: the keys under
 * spark.kubernetes. that the line's dump lacks (the rest of that dump is spark-core_2.12, already in the
 * line's), and the module's config objects among the owners.
 */
function withKubernetes212(l, dump) {
  if (l.kubernetesScala === '2.13') return dump;
  const label = `${l.line}-kubernetes`;
  const f = join(cache, `dump-${label}.json`);
  const k8s =
    cached && existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : dumpLine(l, label, resolveKubernetes212(l));
  const have = new Set(dump.entries.map((e) => e.key));
  const entries = k8s.entries.filter((e) => e.key.startsWith('spark.kubernetes.') && !have.has(e.key));
  const owners = k8s.owners.filter((o) => o.startsWith('org.apache.spark.deploy.k8s.') && !dump.owners.includes(o));
  return {
    ...dump,
    owners: [...dump.owners, ...owners],
    entries: [...dump.entries, ...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

mkdirSync(cache, { recursive: true });
const lines = readLines();
const dumps = lines.map((l) => {
  const f = join(cache, `dump-${l.line}.json`);
  return withKubernetes212(l, cached && existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : dumpLine(l));
});

const { buildRegistry } = await import('./gen-spark-keys/build.mjs');
const registry = buildRegistry(lines, dumps);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(registry) + '\n');
console.error(
  `gen-spark-keys: ${registry.keys.length} rows; ${lines
    .map((l, i) => `${l.line}: ${dumps[i].entries.length} entries`)
    .join(', ')}; wrote ${out} (${JSON.stringify(registry).length} B)`,
);
