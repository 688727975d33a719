// Helpers for Playwright UI tests against the VS Code web workbench (test/ui/*.ui.js get them as
// ctx.ui). Selectors are VS Code 1.100's; each wait has a time limit and a message saying what
// was awaited.
'use strict';

function cssEscape(s) {
  return String(s).replace(/["\\]/g, '\\$&');
}

/** Waits for the workbench and the explorer tree of the opened folder. */
async function waitForWorkbench(page, { timeoutMs = 60000 } = {}) {
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
}

/** The explorer row of a file or folder name at the given depth (1 = workspace root's children). */
function explorerRow(page, name, level) {
  let sel = `.explorer-folders-view .monaco-list-row[aria-label="${cssEscape(name)}"]`;
  if (level !== undefined) sel += `[aria-level="${level}"]`;
  return page.locator(sel);
}

/**
 * Opens `relPath` (e.g. "conf/servers") by clicking through the explorer: folders are expanded,
 * then the file row is clicked. Waits until the editor tab for the file is active.
 */
async function openFromExplorer(page, relPath, { timeoutMs = 30000 } = {}) {
  const parts = relPath.split('/');
  for (let i = 0; i < parts.length; i++) {
    const row = explorerRow(page, parts[i], i + 1).first();
    await row.waitFor({ timeout: timeoutMs });
    const isFolder = i < parts.length - 1;
    if (isFolder) {
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      await page
        .locator(`.explorer-folders-view .monaco-list-row[aria-level="${i + 2}"]`)
        .first()
        .waitFor({ timeout: timeoutMs });
    } else {
      await row.click();
    }
  }
  const name = parts[parts.length - 1];
  await page.locator(`.tabs-container .tab.active[aria-label^="${cssEscape(name)}"]`).waitFor({ timeout: timeoutMs });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').waitFor({ timeout: timeoutMs });
}

/** Polls until `fn()` returns a truthy value; throws `what` after `timeoutMs`. */
async function poll(fn, what, { timeoutMs = 15000, stepMs = 100 } = {}) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Runs a command by its palette title ("Spark Memory: Open Simulation"). */
async function runCommand(page, title) {
  await poll(
    async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input.input');
      if (!(await input.isVisible().catch(() => false))) return false;
      // The palette can close again between the check and the fill (focus moving back to the
      // webview): then open it anew rather than wait on a hidden input.
      if (
        !(await input.fill(`>${title}`, { timeout: 3000 }).then(
          () => true,
          () => false,
        ))
      )
        return false;
      const row = page.locator(`.quick-input-widget .monaco-list-row[aria-label^="${title}"]`).first();
      try {
        await row.waitFor({ timeout: 5000 });
      } catch {
        return false;
      }
      // Click the row itself: Enter would run whichever row the palette ranks first.
      await row.click();
      return true;
    },
    `the command "${title}" in the command palette`,
    { timeoutMs: 30000, stepMs: 500 },
  );
}

/** Text of the status bar's language mode item, once it equals `expected` (or throws with the last seen text). */
async function expectLanguageMode(page, expected, opts) {
  const item = page.locator('#status\\.editor\\.mode');
  let seen = '';
  try {
    await poll(
      async () => {
        seen = (await item.innerText({ timeout: 2000 }).catch(() => '')).trim();
        return seen === expected;
      },
      `language mode "${expected}"`,
      opts,
    );
  } catch {
    throw new Error(`status bar language mode is ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`);
  }
  return seen;
}

/**
 * The rendered tokens of the first visible editor line whose text contains `needle`:
 * [{ text, cls }] where cls is the `mtkN` colour class Monaco gives each token.
 */
async function lineTokens(page, needle) {
  return page.evaluate((n) => {
    const lines = document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line');
    for (const line of lines) {
      const text = (line.textContent || '').replace(/\u00a0/g, ' ');
      if (!text.includes(n)) continue;
      const spans = [...line.querySelectorAll('span > span')];
      return spans.map((s) => ({
        text: (s.textContent || '').replace(/\u00a0/g, ' '),
        cls: (s.className.match(/\bmtk\d+\b/) || [''])[0],
      }));
    }
    return null;
  }, needle);
}

/**
 * The rendered text of the first editor line containing `needle`, inlay hints included, in any
 * editor group (the simulation panel takes the active group from the file it shows).
 */
async function lineText(page, needle) {
  return page.evaluate((n) => {
    for (const line of document.querySelectorAll('.editor-group-container .monaco-editor .view-lines .view-line')) {
      const t = (line.textContent || '').replace(/\u00a0/g, ' ');
      if (t.includes(n)) return t;
    }
    return null;
  }, needle);
}

/** Waits until the line containing `needle` is rendered and its token containing `part` has a colour class. */
async function tokenClass(page, needle, part, opts) {
  let tokens = null;
  try {
    return await poll(
      async () => {
        tokens = await lineTokens(page, needle);
        const t = tokens && tokens.find((x) => x.text.includes(part));
        return t && t.cls ? t.cls : undefined;
      },
      `a token "${part}" on the line with "${needle}"`,
      opts,
    );
  } catch (e) {
    throw new Error(`${e.message}; tokens seen: ${JSON.stringify(tokens)}`);
  }
}

module.exports = {
  waitForWorkbench,
  explorerRow,
  openFromExplorer,
  poll,
  runCommand,
  expectLanguageMode,
  lineTokens,
  lineText,
  tokenClass,
};
