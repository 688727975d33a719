// Prints the calibration table of docs/event-logs.md: each corpus run replayed on its own config
// (node dist/cli.js log <run> --replay --format json), predicted against observed.
// Usage: node scripts/eventlog-corpus/table.mjs   (after node scripts/build.mjs)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test/fixtures/eventlog-corpus';
const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
const rows = [
  '| run | tasks | stages that spilled (observed / predicted) | spilled (observed / predicted) | cached partitions | evictions | memory failures |',
  '|---|---|---|---|---|---|---|',
];
for (const run of readdirSync(dir).filter((n) => !n.startsWith('codec-') && !n.endsWith('.md'))) {
  const runDir = join(dir, run);
  const sub = readdirSync(runDir).find((n) => n.startsWith('eventlog_v2_'));
  const path = sub !== undefined ? join(runDir, sub) : join(runDir, readdirSync(runDir)[0]);
  const r = spawnSync(process.execPath, ['dist/cli.js', 'log', path, '--replay', '--format', 'json'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    rows.push(`| ${run} | cannot be read: ${r.stderr.trim()} | | | | | |`);
    continue;
  }
  const j = JSON.parse(r.stdout);
  const c = j.replay.calibration;
  const spilledStages = (k) =>
    c.stages
      .filter((s) => s[k])
      .map((s) => s.stageId)
      .join(', ') || 'none';
  const failures = [...new Set(j.memoryFailures.map((f) => f.kind))].join(', ') || '–';
  rows.push(
    `| ${run} | ${j.counts.tasks} | ${spilledStages('observedSpilled')} / ${spilledStages('predictedSpilled')} | ` +
      `${mib(c.spilledBytes.observed)} / ${mib(c.spilledBytes.predicted)} | ${c.cachedPartitions.observed} / ${c.cachedPartitions.predicted} | ` +
      `${c.evictions.observed} / ${c.evictions.predicted} | ${failures} |`,
  );
}
process.stdout.write(rows.join('\n') + '\n');
