// UI: the packaged extension in a real VS Code draws squiggles for the sample's deliberate problems,
// answers a hover on a memory key with the catalog facts and the derived sizes, and shows the
// inlay hints beside memory settings and SnappyData member lines. Screenshots in test-results/ui/.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const EDITOR = '.editor-group-container.active .monaco-editor';

/** Count of rendered squiggles of a kind (error, warning, info) in the active editor. */
async function squiggles(page, kind) {
  return page.locator(`${EDITOR} .squiggly-${kind}`).count();
}

/** Centre of the first rendered token containing `part` on the line containing `needle`. */
async function tokenCentre(page, needle, part) {
  return page.evaluate(
    ([n, p]) => {
      const lines = document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line');
      for (const line of lines) {
        if (!(line.textContent || '').replace(/\u00a0/g, ' ').includes(n)) continue;
        for (const s of line.querySelectorAll('span > span')) {
          if (!(s.textContent || '').replace(/\u00a0/g, ' ').includes(p)) continue;
          const r = s.getBoundingClientRect();
          return { x: r.left + Math.min(r.width / 2, 30), y: r.top + r.height / 2 };
        }
      }
      return null;
    },
    [needle, part],
  );
}

/** Moves the mouse onto a token and returns the hover's text once it contains `expect`. */
async function hover(ctx, needle, part, expect) {
  let seen = '';
  await ctx.ui
    .poll(
      async () => {
        const at = await tokenCentre(ctx.page, needle, part);
        if (!at) return false;
        // Approach along the token's own line (from the empty space to its right): coming from above
        // crosses the previous line, whose hover can open over the target and keep the pointer. A
        // hover left open by an earlier step is closed first by moving off the editor: while it
        // covers the target, the pointer would land on the hover and keep it open.
        await ctx.page.keyboard.press('Escape');
        await ctx.page.mouse.move(5, at.y);
        await ctx.ui
          .poll(
            async () =>
              !(await ctx.page
                .locator('.monaco-hover:not(.hidden)')
                .first()
                .isVisible()
                .catch(() => false)),
            'no hover open',
            { timeoutMs: 3000 },
          )
          .catch(() => undefined);
        await ctx.page.mouse.move(at.x + 700, at.y);
        await ctx.page.mouse.move(at.x, at.y, { steps: 4 });
        try {
          await ctx.ui.poll(
            async () => {
              seen = await ctx.page
                .locator('.monaco-hover:not(.hidden)')
                .allInnerTexts()
                .then((t) => t.join('\n'))
                .catch(() => '');
              return seen.includes(expect);
            },
            `hover text "${expect}"`,
            { timeoutMs: 4000 },
          );
          return true;
        } catch {
          return false;
        }
      },
      `a hover with "${expect}" on ${part}`,
      { timeoutMs: 30000, stepMs: 500 },
    )
    .catch(() => {
      throw new Error(
        `no hover containing ${JSON.stringify(expect)} on "${part}"; last hover text: ${JSON.stringify(seen.slice(0, 400))}`,
      );
    });
  // Only for the screenshot: let the hover finish fading in (nothing is asserted on time).
  await ctx.page.waitForTimeout(800);
  return seen;
}

exports.tests = [
  {
    name: 'spark-defaults.conf shows squiggles for its problems and a hover on a memory key',
    async run(ctx) {
      await ctx.open();
      await ctx.ui.openFromExplorer(ctx.page, 'spark-defaults.conf');
      await ctx.ui.expectLanguageMode(ctx.page, 'Spark Defaults');
      // Six findings: four errors (unit-less heap, fraction 1.2, 2gb) and warnings; poll until drawn.
      const errors = await ctx.ui.poll(
        async () => (await squiggles(ctx.page, 'error')) >= 3 && squiggles(ctx.page, 'error'),
        'error squiggles',
        { timeoutMs: 30000 },
      );
      const warnings = await squiggles(ctx.page, 'warning');
      ctx.log(`squiggles: ${errors} error, ${warnings} warning`);
      assert.ok(warnings >= 2, `expected warning squiggles, got ${warnings}`);
      const text = await hover(ctx, 'spark.executor.memory', 'spark.executor.memory', 'Heap of each executor JVM');
      assert.match(text, /Default \(Spark 3\.5\.0\): 1g/);
      assert.match(text, /Valid: ≥ 471,859,200 bytes/);
      await ctx.screenshot('spark-defaults-hover');
    },
  },
  {
    name: 'a valid executor shows its derived sizes inline and in the hover',
    async run(ctx) {
      const dir = path.join(ctx.workspace, 'demo');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'spark-defaults.conf'),
        [
          '# Executors on YARN: 4 GiB heap, 4 task slots',
          'spark.master                     yarn',
          'spark.executor.memory            4g',
          'spark.executor.cores             4',
          'spark.memory.fraction            0.6',
          'spark.memory.storageFraction     0.5',
          '',
          '# Driver',
          'spark.driver.memory              2gb',
          'spark.driver.maxResultSize       512m # keep results small',
          '',
        ].join('\n'),
      );
      await ctx.open();
      await ctx.ui.openFromExplorer(ctx.page, 'demo/spark-defaults.conf');
      await ctx.ui.poll(async () => (await squiggles(ctx.page, 'error')) >= 1, 'the 2gb error squiggle', {
        timeoutMs: 30000,
      });
      const line = await ctx.ui.poll(
        async () => {
          const t = await ctx.ui.lineText(ctx.page, 'spark.executor.memory');
          return t && t.includes('⟶') ? t : false;
        },
        'the inlay hint beside spark.executor.memory',
        { timeoutMs: 30000 },
      );
      assert.match(line, /⟶\s*unified 2\.22 GiB\s*·\s*storage 1\.11 GiB\s*·\s*user 1\.48 GiB/);
      const text = await hover(ctx, 'spark.executor.memory', 'spark.executor.memory', 'Unified region');
      assert.match(text, /Unified region \(usable × 0\.6\)\s+2\.22 GiB \(2,388,236,697 bytes\)/);
      assert.match(text, /YARN container request\s+4,505 MiB/);
      await ctx.screenshot('demo-hover-hints');
    },
  },
  {
    name: "conf/servers shows each member's memory inline and the SNAPPY-EQ-SPACE error",
    async run(ctx) {
      await ctx.open();
      await ctx.ui.openFromExplorer(ctx.page, 'conf/servers');
      await ctx.ui.poll(async () => (await squiggles(ctx.page, 'error')) >= 2, 'error squiggles on node-b and node-c', {
        timeoutMs: 30000,
      });
      const line = await ctx.ui.poll(
        async () => {
          const t = await ctx.ui.lineText(ctx.page, 'node-a -heap-size=8g');
          return t && t.includes('⟶') ? t : false;
        },
        'the member hint on node-a',
        { timeoutMs: 30000 },
      );
      assert.match(
        line,
        /⟶\s*heap 8\.00 GiB\s*·\s*reserved 409\.60 MiB\s*·\s*unified 6\.46 GiB\s*·\s*max storage 5\.52 GiB\s*·\s*off-heap 16\.00 GiB/,
      );
      const text = await hover(ctx, 'node-a -heap-size=8g', 'node-a', 'node-a: server 1');
      assert.match(text, /Off-heap \(memory-size, set\)\s+16\.00 GiB/);
      await ctx.screenshot('servers-hints');
    },
  },
];
