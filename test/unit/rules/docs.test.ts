// Every rule of the Spark, properties and SparkApplication families has a page at
// docs/rules/<CODE>.md listed in the index, and each page's example really shows the finding it
// documents (with the quoted message) while its fixed version does not.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROPERTIES_RULES } from '../../../src/core/rules/properties';
import { SPARK_RULES } from '../../../src/core/rules/spark';
import { SPARK_APPLICATION_RULES } from '../../../src/core/rules/sparkApplication';
import type { LintSettings } from '../../../src/core/rules';
import { SPARK_2_4, SparkVersion, sparkVersion } from '../../../src/core/version';
import { lint } from './lintHarness';

const DOCS = join(__dirname, '../../../../docs/rules');
const RULES = [...SPARK_RULES, ...PROPERTIES_RULES, ...SPARK_APPLICATION_RULES];
const CONTEXT: Readonly<Record<string, { version?: SparkVersion; settings?: LintSettings }>> = {
  'OFFHEAP-BUDGET': { version: SPARK_2_4 },
  'KEY-VERSION': { version: sparkVersion(3, 2, 4) },
  'CONTAINER-BUDGET': { settings: { containerLimitMiB: 5120 } },
};
const YAML_HEAD = 'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata:\n  name: example\n';

function blocks(page: string): Array<{ lang: string; body: string }> {
  return [...page.matchAll(/```(\w+)\n([\s\S]*?)\n```/g)].map((m) => ({
    lang: m[1] ?? '',
    body: (m[2] ?? '').replace(/<U\+([0-9A-F]{4})>/g, (_s, h: string) => String.fromCharCode(parseInt(h, 16))),
  }));
}

describe('rule documentation', () => {
  const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
  it('has unique codes', () => {
    assert.equal(new Set(RULES.map((r) => r.code)).size, RULES.length);
  });
  for (const rule of RULES) {
    it(`${rule.code}: page, index line, example and fix`, () => {
      const file = join(DOCS, `${rule.code}.md`);
      assert.ok(existsSync(file), `missing docs/rules/${rule.code}.md`);
      const page = readFileSync(file, 'utf8');
      assert.ok(page.startsWith(`# ${rule.code}: ${rule.title}\n`));
      assert.match(page, new RegExp(`Default severity: \\*\\*${rule.defaultSeverity}\\*\\*`));
      for (const heading of ['## What it checks', '## Why it matters', '## Source', '## Example', '## Fix'])
        assert.ok(page.includes(heading), `${rule.code} lacks ${heading}`);
      assert.ok(
        index.includes(`| [${rule.code}](${rule.code}.md) | ${rule.defaultSeverity} |`),
        `${rule.code} is not in docs/rules/README.md`,
      );
      const [example, fixed] = blocks(page);
      assert.ok(example !== undefined && fixed !== undefined);
      const ctx = CONTEXT[rule.code] ?? {};
      const run = (b: { lang: string; body: string }) =>
        b.lang === 'yaml'
          ? lint(YAML_HEAD + b.body + '\n', { ...ctx, type: { kind: 'spark-application' } })
          : lint(b.body + '\n', ctx);
      const found = run(example).filter((f) => f.code === rule.code);
      assert.ok(found.length > 0, `${rule.code}: the example shows no ${rule.code}`);
      const quoted = /\n> (.*)\n/.exec(page)?.[1] ?? '';
      const prefix = quoted.split(' ...')[0] ?? '';
      assert.ok(
        found.some((f) => f.message.replace(/\u00a0/g, ' ').startsWith(prefix)),
        `${rule.code}: quoted message\n  ${prefix}\nnot a prefix of\n  ${found.map((f) => f.message).join('\n  ')}`,
      );
      assert.deepEqual(
        run(fixed).filter((f) => f.code === rule.code),
        [],
        `${rule.code}: the fixed example still shows it`,
      );
    });
  }
});
