// UI: the packaged extension gives the sample files our languages (status bar language mode) and
// TextMate colours (Monaco renders tokens of different scopes with different mtkN classes).
'use strict';
const assert = require('assert');

// Monaco paints a line in the default colour (mtk1) first and recolours it when the (asynchronous,
// chunked) tokeniser reaches it. Every token checked here has a theme colour of its own, so wait
// until it is no longer mtk1 before comparing.
async function coloured(ctx, line, part) {
  let cls;
  await ctx.ui
    .poll(async () => {
      cls = await ctx.ui.tokenClass(ctx.page, line, part);
      return cls !== 'mtk1';
    }, `"${part}" to be coloured by the grammar`)
    .catch(() => {
      throw new Error(
        `"${part}" on the line with "${line}" still has the default colour class ${cls}: no TextMate highlighting`,
      );
    });
  return cls;
}

async function distinctClasses(ctx, pairs) {
  const seen = [];
  for (const [line, part] of pairs) seen.push(await coloured(ctx, line, part));
  assert.strictEqual(
    new Set(seen).size,
    seen.length,
    `expected different token classes for ${JSON.stringify(pairs.map((p) => p[1]))}, got ${JSON.stringify(seen)}`,
  );
  return seen;
}

exports.tests = [
  {
    name: 'spark-defaults.conf opens as Spark Defaults with TextMate colours',
    async run(ctx) {
      await ctx.open();
      await ctx.ui.openFromExplorer(ctx.page, 'spark-defaults.conf');
      await ctx.ui.expectLanguageMode(ctx.page, 'Spark Defaults');
      const [comment, key, number] = await distinctClasses(ctx, [
        ['# Executors', '# Executors'],
        ['spark.executor.instances', 'spark.executor.instances'],
        ['spark.executor.instances', '6'],
      ]);
      ctx.log(`classes: comment ${comment}, key ${key}, number ${number}`);
      // '!' starts a comment line too; '#' after a value does not (Properties keeps it in the value).
      assert.strictEqual(await coloured(ctx, '! Shuffle', '! Shuffle'), comment, "'!' line is a comment");
      const inline = await coloured(ctx, 'keep results small', 'keep results small');
      assert.notStrictEqual(inline, comment, "'# keep results small' after a value must not look like a comment");
      await ctx.screenshot('spark-defaults');
    },
  },
  {
    name: 'conf/servers opens as SnappyData Members with TextMate colours',
    async run(ctx) {
      await ctx.open();
      await ctx.ui.openFromExplorer(ctx.page, 'conf/servers');
      await ctx.ui.expectLanguageMode(ctx.page, 'SnappyData Members');
      const [comment, host, flag, size] = await distinctClasses(ctx, [
        ['# SnappyData data servers', '# SnappyData'],
        ['node-a -heap-size=8g', 'node-a'],
        ['node-a -heap-size=8g', 'heap-size'],
        ['node-a -heap-size=8g', '16'],
      ]);
      ctx.log(`classes: comment ${comment}, host ${host}, flag ${flag}, size ${size}`);
      // `-heap-size = 4g`: the lone '=' is an argument that does not start with '-'.
      const stray = await coloured(ctx, 'node-b -heap-size = 4g', '=');
      assert.ok(![comment, host, flag].includes(stray), `stray '=' should be marked invalid, got ${stray}`);
      await ctx.screenshot('servers');
    },
  },
];
