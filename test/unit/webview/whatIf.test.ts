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
  sliderRange,
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
    assert.equal(valueOfSlider(mem, 12), '4g');
    assert.equal(valueOfSlider(mem, Math.log2(1536)), '1536m');
    assert.equal(
      sliderValue(mem, '4g', () => 4 * 2 ** 30),
      12,
    );
    const frac = SPARK_CONTROLS[2]!;
    assert.equal(valueOfSlider(frac, 0.6000000001), '0.6');
    assert.equal(sliderValue(frac, '0.75'), 0.75);
    assert.equal(valueOfSlider(SNAPPY_CONTROLS[1]!, 95.55), '95.6');
    assert.equal(valueOfSlider(SPARK_CONTROLS[4]!, 1), 'true');
  });
  it('moves the memory slider on a log scale: each power of two is an equal step, values snap as people write them', () => {
    const mem = SPARK_CONTROLS[0]!;
    const r = sliderRange(mem);
    assert.deepEqual([r.min, r.max], [9, 16]);
    // 512 MiB → 1 GiB takes as much travel as 32 → 64 GiB.
    const gib = (g: number) => sliderValue(mem, `${g}g`, () => g * 2 ** 30)!;
    assert.equal(gib(1) - sliderValue(mem, '512m', () => 2 ** 29)!, gib(64) - gib(32));
    for (const g of [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64]) assert.equal(valueOfSlider(mem, gib(g)), `${g}g`);
    // Between powers of two: 256 MiB steps below 8 GiB, whole GiB above.
    assert.equal(valueOfSlider(mem, 11.3), '2560m');
    assert.equal(valueOfSlider(mem, 14.5), '23g');
    // A value outside the range puts the slider at its end (the box keeps the exact value).
    assert.equal(
      sliderValue(mem, '200g', () => 200 * 2 ** 30),
      16,
    );
  });
});
