// UI: the simulation panel as one screen. In the real VS Code at 1600×1000 and at about 700 and
// 500 px: the run's status, cards, story and chart in view; nothing overflows the panel (tables
// scroll inside themselves, no label over its slider); the story's what-if runs in one click; a
// config that does not run leaves no chart of the previous one; and the contrast of every text
// (4.5:1, 3:1 when large) and chart line (3:1), measured from the rendered styles in Dark Modern,
// Light Modern and High Contrast. Screenshots in test-results/ui/.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { runCommand, openPanel, setTheme } = require('./panel.ui.js').helpers;

/** In the panel's document: elements that stick out of the panel, or labels over their slider. */
function overflowIn() {
  const W = document.documentElement.clientWidth;
  const bad = [];
  const scrolls = (e) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX);
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    let inside = false;
    for (let p = el.parentElement; p !== null && p !== document.body; p = p.parentElement)
      if (scrolls(p)) {
        inside = true;
        break;
      }
    if (!inside && r.right > W + 1)
      bad.push(`${el.tagName.toLowerCase()}.${el.className} right ${Math.round(r.right)} > ${W}`);
  }
  for (const c of document.querySelectorAll('.control')) {
    const l = c.querySelector('.control-label')?.getBoundingClientRect();
    for (const other of c.querySelectorAll('input')) {
      const o = other.getBoundingClientRect();
      if (
        l &&
        o.width > 0 &&
        l.right > o.left + 1 &&
        l.left < o.right - 1 &&
        l.bottom > o.top + 1 &&
        l.top < o.bottom - 1
      )
        bad.push(`label over ${other.dataset.testid}`);
    }
  }
  return { width: W, scrollWidth: document.documentElement.scrollWidth, bad: bad.slice(0, 12) };
}

/** In the panel's document: WCAG contrast of every text and chart line, from the computed styles. */
function contrastIn() {
  const parse = (c) => {
    let m = /^rgba?\(([^)]*)\)/.exec(c);
    if (m) {
      const p = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0], p[1], p[2], p[3] ?? 1];
    }
    m = /^color\(srgb ([^)]*)\)/.exec(c);
    if (m) {
      const p = m[1]
        .split(/[\s/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p[3] ?? 1];
    }
    m = /^#([0-9a-f]{6})/i.exec(c);
    if (m) return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16)).concat(1);
    return undefined;
  };
  const lum = (c) => {
    const f = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const x = lum(a);
    const y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const over = (fg, bg) => [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
  const page = parse(getComputedStyle(document.body).backgroundColor);
  const bgOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
      if (c && c[3] >= 1) break;
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), page.slice(0, 3));
  };
  const fails = [];
  let min = Infinity;
  let count = 0;
  const check = (el, colour, what) => {
    const cs = getComputedStyle(el);
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    const fg = parse(colour);
    if (!fg) return;
    const bg = bgOf(el);
    const r = ratio(over([fg[0], fg[1], fg[2], fg[3] * opacity], bg), bg);
    const size = parseFloat(cs.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    count++;
    min = Math.min(min, r);
    if (r < need)
      fails.push(`${what} "${(el.textContent || el.placeholder || '').trim().slice(0, 40)}" ${r.toFixed(2)}:1`);
  };
  for (const el of document.querySelectorAll('body *')) {
    if (el.offsetWidth === 0 && el.offsetHeight === 0) continue;
    if (el.closest(':disabled') || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.closest('.u-legend .u-marker')) continue;
    const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (text) check(el, getComputedStyle(el).color, `${el.tagName.toLowerCase()}.${el.className}`);
    if (el.tagName === 'INPUT' && el.type === 'text' && el.value === '' && el.placeholder)
      check(el, getComputedStyle(el, '::placeholder').color, 'placeholder');
  }
  const lines = [];
  for (const fig of document.querySelectorAll('figure.chart[data-line-colors]')) {
    if (fig.offsetWidth === 0) continue;
    for (const c of fig.dataset.lineColors.split(' ')) {
      const r = ratio(parse(c), page);
      lines.push(r);
      if (r < 3) fails.push(`chart line ${c} ${r.toFixed(2)}:1`);
    }
  }
  return { texts: count, minText: min, minLine: Math.min(...lines), lines: lines.length, fails: fails.slice(0, 15) };
}

async function inView(f, testid) {
  return f
    .locator(`[data-testid="${testid}"]`)
    .first()
    .evaluate((e) => {
      const r = e.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight - 20 && r.height > 0;
    });
}

exports.tests = [
  {
    name: 'one screen: the run and its story in view, nothing overflows at 1600, 700 and 500 px, no stale chart, AA contrast in three themes',
    async run(ctx) {
      const dir = path.join(ctx.workspace, 'screen');
      fs.mkdirSync(path.join(dir, 'refused'), { recursive: true });
      const good = path.join(dir, 'spark-defaults.conf');
      fs.writeFileSync(good, 'spark.executor.memory 4g\nspark.executor.cores 4\nspark.memory.fraction 0.6\n');
      fs.writeFileSync(
        path.join(dir, 'refused', 'spark-defaults.conf.template'),
        'spark.executor.memory 4g\nspark.memory.fraction 1.2\n',
      );
      await ctx.page.setViewportSize({ width: 1600, height: 1000 });
      await ctx.open();
      await ctx.ui.openFromExplorer(ctx.page, 'screen/spark-defaults.conf');
      const f = await openPanel(ctx);
      await f.locator('[data-testid="layout-maxHeapMemory"]').waitFor({ state: 'attached', timeout: 30000 });
      // Folded beside the editor, the layout still says its sizes.
      assert.match(await f.locator('[data-testid="layout-summary"]').innerText(), /Memory layout: .*GiB/);
      await f.locator('[data-testid="scenario"]').selectOption('preset:wide-aggregation');
      await f.locator('[data-testid="speed"]').selectOption('1000');
      await f.locator('[data-testid="play"]').click();
      await ctx.ui.poll(
        async () => /^Finished/.test(await f.locator('[data-testid="status"]').innerText()),
        'the run to finish',
        { timeoutMs: 90000 },
      );
      // The story, from the engine: the spill with its cause and a what-if that removes it.
      const item = f.locator('[data-testid="story-item"][data-kind="spill"]');
      await item.waitFor({ timeout: 60000 });
      const said = await item.innerText();
      ctx.log(`story: ${said.replace(/\s+/g, ' ').slice(0, 300)}`);
      assert.match(said, /spilled .* GiB/);
      assert.match(said, /1\/\d+ of the/);
      for (const id of ['status', 'summary-spill', 'story', 'chart-empty'].slice(0, 3))
        assert.ok(await inView(f, id), `${id} in view at 1600×1000`);
      assert.ok(
        await f
          .locator('figure.chart')
          .first()
          .evaluate((e) => e.getBoundingClientRect().top < window.innerHeight - 100),
        'the main chart starts on the first screen',
      );
      await ctx.screenshot('screen-1600-dark');

      // One click: the story's what-if runs, and the run it gives has no spill.
      const tryIt = item.locator('[data-testid="story-try"]').first();
      const label = await tryIt.innerText();
      await tryIt.click();
      await ctx.ui.poll(
        async () => (await f.locator('[data-testid="summary-spill"]').innerText()) === 'none',
        `no spill after "${label}"`,
        { timeoutMs: 60000 },
      );
      ctx.log(`"${label}": spill none`);

      // The panel alone in the 1600×1000 window: controls and layout beside the run.
      await runCommand(ctx, 'View: Toggle Primary Side Bar Visibility');
      await f.locator('[data-testid="title"]').click();
      await runCommand(ctx, 'View: Toggle Maximize Editor Group').catch((e) => ctx.log(`not maximized: ${e.message}`));
      await ctx.page.waitForTimeout(800);
      await f.locator('[data-testid="layout-summary"]').click();
      const wide = await f.locator('body').evaluate(overflowIn);
      ctx.log(`panel ${wide.width} px: ${wide.bad.length} overflowing`);
      assert.deepStrictEqual(wide.bad, [], `overflow at ${wide.width} px`);
      assert.ok(
        await f.locator('.side-col').evaluate((e) => e.getBoundingClientRect().left > window.innerWidth / 2),
        'controls and layout beside the run on a wide panel',
      );
      // Contrast in three themes, measured from the rendered styles.
      for (const [theme, cls] of [
        ['Default Dark Modern', 'vs-dark'],
        ['Default Light Modern', 'vs'],
        ['Default High Contrast', 'hc-black'],
      ]) {
        await setTheme(ctx, theme, cls);
        await ctx.page.waitForTimeout(500);
        const c = await f.locator('body').evaluate(contrastIn);
        ctx.log(
          `${theme}: ${c.texts} texts, lowest ${c.minText.toFixed(2)}:1; ${c.lines} chart lines, lowest ${c.minLine.toFixed(2)}:1`,
        );
        assert.deepStrictEqual(c.fails, [], `${theme}: below WCAG AA`);
        await ctx.screenshot(`screen-1600-${cls}`);
      }
      await setTheme(ctx, 'Default Dark Modern', 'vs-dark');

      // Narrow: the panel alone in its window, about 700 and 500 px wide.
      await fitsWhenNarrow(ctx, f, 'panel', (name) => `screen-${name}-dark`);
      await setTheme(ctx, 'Default Light Modern', 'vs');
      await ctx.screenshot('screen-500-light');
      await ctx.page.setViewportSize({ width: 1600, height: 1000 });
      await runCommand(ctx, 'View: Toggle Maximize Editor Group').catch(() => undefined);
      await runCommand(ctx, 'View: Toggle Primary Side Bar Visibility');

      // A config Spark refuses: the moment the panel follows it, no chart of the previous file stays.
      await ctx.ui.openFromExplorer(ctx.page, 'screen/refused/spark-defaults.conf.template');
      // It may open in the panel's group: bring the panel back to the front (it keeps following that file).
      await ctx.page.locator('.tab[aria-label^="Spark Memory Simulation"]').first().click();
      await f.locator('[data-testid="problems"]').waitFor({ timeout: 30000 });
      await ctx.ui.poll(
        async () =>
          (await f.locator('figure.chart canvas').count()) === 0 &&
          (await f.locator('[data-testid="summary-spill"]').innerText()) === '–',
        'no chart or card of the previous file',
      );
      await ctx.screenshot('screen-refused');
    },
  },
];

// The Run view's UI test measures its page the same way.
/**
 * The webview in frame `f`, alone in a window about 700 and then 500 px wide: nothing sticks out and the
 * page does not scroll sideways; a screenshot of each, named by `shot('700' | '500')`.
 */
async function fitsWhenNarrow(ctx, f, what, shot) {
  for (const [w, name] of [
    [760, '700'],
    [560, '500'],
  ]) {
    await ctx.page.setViewportSize({ width: w, height: 1000 });
    await ctx.page.waitForTimeout(800);
    const o = await f.locator('body').evaluate(overflowIn);
    ctx.log(`${what} ${o.width} px: page scroll width ${o.scrollWidth}; ${o.bad.length} overflowing`);
    assert.deepStrictEqual(o.bad, [], `overflow at ${o.width} px`);
    assert.ok(o.scrollWidth <= o.width + 1, `the page scrolls sideways at ${o.width} px`);
    await ctx.screenshot(shot(name));
  }
}

exports.helpers = { overflowIn, fitsWhenNarrow };
