// UI: the packaged extension gives the sample files our languages (status bar language mode) and
// TextMate colours (Monaco renders tokens of different scopes with different mtkN classes).
'use strict';
const assert = require('assert');

async function distinctClasses(ctx, pairs) {
  // Tokenisation is asynchronous: the first paint may be all default colour, so poll.
  let seen;
  await ctx.ui.poll(async () => {
    seen = [];
    for (const [line, part] of pairs) seen.push(await ctx.ui.tokenClass(ctx.page, line, part));
    // mtk1 is the default foreground: a line drawn before its tokens arrived, not a colour yet.
    return !seen.includes('mtk1') && new Set(seen).size === seen.length;
  }, `different colours for ${JSON.stringify(pairs.map((p) => p[1]))}`).catch(() => {
    throw new Error(`expected different token classes for ${JSON.stringify(pairs.map((p) => p[1]))}, got ${JSON.stringify(seen)}`);
  });
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
      assert.strictEqual(await ctx.ui.tokenClass(ctx.page, '! Shuffle', '! Shuffle'), comment, "'!' line is a comment");
      const inline = await ctx.ui.tokenClass(ctx.page, 'keep results small', 'keep results small');
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
      const stray = await ctx.ui.tokenClass(ctx.page, 'node-b -heap-size = 4g', '=');
      assert.ok(![comment, host, flag].includes(stray), `stray '=' should be marked invalid, got ${stray}`);
      await ctx.screenshot('servers');
    },
  },
];
