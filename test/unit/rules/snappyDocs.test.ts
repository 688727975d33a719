// Every SNAPPY-* rule has its page docs/rules/<CODE>.md naming its default severity and title,
// and codes are unique and stable in form.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SNAPPY_RULES } from '../../../src/core/rules/snappy';

const DOCS = resolve(__dirname, '../../../../docs/rules');

describe('SNAPPY-* rule pages', () => {
  it('has one page per rule with its code, title and default severity', () => {
    assert.equal(new Set(SNAPPY_RULES.map((r) => r.code)).size, SNAPPY_RULES.length);
    for (const r of SNAPPY_RULES) {
      assert.match(r.code, /^SNAPPY-[A-Z0-9-]+$/);
      const path = resolve(DOCS, `${r.code}.md`);
      assert.ok(existsSync(path), `missing ${path}`);
      const text = readFileSync(path, 'utf8');
      assert.ok(
        text.startsWith(`# ${r.code}: ${r.title}\n`),
        `${r.code}: the page title is "${text.split('\n')[0]}", the rule's is "${r.title}"`,
      );
      assert.ok(text.includes(`Default severity: **${r.defaultSeverity}**`), `${r.code}: severity`);
      for (const section of ['## What it checks', '## Why', '## Source', '## Example', '## Fix'])
        assert.ok(text.includes(section), `${r.code}: ${section}`);
    }
  });
});
