import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CaseFormatError, loadCaseFile, releaseForLine, releasesForCase, runCaseFile } from '../../conformance/runner';

const CASES = 'test/conformance';

function tiny(steps: unknown[], config: Record<string, unknown> = {}): string {
  return JSON.stringify({
    schema: 'spark-memory-conformance/1',
    cases: [
      {
        id: 't',
        kind: 'ops',
        source: 'derived',
        versions: ['3.x'],
        derivation: '',
        config: {
          manager: 'unified',
          'spark.testing': 'true',
          'spark.testing.memory': '1000',
          'spark.memory.fraction': '1',
          evictionModel: 'exact',
          ...config,
        },
        steps,
      },
    ],
  });
}

describe('conformance runner', () => {
  for (const f of readdirSync(CASES).filter((n) => n.endsWith('.json'))) {
    it(`every case in ${f} passes`, () => {
      const results = runCaseFile(loadCaseFile(readFileSync(join(CASES, f), 'utf8')));
      assert.ok(results.length > 0);
      const failed = results.filter((r) => !r.ok).map((r) => `${r.id} @${r.release}: ${r.detail}`);
      assert.deepEqual(failed, []);
    });
  }

  it('passes the shared examples', function () {
    const p = '../../shared/spec/conformance-examples.json';
    if (!existsSync(p)) this.skip();
    const results = runCaseFile(loadCaseFile(readFileSync(p, 'utf8')));
    assert.equal(results.filter((r) => !r.ok).length, 0);
  });

  it('maps Spark lines to representative releases', () => {
    assert.equal(releaseForLine('2.x')?.label, '2.4');
    assert.equal(releaseForLine('3.x')?.label, '3.5');
    assert.equal(releaseForLine('4.x')?.label, '4.1');
    assert.equal(releaseForLine('3.3+')?.label, '3.5');
    assert.equal(releaseForLine('4.1+')?.label, '4.1');
    assert.equal(releaseForLine('1.6-2.4 (legacy mode)')?.label, '2.4 legacy');
    assert.equal(releaseForLine('2.0-2.4 (legacy mode)')?.legacy, true);
    assert.deepEqual(
      releasesForCase(['3.x', '3.3+']).releases.map((r) => r.label),
      ['3.5'],
    );
    assert.deepEqual(releasesForCase(['banana']).unknown, ['banana']);
  });

  it('reports what differed', () => {
    const r = runCaseFile(
      loadCaseFile(
        tiny([{ op: 'acquireExecution', args: { task: 0, bytes: 10, mode: 'ON_HEAP' }, expect: { granted: 11 } }]),
      ),
    );
    assert.equal(r.length, 1);
    assert.equal(r[0]?.ok, false);
    assert.match(r[0]?.detail ?? '', /step 0 \(acquireExecution\): granted expected 11 got 10/);
  });

  it('fails a case whose expectation key it cannot check', () => {
    const r = runCaseFile(loadCaseFile(tiny([{ op: 'releaseAllStorage', expect: { storageUsed: 0, banana: 1 } }])));
    assert.match(r[0]?.detail ?? '', /unknown expectation key "banana"/);
  });

  it('applies expectByVersion splits', () => {
    const text = JSON.stringify({
      cases: [
        {
          id: 'split',
          kind: 'ops',
          versions: ['2.x', '3.x'],
          config: {
            manager: 'unified',
            'spark.testing': 'true',
            'spark.testing.memory': '1000',
            'spark.memory.fraction': '0',
          },
          steps: [],
          initialExpect: { maxHeapMemory: 0 },
        },
      ],
    });
    const r = runCaseFile(loadCaseFile(text));
    assert.equal(r.find((x) => x.release === '2.4')?.ok, true);
    assert.match(
      r.find((x) => x.release === '3.5')?.detail ?? '',
      /construction threw IllegalArgumentException: requirement failed: onHeapExecutionMemory must be > 0/,
    );
  });

  it('rejects malformed files with the case id and field', () => {
    const bad = (text: string): string => {
      try {
        loadCaseFile(text);
      } catch (e) {
        assert.ok(e instanceof CaseFormatError);
        return e.message;
      }
      return assert.fail('accepted');
    };
    assert.match(bad('{'), /not valid JSON/);
    assert.match(bad('{"cases": 3}'), /"cases" must be an array/);
    assert.match(
      bad(tiny([{ op: 'acquireExecution', args: { task: 0, bytes: 'ten', mode: 'ON_HEAP' } }])),
      /case "t"\.steps\[0\]\.args\.bytes: must be a number/,
    );
    assert.match(
      bad(tiny([{ op: 'acquireExecution', args: { task: 0, bytes: 1 } }])),
      /case "t"\.steps\[0\]\.args: op "acquireExecution" needs "mode"/,
    );
    assert.match(
      bad(tiny([{ op: 'consumerAcquire', args: { consumer: 'nobody', bytes: 1 } }])),
      /unknown consumer "nobody"/,
    );
    assert.match(
      bad('{"cases":[{"id":"v","kind":"derive","versions":["9.x"],"input":{}}]}'),
      /case "v": "versions" has entries that name no Spark line/,
    );
  });

  it('accepts liberal forms: numeric strings, lower-case modes, inferred kind', () => {
    const text = JSON.stringify({
      cases: [
        {
          id: 'lib',
          versions: '3.x',
          config: { 'spark.testing': 'true', 'spark.testing.memory': 1000, 'spark.memory.fraction': 1 },
          steps: [
            { op: 'acquireExecution', args: { task: '0', bytes: '10', mode: 'on_heap' }, expect: { granted: 10 } },
          ],
        },
      ],
    });
    const r = runCaseFile(loadCaseFile(text));
    assert.equal(r[0]?.ok, true, r[0]?.detail);
  });
});
