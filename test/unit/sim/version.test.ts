import * as assert from 'node:assert/strict';
import { sparkVersion, versionInRange } from './api';

describe('versionInRange', () => {
  const table: [string, string, boolean][] = [
    ['2.4.8', '2.x', true],
    ['3.5.0', '2.x', false],
    ['3.5.0', '3.x+', true],
    ['2.4.8', '3.x+', false],
    ['3.2.4', '3.2+', true],
    ['3.1.3', '3.2+', false],
    ['3.1.3', '2.x-3.1', true],
    ['3.2.0', '2.x-3.1', false],
    ['4.1.1', '4.1+', true],
    ['4.0.1', '4.1+', false],
    ['2.4.8', '1.6-2.4 (legacy mode)', true],
    ['3.0.0', '1.6-2.4 (legacy mode)', false],
    ['3.3.4', '3.3', true],
    ['3.4.0', '3.3', false],
    ['3.4.4', '3.4.4+', true],
    ['3.4.3', '3.4.4+', false],
    ['3.4.3', '3.0-3.4.3', true],
    ['3.4.4', '3.0-3.4.3', false],
    ['3.5.2', '3.5.2', true],
    ['3.5.1', '3.5.2', false],
    ['4.1.1', '2.x-4.0', false],
    ['4.0.1', '2.x-4.0', true],
    ['3.5.0', '2.x-3.x', true],
    ['4.1.1', '2.x-3.x', false],
  ];
  for (const [v, range, want] of table) {
    it(`${v} ${want ? 'is' : 'is not'} in ${range}`, () => {
      const [a, b, c] = v.split('.').map(Number) as [number, number, number];
      assert.equal(versionInRange(sparkVersion(a, b, c), range), want);
    });
  }
});
