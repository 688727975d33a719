// The History Server tier: a real Spark History Server on 127.0.0.1 serves the calibration corpus'
// logs, and `cli log <url>` (GET /api/v1/applications/<id>/logs, a zip of the log's files) must read
// from each exactly what `cli log <file>` reads from the file. Spark's jars: the pyspark that
// scripts/eventlog-corpus installs (SPARK_MEMORY_PYSPARK_VENV, default .cache/pyspark-venv) when it
// is there, else the oracle's Spark 3.5 line from Maven Central (scripts/oracle/fetch-spark.sh 3.5).
// Usage: node scripts/eventlog-corpus/history-server.mjs   (after node scripts/build.mjs); npm test runs it
// as the history-server tier (scripts/test-all.sh).
// Last line: `history-server: N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '../..');
const CORPUS = join(REPO, 'test/fixtures/eventlog-corpus');
/** Logs served: one per codec Spark writes, and a run that spilled. */
const RUNS = ['codec-none', 'codec-lz4', 'codec-lzf', 'codec-snappy', 'codec-zstd', 'sort-spill'];
const START_TIMEOUT_MS = 120_000;

/** Spark's jars as a classpath, and where they come from. */
function sparkClasspath() {
  const venv = process.env.SPARK_MEMORY_PYSPARK_VENV ?? join(REPO, '.cache/pyspark-venv');
  const lib = join(venv, 'lib');
  if (existsSync(lib)) {
    for (const py of readdirSync(lib)) {
      const jars = join(lib, py, 'site-packages/pyspark/jars');
      if (existsSync(jars)) return { cp: `${jars}/*`, from: `pyspark in ${venv}` };
    }
  }
  const cache = process.env.SPARK_MEMORY_ORACLE_CACHE ?? join(homedir(), '.cache/spark-memory-oracle');
  const file = join(cache, '3.5/classpath.txt');
  if (existsSync(file))
    return {
      cp: withSparksJacksonCore(readFileSync(file, 'utf8').trim(), join(cache, 'history-server')),
      from: `Spark ${readFileSync(join(cache, '3.5/version.txt'), 'utf8').trim()} from Maven Central`,
    };
  return undefined;
}

/**
 * Maven's nearest-wins resolution of spark-core alone gives jackson-core 2.14.3 beside
 * jackson-databind 2.15.2, where Spark's own build pins both to one version (pom.xml's
 * fasterxml.jackson.version, 2.15.2 in 3.5; pyspark 3.5.7 ships jackson-core-2.15.2.jar). With
 * the older core, parsing an event log's JSON fails with NoClassDefFoundError
 * (com/fasterxml/jackson/core/StreamReadConstraints, new in 2.15): a LinkageError, which
 * FsHistoryProvider's NonFatal handler does not catch, so the replay task dies unseen and the
 * server lists no application. The classpath gets jackson-core at jackson-databind's version.
 */
function withSparksJacksonCore(cp, dir) {
  const jars = cp.split(':');
  const version = (name) => jars.map((j) => new RegExp(`/${name}-([\\d.]+)\\.jar$`).exec(j)?.[1]).find(Boolean);
  const databind = version('jackson-databind');
  const core = version('jackson-core');
  if (databind === undefined || core === undefined || core === databind) return cp;
  const jar = join(dir, `jackson-core-${databind}.jar`);
  if (!existsSync(jar)) {
    const args = ['-q', '-B', 'dependency:copy', `-Dartifact=com.fasterxml.jackson.core:jackson-core:${databind}`];
    args.push(`-DoutputDirectory=${dir}`);
    // Offline first (the local repository usually has it), then Maven Central.
    if (spawnSync('mvn', ['-o', ...args], { stdio: 'ignore' }).status !== 0)
      spawnSync('mvn', args, { stdio: 'ignore' });
  }
  if (!existsSync(jar)) throw new Error(`Maven could not fetch jackson-core ${databind} (the classpath has ${core})`);
  return jars.map((j) => (/\/jackson-core-[\d.]+\.jar$/.test(j) ? jar : j)).join(':');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

/** What `cli log` reports of a log, without what names the source (its path or URL). */
function logFacts(source) {
  const r = spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'log', source, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`cli log ${source}: exit ${r.status}: ${r.stderr.trim()}`);
  const j = JSON.parse(r.stdout);
  delete j.file;
  delete j.files;
  delete j.problems;
  delete j.bytes;
  return j;
}

async function main() {
  const spark = sparkClasspath();
  if (spark === undefined) {
    console.error(
      'history-server: no Spark jars: run bash scripts/oracle/fetch-spark.sh 3.5 (or make the pyspark venv)',
    );
    console.log('history-server: 0 passed, 1 failed');
    return 1;
  }
  if (!existsSync(join(REPO, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run node scripts/build.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'spark-memory-history-'));
  const files = new Map();
  for (const run of RUNS) {
    const name = readdirSync(join(CORPUS, run))[0];
    copyFileSync(join(CORPUS, run, name), join(dir, name));
    files.set(name.replace(/\.(lz4|lzf|snappy|zstd)$/, ''), join(CORPUS, run, name));
  }
  const port = await freePort();
  // Spark 3.5 on Java 17 needs the module openings its launcher adds (JavaModuleOptions).
  const opens = [
    'java.lang',
    'java.lang.invoke',
    'java.lang.reflect',
    'java.io',
    'java.net',
    'java.nio',
    'java.util',
    'java.util.concurrent',
    'java.util.concurrent.atomic',
    'sun.nio.ch',
    'sun.nio.cs',
    'sun.security.action',
    'sun.util.calendar',
  ].map((p) => `--add-opens=java.base/${p}=ALL-UNNAMED`);
  const server = spawn(
    'java',
    [
      ...opens,
      '-Xmx512m',
      '-cp',
      spark.cp,
      `-Dspark.history.fs.logDirectory=file://${dir}`,
      `-Dspark.history.ui.port=${port}`,
      '-Dspark.history.fs.update.interval=1s',
      'org.apache.spark.deploy.history.HistoryServer',
    ],
    // WebUI binds to SPARK_LOCAL_IP when set (else every interface).
    { env: { ...process.env, SPARK_LOCAL_IP: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  server.stderr.on('data', (d) => (stderr = (stderr + d).slice(-8000)));
  let passed = 0;
  let failed = 0;
  try {
    console.log(`history-server: ${spark.from}, http://127.0.0.1:${port}, ${files.size} logs`);
    const base = `http://127.0.0.1:${port}/api/v1/applications`;
    const end = Date.now() + START_TIMEOUT_MS;
    let apps = [];
    while (apps.length < files.size) {
      if (server.exitCode !== null)
        throw new Error(`the History Server exited (${server.exitCode}): ${stderr.slice(-2000)}`);
      if (Date.now() > end)
        throw new Error(
          `the History Server listed ${apps.length} of ${files.size} applications after ${START_TIMEOUT_MS / 1000} s`,
        );
      await new Promise((r) => setTimeout(r, 1000));
      apps = await getJson(base).catch(() => []);
    }
    for (const app of apps) {
      const what = `${app.id} (${app.name})`;
      try {
        const viaUrl = logFacts(`${base}/${app.id}/logs`);
        const viaFile = logFacts(files.get(app.id));
        assertEqual(viaUrl, viaFile, what);
        if (viaUrl.counts.tasks === 0) throw new Error(`${what}: no task read`);
        passed++;
        console.log(
          `  ok  ${what}: ${viaUrl.counts.tasks} tasks, ${viaUrl.stages.length} stages, the same through the History Server`,
        );
      } catch (e) {
        failed++;
        console.log(`  FAIL ${what}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } catch (e) {
    failed++;
    console.log(`  FAIL ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`history-server: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

function assertEqual(a, b, what) {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  if (x === y) return;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  throw new Error(
    `${what}: the History Server's log differs from the file at …${x.slice(Math.max(0, i - 80), i + 80)}… / …${y.slice(Math.max(0, i - 80), i + 80)}…`,
  );
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`history-server: ${e instanceof Error ? e.message : String(e)}`);
    console.log('history-server: 0 passed, 1 failed');
    process.exit(1);
  },
);
