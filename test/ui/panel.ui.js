// UI: the simulation panel of the packaged extension in a real VS Code. "Spark Memory: Open
// Simulation" from the command palette shows the same layout numbers as `spark-memory layout
// --format json`, stops on the sample's errors (with a button that reveals the line), plays a
// preset into the event log and summary cards, exports it through the save dialog, applies a
// what-if to the file, and draws one column
// per SnappyData member. Screenshots of the panel in a dark and a light theme (docs/images/ with
// SPARK_MEMORY_UPDATE_SCREENSHOTS=1).
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const REPO = path.join(__dirname, '..', '..');
const IMAGES = path.join(REPO, 'docs', 'images');

function cliLayout(file, format = 'json') {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'layout', file, '--format', format], {
    encoding: 'utf8',
  });
  assert.strictEqual(r.status, 0, `spark-memory layout ${file} failed: ${r.stderr}`);
  return format === 'json' ? JSON.parse(r.stdout) : r.stdout;
}

/** Runs a command by its palette title ("Spark Memory: Open Simulation"). */
function runCommand(ctx, title) {
  return ctx.ui.runCommand(ctx.page, title);
}

/** The panel's document: the webview sits in an iframe inside VS Code's webview iframe. */
function panel(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

async function openPanel(ctx) {
  await runCommand(ctx, 'Spark Memory: Open Simulation');
  const f = panel(ctx.page);
  await f.locator('[data-testid="title"]').waitFor({ timeout: 30000 });
  return f;
}

/** Every layout cell with a byte count: { id: { bytes, text } } (first column). */
async function layoutCells(f) {
  return f.locator('[data-testid^="layout-"][data-bytes]').evaluateAll((els) => {
    const out = {};
    for (const e of els)
      out[e.dataset.testid.slice('layout-'.length)] = { bytes: Number(e.dataset.bytes), text: e.textContent.trim() };
    return out;
  });
}

/** Checks the panel's numbers against the CLI's JSON, and its units against the CLI's text output. */
async function compareWithCli(f, file) {
  const json = cliLayout(file);
  const text = cliLayout(file, 'text');
  const cells = await layoutCells(f);
  const ids = Object.keys(cells).filter((id) => !/^\d+-/.test(id));
  assert.ok(ids.length > 0, 'no layout numbers in the panel');
  for (const id of ids) {
    // Nested CLI fields (executionPerTask.minPerTask) are named by their dotted path.
    const want = id.split('.').reduce((o, k) => (o === undefined ? undefined : o[k]), json);
    assert.strictEqual(cells[id].bytes, want, `layout-${id}: panel ${cells[id].bytes}, CLI ${want}`);
    assert.ok(text.includes(cells[id].text), `layout-${id}: "${cells[id].text}" is not how the CLI prints ${want}`);
  }
  return { json, ids };
}

/** Picks a colour theme in "Preferences: Color Theme" and waits for the workbench to wear it. */
async function setTheme(ctx, name, workbenchClass) {
  const { page } = ctx;
  await runCommand(ctx, 'Preferences: Color Theme');
  // The picker lists the built-in themes once the web extension host has scanned them (a few seconds).
  const label = name.replace(/^Default /, '');
  await page.locator('.quick-input-widget input.input').fill(label);
  const row = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ hasText: name, hasNotText: new RegExp(`${name} \\w`) })
    .first();
  await row.waitFor({ timeout: 30000 });
  await row.click();
  await ctx.ui.poll(
    async () => (await page.locator(`.monaco-workbench.${workbenchClass}`).count()) > 0,
    `the ${name} theme`,
  );
  // The webview gets the theme's variables and its body class; the charts redraw on the class change.
  await page.waitForTimeout(1000);
}

// The README's screenshots are refreshed only on request (SPARK_MEMORY_UPDATE_SCREENSHOTS=1), so a
// test run leaves the checkout clean; otherwise they go with the other UI screenshots.
async function shot(ctx, name) {
  if (process.env.SPARK_MEMORY_UPDATE_SCREENSHOTS !== '1') {
    await ctx.screenshot(name);
    return;
  }
  fs.mkdirSync(IMAGES, { recursive: true });
  const p = path.join(IMAGES, `${name}.png`);
  await ctx.page.screenshot({ path: p });
  ctx.log(`screenshot ${path.relative(REPO, p)}`);
}

exports.tests = [
  {
    name: "samples/spark-defaults.conf: the panel shows the CLI's layout numbers and its errors stop the run",
    async run(ctx) {
      await ctx.open();
      await ctx.ui.openFromExplorer(ctx.page, 'spark-defaults.conf');
      await ctx.ui.expectLanguageMode(ctx.page, 'Spark Defaults');
      const f = await openPanel(ctx);
      // The layout table may be folded (a narrow panel keeps the run in view): attached is enough.
      await f.locator('[data-testid="layout-executorMemory"]').waitFor({ state: 'attached', timeout: 30000 });
      const { ids } = await compareWithCli(f, path.join(ctx.workspace, 'spark-defaults.conf'));
      ctx.log(`layout cells equal to the CLI: ${ids.join(', ')}`);
      const problems = await f.locator('[data-testid="problem"]').allInnerTexts();
      assert.ok(
        problems.some((p) => p.includes("spark.memory.fraction should be between 0 and 1 (was '1.2')")),
        `problems: ${JSON.stringify(problems)}`,
      );
      assert.ok(
        await f.locator('[data-testid="play"]').isDisabled(),
        'Play must be disabled while the config does not start',
      );
      // The reveal button moves the editor to the line of the problem.
      await f
        .locator('[data-testid="problem"]', { hasText: 'spark.memory.fraction should be' })
        .locator('[data-testid="reveal"]')
        .click();
      await ctx.ui.poll(
        async () =>
          /Ln 13\b/.test(
            await ctx.page
              .locator('#status\\.editor\\.selection')
              .innerText()
              .catch(() => ''),
          ),
        'the editor cursor on line 13',
      );
      await ctx.screenshot('sample-problems');
    },
  },
  {
    name: 'a valid config: a preset plays into the log and cards, exports through the save dialog, a what-if applies to the file; dark and light screenshots',
    async run(ctx) {
      const dir = path.join(ctx.workspace, 'demo');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'spark-defaults.conf');
      fs.writeFileSync(
        file,
        [
          '# Executors on YARN: 4 GiB heap, 4 task slots',
          'spark.master                     yarn',
          'spark.executor.memory            4g',
          'spark.executor.cores             4',
          'spark.memory.fraction            0.6',
          'spark.memory.storageFraction     0.5',
          '',
        ].join('\n'),
      );
      await ctx.open();
      await ctx.ui.openFromExplorer(ctx.page, 'demo/spark-defaults.conf');
      const f = await openPanel(ctx);
      await f.locator('[data-testid="layout-maxHeapMemory"]').waitFor({ state: 'attached', timeout: 30000 });
      const { json } = await compareWithCli(f, file);
      assert.strictEqual(
        Number(await f.locator('[data-testid="layout-containerRequest"]').getAttribute('data-mib')),
        json.container.totalMiB,
      );
      assert.strictEqual(await f.locator('[data-testid="problems"]').count(), 0);

      // Play a preset: events reach the log, the summary cards fill in.
      await f.locator('[data-testid="scenario"]').selectOption('preset:cache-thrash');
      await f.locator('[data-testid="speed"]').selectOption('50');
      await f.locator('[data-testid="play"]').click();
      await ctx.ui.poll(async () => (await f.locator('[data-testid="event"]').count()) > 0, 'events in the log', {
        timeoutMs: 30000,
      });
      await ctx.ui.poll(
        async () => /^Finished/.test(await f.locator('[data-testid="status"]').innerText()),
        'the run to finish',
        { timeoutMs: 60000 },
      );
      const evictions = await f.locator('[data-testid="summary-evictions"]').innerText();
      const hit = await f.locator('[data-testid="summary-hitRatio"]').innerText();
      ctx.log(`summary: evictions ${evictions}, hit ratio ${hit}`);
      assert.match(evictions, /^[1-9]\d*/);
      assert.match(hit, /%$/);
      const kinds = await f
        .locator('[data-testid="event"]')
        .evaluateAll((els) => [...new Set(els.map((e) => e.dataset.kind))]);
      assert.ok(kinds.includes('evict'), `event kinds in the log: ${kinds}`);
      // Filter by kind, then choose an event: its details show.
      await f.locator('[data-testid="filter-stageStart"]').click();
      assert.strictEqual(await f.locator('[data-testid="event"][data-kind="stageStart"]').count(), 0);
      await f.locator('[data-testid="event"][data-kind="evict"]').first().click();
      await ctx.ui.poll(
        async () => (await f.locator('[data-testid="event-details"]').innerText()).includes('evict'),
        'the event details',
      );

      // Export: the button asks VS Code's save dialog (the simple one in a browser) for a path,
      // proposes <scenario>.<ext> in the workspace, and writes what the webview made: the CSV rows
      // and the chart drawn into a PNG by this browser's canvas.
      for (const [format, check] of [
        [
          'csv',
          (bytes) => {
            // Comment lines first (config, what-if, scenario, versions), then the header row.
            const lines = bytes.toString('utf8').split('\n');
            assert.ok(
              lines.some((l) => /^# scenario: /.test(l)),
              'the CSV says its scenario',
            );
            assert.match(lines.find((l) => !l.startsWith('#')) ?? '', /^t_ms,/);
          },
        ],
        [
          'png',
          (bytes) =>
            assert.deepStrictEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        ],
      ]) {
        const target = path.join(ctx.workspace, `cache-thrash.${format}`);
        assert.ok(!fs.existsSync(target), `${target} exists before the export`);
        await f.locator(`[data-testid="export-${format}"]`).click();
        const input = ctx.page.locator('.quick-input-widget input.input');
        await ctx.ui.poll(
          async () => (await input.inputValue().catch(() => '')).endsWith(`cache-thrash.${format}`),
          `the save dialog proposing cache-thrash.${format}`,
          { timeoutMs: 30000 },
        );
        await input.press('Enter');
        const bytes = await ctx.ui.poll(
          async () => (fs.existsSync(target) && fs.statSync(target).size > 0 ? fs.readFileSync(target) : false),
          `${target} written`,
          { timeoutMs: 30000 },
        );
        check(bytes);
        ctx.log(`export ${format}: ${bytes.length} bytes`);
        // The host says where it saved; the toast then goes, so it cannot cover the panel's buttons.
        const toast = ctx.page.locator('.notification-toast', {
          hasText: `saved the simulation report to cache-thrash.${format}`,
        });
        await toast.waitFor({ timeout: 30000 });
        await toast.hover();
        await toast.locator('[aria-label^="Clear Notification"]').click();
        await toast.waitFor({ state: 'detached', timeout: 30000 });
      }

      // What-if: spark.memory.fraction 0.7 re-lays out live, then Apply writes it into the file.
      const field = f.locator('[data-testid="whatif-spark.memory.fraction"]');
      await field.fill('0.7');
      await field.press('Enter');
      const expected = Math.trunc(json.usableMemory * 0.7);
      await ctx.ui.poll(
        async () =>
          Number(await f.locator('[data-testid="layout-maxHeapMemory"]').getAttribute('data-bytes')) === expected,
        `maxHeapMemory ${expected} after the what-if`,
      );
      await ctx.ui.poll(
        async () => /^Finished/.test(await f.locator('[data-testid="status"]').innerText()),
        'the what-if run',
        { timeoutMs: 30000 },
      );
      await f.locator('[data-testid="apply"]').click();
      await ctx.ui.poll(
        async () => /Applied/.test(await f.locator('[data-testid="applied"]').innerText()),
        'the applied reply',
        { timeoutMs: 30000 },
      );
      const line = await ctx.ui.poll(
        async () => {
          const t = await ctx.ui.lineText(ctx.page, 'spark.memory.fraction ');
          return t && /spark\.memory\.fraction\s+0\.7\b/.test(t) ? t : false;
        },
        'spark.memory.fraction 0.7 in the editor',
        { timeoutMs: 30000 },
      );
      ctx.log(`editor: ${line.trim()}`);

      // Compare: the preset under each of the six storage levels, with the rule of thumb beside it.
      await f.locator('[data-testid="tab-compare"]').click();
      await f.locator('[data-testid="compare-levels"]').click();
      const levels = f.locator('[data-testid="compare-levels-result"]');
      await levels.waitFor({ timeout: 30000 });
      const heads = (await levels.locator('thead th').allInnerTexts()).map((t) => t.replace(/ ★ best$/, ''));
      assert.ok((await levels.locator('[data-testid="winner"]').count()) >= 1, 'a level is marked best');
      assert.deepStrictEqual(heads.slice(1), [
        'MEMORY_ONLY',
        'MEMORY_ONLY_SER',
        'MEMORY_AND_DISK',
        'MEMORY_AND_DISK_SER',
        'DISK_ONLY',
        'OFF_HEAP',
      ]);
      const advice = await levels.locator('[data-testid="level-advice"]').innerText();
      assert.match(advice, /rule of thumb/);
      ctx.log(`compare: ${advice}`);
      await f.locator('[data-testid="tab-simulation"]').click();

      // Room for the whole panel: a tall window, the side bar hidden, the panel's group maximized.
      await ctx.page.setViewportSize({ width: 1400, height: 1700 });
      await runCommand(ctx, 'View: Toggle Primary Side Bar Visibility');
      await f.locator('[data-testid="title"]').click();
      await runCommand(ctx, 'View: Toggle Maximize Editor Group').catch((e) => ctx.log(`not maximized: ${e.message}`));
      await ctx.page.waitForTimeout(800);
      await setTheme(ctx, 'Default Dark Modern', 'vs-dark');
      await shot(ctx, 'simulation-dark');
      // A light theme: the panel follows it (charts are redrawn in the theme's colours).
      await setTheme(ctx, 'Default Light Modern', 'vs');
      await shot(ctx, 'simulation-light');
      await setTheme(ctx, 'Default High Contrast', 'hc-black');
      await ctx.screenshot('panel-high-contrast');
    },
  },
  {
    name: "conf/servers: one column per member line, with the lead's settings",
    async run(ctx) {
      await ctx.open();
      await ctx.ui.openFromExplorer(ctx.page, 'conf/servers');
      const f = await openPanel(ctx);
      const json = cliLayout(path.join(ctx.workspace, 'conf', 'servers'));
      await ctx.ui.poll(
        async () => (await f.locator('[data-testid="member-column"]').count()) === json.members.length,
        `${json.members.length} member columns`,
        { timeoutMs: 30000 },
      );
      const cells = await layoutCells(f);
      for (const [i, m] of json.members.entries()) {
        const prefix = i === 0 ? '' : `${i + 1}-`;
        for (const id of [
          'heapBytes',
          'reservedMemory',
          'maxHeapMemory',
          'onHeapStorageRegionSize',
          'maxHeapStorageSize',
        ]) {
          if (m[id] === undefined) continue;
          assert.strictEqual(cells[prefix + id]?.bytes, m[id], `member ${i + 1} ${id}`);
        }
      }
      const note = await f.locator('[data-testid="layout-maxHeapMemory"]').locator('xpath=..').innerText();
      assert.match(note, /spark\.memory\.fraction 0\.85 \(lead\)/);
      await ctx.screenshot('servers-cluster');
      // "Run Scenario…" from the palette: the host sends the pick, the panel plays it on node-a.
      await runCommand(ctx, 'Spark Memory: Run Scenario');
      const pick = ctx.page
        .locator('.quick-input-widget .monaco-list-row')
        .filter({ hasText: 'SnappyData table load' })
        .first();
      await pick.waitFor({ timeout: 15000 });
      await pick.click();
      await ctx.ui.poll(
        async () => /^Finished/.test(await f.locator('[data-testid="status"]').innerText()),
        'the SnappyData run to finish',
        { timeoutMs: 60000 },
      );
      assert.ok((await f.locator('[data-testid="event"]').count()) > 0, 'events in the log');
      ctx.log(
        `node-a column load: evictions ${await f.locator('[data-testid="summary-evictions"]').innerText()}, LowMemoryException ${await f.locator('[data-testid="summary-lowMemory"]').innerText()}`,
      );
      // The Cluster tab: every member of servers, leads and locators side by side, the same scenario
      // on each data server, and the server(s) reaching critical-heap-percentage first marked.
      await f.locator('[data-testid="tab-cluster"]').click();
      await f.locator('[data-testid="cluster-run"]').click();
      await f.locator('[data-testid="cluster-table"]').waitFor({ timeout: 60000 });
      const heads = await f.locator('[data-testid="cluster-table"] thead th[scope="col"]').allInnerTexts();
      assert.deepStrictEqual(
        heads.slice(1).map((t) => t.replace(/ ▲ critical first$/, '')),
        [
          'Locator 1: node-loc1',
          'Locator 2: node-loc2',
          'Lead 1: node-lead',
          'Server 1: node-a',
          'Server 2: node-b',
          'Server 3: node-c\\t-heap-size=4g',
          'Server 4: node-d',
        ],
      );
      const summary = await f.locator('[data-testid="cluster-summary"]').innerText();
      assert.match(summary, /reach(es)? critical-heap-percentage first/);
      assert.ok((await f.locator('[data-testid="first-critical"]').count()) >= 1, 'a server is marked critical first');
      ctx.log(`cluster: ${summary}`);
      await ctx.screenshot('servers-cluster-view');
      await f.locator('[data-testid="tab-simulation"]').click();
      // What-if on member 1 (node-a): a 16g heap re-lays out that column; Apply writes -heap-size=16g.
      const heap = f.locator('[data-testid="whatif--heap-size"]');
      await heap.fill('16g');
      await heap.press('Enter');
      await ctx.ui.poll(
        async () =>
          Number(await f.locator('[data-testid="layout-heapBytes"]').getAttribute('data-bytes')) === 16 * 2 ** 30,
        'node-a heap 16 GiB after the what-if',
      );
      assert.strictEqual(
        Number(await f.locator('[data-testid="layout-4-heapBytes"]').getAttribute('data-bytes')),
        json.members[3].heapBytes,
        'other members keep their heap',
      );
      await f.locator('[data-testid="apply"]').click();
      await ctx.ui.poll(
        async () => /Applied/.test(await f.locator('[data-testid="applied"]').innerText()),
        'the applied reply',
        { timeoutMs: 30000 },
      );
      await ctx.ui.poll(
        async () => /node-a -heap-size=16g /.test((await ctx.ui.lineText(ctx.page, 'node-a')) || ''),
        'node-a -heap-size=16g in the editor',
        { timeoutMs: 30000 },
      );
    },
  },
];

// Shared with the other panel UI tests.
exports.helpers = { runCommand, panel, openPanel, setTheme };
