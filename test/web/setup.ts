// mocha's browser build (a web worker has no Node, so not mocha's Node entry), set up before any
// suite file calls describe(): index.ts imports this module first.
import 'mocha/mocha';

mocha.setup({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
