// What-if → layout overrides, member lines rewritten with new flags, and the apply changes.
import * as assert from 'node:assert/strict';
import { parseMembers } from '../../../src/core/parse/members';
import { parseProperties } from '../../../src/core/parse/properties';
import {
  SNAPPY_CONTROLS,
  SPARK_CONTROLS,
  applyMemberFlags,
  fileValues,
  memberFlags,
  settingChanges,
  sliderValue,
  sparkOverrides,
  valueOfSlider,
} from '../../../src/webview/whatIf';

describe('webview what-if mapping', () => {
  const w = {
    'spark.memory.fraction': '0.7',
    'spark.executor.memory': ' 6g ',
    '-heap-size': '8g',
    'spark.executor.cores': '',
  };
  it('passes Spark keys as overrides, trimmed, and leaves empty values to the file', () => {
    assert.deepEqual(sparkOverrides(w), { 'spark.memory.fraction': '0.7', 'spark.executor.memory': '6g' });
    assert.deepEqual(memberFlags(w), { '-heap-size': '8g' });
  });
  it('applies Spark keys to Spark files and member flags to member files', () => {
    assert.deepEqual(settingChanges(w, 'spark'), [
      { key: 'spark.memory.fraction', value: '0.7' },
      { key: 'spark.executor.memory', value: '6g' },
    ]);
    assert.deepEqual(settingChanges(w, 'snappydata'), [{ key: '-heap-size', value: '8g' }]);
  });
  const written = (doc: ReturnType<typeof parseMembers>, i: number, flags: Record<string, string>): string => {
    const r = applyMemberFlags(doc, i, flags);
    assert.ok(r.ok, r.ok ? '' : r.message);
    return r.doc.text;
  };
  it('replaces a member flag in place and appends a missing one, on the chosen line only', () => {
    const doc = parseMembers('a -heap-size=4g -dir=/x\nb -heap-size=2g\n', 'server');
    assert.equal(
      written(doc, 0, { '-heap-size': '8g', '-critical-heap-percentage': '90' }),
      'a -heap-size=8g -dir=/x -critical-heap-percentage=90\nb -heap-size=2g\n',
    );
    assert.equal(written(doc, 1, {}), doc.text);
  });
  it('writes a new heap where Apply writes it: into the -J-Xmx the JVM uses (and an equal -J-Xms)', () => {
    const doc = parseMembers('d -J-Xmx6g -J-Xms6g -memory-size=1g\n', 'server');
    assert.equal(written(doc, 0, { '-heap-size': '8g' }), 'd -J-Xmx8g -J-Xms8g -memory-size=1g\n');
  });
  it('refuses, with the reason, a what-if on a line the launcher would not start', () => {
    const r = applyMemberFlags(parseMembers('e -heap-size = 4g\n', 'server'), 0, { '-heap-size': '8g' });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /does not start/);
  });
  it("reads the file's current values for the controls", () => {
    const v = fileValues(parseProperties('spark.executor.memory 4g\nspark.memory.fraction 0.5\n'));
    assert.equal(v['spark.executor.memory'], '4g');
    assert.equal(v['spark.memory.fraction'], '0.5');
    assert.equal(v['spark.executor.cores'], undefined);
    assert.equal(
      fileValues(parseMembers('a -heap-size=4g -eviction-heap-percentage=80\n', 'server'))['-eviction-heap-percentage'],
      '80',
    );
  });
  it('round-trips slider positions and setting strings', () => {
    const mem = SPARK_CONTROLS[0]!;
    assert.equal(valueOfSlider(mem, 4096), '4g');
    assert.equal(valueOfSlider(mem, 1536), '1536m');
    assert.equal(
      sliderValue(mem, '4g', () => 4 * 2 ** 30),
      4096,
    );
    const frac = SPARK_CONTROLS[2]!;
    assert.equal(valueOfSlider(frac, 0.6000000001), '0.6');
    assert.equal(sliderValue(frac, '0.75'), 0.75);
    assert.equal(valueOfSlider(SNAPPY_CONTROLS[1]!, 95.55), '95.6');
    assert.equal(valueOfSlider(SPARK_CONTROLS[4]!, 1), 'true');
  });
});
