// The TextMate grammars, tokenised with the same engine VS Code uses (vscode-textmate +
// vscode-oniguruma's wasm build), checked scope by scope on the lexical rules of
// java.util.Properties (spark-defaults.conf) and snappy-nodes.sh (conf/servers, leads, locators).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as tm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FILES: Record<string, string> = {
  'source.spark-defaults': 'syntaxes/spark-defaults.tmLanguage.json',
  'source.snappydata-members': 'syntaxes/snappydata-members.tmLanguage.json',
};

let registry: tm.Registry | undefined;

async function grammar(scope: string): Promise<tm.IGrammar> {
  if (!registry) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    registry = new tm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: (name: string) => {
        const file = FILES[name];
        return Promise.resolve(file ? tm.parseRawGrammar(fs.readFileSync(path.join(ROOT, file), 'utf8'), file) : null);
      },
    });
  }
  const g = await registry.loadGrammar(scope);
  assert.ok(g, `grammar ${scope} loads`);
  return g;
}

interface Token {
  text: string;
  scopes: string[];
}

async function tokenize(scope: string, text: string): Promise<Token[][]> {
  const g = await grammar(scope);
  let stack = tm.INITIAL;
  return text.split('\n').map((line) => {
    const r = g.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1) }));
  });
}

/** Scopes (without the root) of the token of line `line` whose text is exactly `text` (the first one). */
function scopes(lines: Token[][], line: number, text: string): string {
  const tokens = lines[line] ?? [];
  const t = tokens.find((x) => x.text === text);
  assert.ok(t, `no token ${JSON.stringify(text)} on line ${line}: ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t.scopes.join(' ');
}

const SD = 'source.spark-defaults';
const SM = 'source.snappydata-members';

describe('grammar: spark-defaults', () => {
  it('takes # and ! as comments only at the start of a line (after optional blanks)', async () => {
    const l = await tokenize(SD, '# a\n   ! b\nspark.a 1g # not a comment');
    assert.match(scopes(l, 0, ' a'), /^comment\.line/);
    assert.match(scopes(l, 1, ' b'), /^comment\.line/);
    assert.strictEqual(scopes(l, 2, ' # not a comment'), 'string.unquoted.value.spark-defaults');
  });

  it('splits key, separator and value for whitespace, = and : separators', async () => {
    const l = await tokenize(SD, 'spark.a 4g\nspark.b=4g\nspark.c : 4g\nspark.d\t4g');
    for (let i = 0; i < 4; i++) {
      const key = `spark.${'abcd'[i]}`;
      assert.match(scopes(l, i, key), /^support\.type\.property-name\.key/);
      assert.match((l[i] ?? [])[1]?.scopes.join(' ') ?? '', /^punctuation\.separator\.key-value/, `line ${i}`);
      assert.match(scopes(l, i, '4'), /constant\.numeric\.size/);
      assert.match(scopes(l, i, 'g'), /keyword\.other\.unit\.size/);
    }
  });

  it('marks size units, durations, booleans and plain numbers', async () => {
    const l = await tokenize(SD, 'a 512m\nb 1536k\nc 2gb\nd 120s\ne true\nf 0.6\ng 4096\nh spark://m:7077');
    assert.match(scopes(l, 0, 'm'), /unit\.size/);
    assert.match(scopes(l, 1, 'k'), /unit\.size/);
    assert.match(scopes(l, 2, 'gb'), /unit\.size/);
    assert.match(scopes(l, 3, 's'), /unit\.duration/);
    assert.match(scopes(l, 4, 'true'), /constant\.language\.boolean/);
    assert.match(scopes(l, 5, '0.6'), /constant\.numeric\.spark-defaults$/);
    assert.match(scopes(l, 6, '4096'), /constant\.numeric\.spark-defaults$/);
    assert.strictEqual(scopes(l, 7, 'spark://m:'), 'string.unquoted.value.spark-defaults');
  });

  it('continues a value after an odd number of trailing backslashes only', async () => {
    const l = await tokenize(SD, 'k a,\\\n  # still the value\nk2 b\\\\\n# a comment\nk3 c\\\\\\\n  d');
    assert.match(scopes(l, 0, '\\'), /punctuation\.separator\.continuation/);
    assert.strictEqual(scopes(l, 1, '  # still the value'), 'string.unquoted.value.spark-defaults');
    assert.match(scopes(l, 2, '\\\\'), /constant\.character\.escape/);
    assert.match(scopes(l, 3, ' a comment'), /^comment\.line/, 'an even number of backslashes ends the value');
    assert.match(scopes(l, 4, '\\'), /punctuation\.separator\.continuation/);
    assert.strictEqual(scopes(l, 5, '  d'), 'string.unquoted.value.spark-defaults');
  });

  it('marks escapes, and a malformed \\u as invalid', async () => {
    const l = await tokenize(SD, 'spark\\ key v\\u0041\\t\\q\nk \\u12');
    assert.match(scopes(l, 0, '\\ '), /property-name.*constant\.character\.escape/);
    assert.match(scopes(l, 0, '\\u0041'), /escape\.unicode/);
    assert.match(scopes(l, 0, '\\t'), /constant\.character\.escape\.spark-defaults/);
    assert.match(scopes(l, 0, '\\q'), /escape\.other/);
    assert.match(scopes(l, 1, '\\u'), /invalid\.illegal/);
  });

  it('does not let a comment line that ends in a backslash continue', async () => {
    const l = await tokenize(SD, '# note \\\nspark.a 1g');
    assert.match(scopes(l, 1, 'spark.a'), /^support\.type\.property-name/);
  });
});

describe('grammar: snappydata-members', () => {
  it('marks comment lines, the host, flags and size values', async () => {
    const l = await tokenize(
      SM,
      '  # servers\nnode-a -heap-size=8g -memory-size=16gb -critical-heap-percentage=95 -eviction-heap-percentage=85.5',
    );
    assert.match(scopes(l, 0, ' servers'), /^comment\.line/);
    assert.match(scopes(l, 1, 'node-a'), /^entity\.name\.tag\.host/);
    assert.match(scopes(l, 1, 'heap-size'), /property-name\.memory/);
    assert.match(scopes(l, 1, '8'), /constant\.numeric\.size/);
    assert.match(scopes(l, 1, 'gb'), /unit\.size/);
    assert.match(scopes(l, 1, 'critical-heap-percentage'), /property-name/);
    assert.match(scopes(l, 1, '85.5'), /constant\.numeric/);
  });

  it('marks -J JVM arguments with their -Xmx size, and -spark.* keys', async () => {
    const l = await tokenize(SM, 'h -J-Xmx4g -J-XX:+UseG1GC -J-Dsnappydata.x=true -spark.memory.fraction=0.85');
    assert.match(scopes(l, 0, '-J'), /keyword\.other\.flag\.jvm/);
    assert.match(scopes(l, 0, '-Xmx'), /property-name\.jvm/);
    assert.match(scopes(l, 0, '4'), /constant\.numeric\.size/);
    assert.match(scopes(l, 0, 'g'), /unit\.size/);
    assert.match(scopes(l, 0, 'UseG1GC'), /property-name\.jvm/);
    assert.match(scopes(l, 0, 'snappydata.x'), /property-name\.jvm/);
    assert.match(scopes(l, 0, 'true'), /boolean/);
    assert.match(scopes(l, 0, 'spark.memory.fraction'), /variable\.other\.property\.spark/);
    assert.match(scopes(l, 0, '0.85'), /constant\.numeric/);
  });

  it('marks arguments that do not start with - (as in "-heap-size = 4g") and a TAB after the host', async () => {
    const l = await tokenize(SM, 'h -heap-size = 4g\nnode-b\t-heap-size=4g');
    assert.match(scopes(l, 0, '='), /invalid\.illegal\.argument/);
    assert.match(scopes(l, 0, '4g'), /invalid\.illegal\.argument/);
    assert.match(scopes(l, 1, 'node-b'), /host/);
    assert.match(scopes(l, 1, '\t'), /invalid\.illegal\.separator\.tab/);
  });

  it('joins a line ending in a backslash with the next one, and shows an inline # as a comment', async () => {
    const l = await tokenize(SM, 'h -heap-size=8g \\\n   -memory-size=16g # note\nh2 -dir=/x');
    assert.match(scopes(l, 0, '\\'), /continuation/);
    assert.match(scopes(l, 1, 'memory-size'), /property-name\.memory/, 'the next line holds arguments, not a host');
    assert.match(scopes(l, 1, '# note'), /^comment\.line\.number-sign\.inline/);
    assert.match(scopes(l, 2, 'h2'), /host/, 'a line without a trailing backslash ends the member');
  });
});
