// Java's Double.toString, which Spark's and SnappyData's messages print: one copy
// (src/core/config/javaParse.ts) for the layout, the rules and the simulator.
import * as assert from 'node:assert/strict';
import { javaDoubleToString } from '../../../src/core/config/javaParse';

describe('javaDoubleToString (java.lang.Double.toString)', () => {
  it('prints what the JVM prints, NaN, infinities and negative zero included', () => {
    const cases: [number, string][] = [
      [0.6, '0.6'],
      [1, '1.0'],
      [5, '5.0'],
      [-2, '-2.0'],
      [1.5, '1.5'],
      [0, '0.0'],
      [-0, '-0.0'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
      [0.001, '0.001'],
      [0.0001, '1.0E-4'],
      [1.2e-5, '1.2E-5'],
      [9999999, '9999999.0'],
      [1e7, '1.0E7'],
      [1.5e20, '1.5E20'],
      [-3.25e-7, '-3.25E-7'],
    ];
    for (const [x, want] of cases) assert.equal(javaDoubleToString(x), want, String(x));
  });
});
