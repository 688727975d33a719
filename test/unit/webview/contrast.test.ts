// WCAG contrast arithmetic and the nudge that brings a theme's chart colour to 3:1.
import * as assert from 'node:assert/strict';
import { contrastRatio, ensureContrast, parseColor } from '../../../src/webview/contrast';

describe('webview contrast', () => {
  it('computes WCAG 2 ratios: black on white 21:1, equal colours 1:1, #767676 on white 4.54:1', () => {
    assert.equal(Math.round(contrastRatio([0, 0, 0], [255, 255, 255]) * 100) / 100, 21);
    assert.equal(contrastRatio([10, 20, 30], [10, 20, 30]), 1);
    assert.equal(Math.round(contrastRatio(parseColor('#767676')!, parseColor('#fff')!) * 100) / 100, 4.54);
  });
  it('reads the colour forms a browser and a theme give', () => {
    assert.deepEqual(parseColor('#1a85ff'), [26, 133, 255]);
    assert.deepEqual(parseColor('#1a85ffcc'), [26, 133, 255]);
    assert.deepEqual(parseColor('rgb(1, 2, 3)'), [1, 2, 3]);
    assert.deepEqual(parseColor('rgba(1 2 3 / 50%)'), [1, 2, 3]);
    assert.equal(parseColor('var(--x)'), undefined);
  });
  it('leaves a colour that has the contrast, and darkens (light theme) or lightens (dark theme) one that has not', () => {
    assert.equal(ensureContrast('#005fb8', '#ffffff', 3), '#005fb8');
    // A dark theme's charts orange and yellow on white are below 3:1.
    for (const [c, bg] of [
      ['#d18616', '#ffffff'],
      ['#cca700', '#ffffff'],
      ['#3a3d41', '#1f1f1f'],
    ] as const) {
      const out = ensureContrast(c, bg, 3);
      assert.notEqual(out, c);
      assert.ok(contrastRatio(parseColor(out)!, parseColor(bg)!) >= 3, `${c} → ${out} on ${bg}`);
    }
    assert.equal(ensureContrast('not a colour', '#fff', 3), 'not a colour');
  });
});
