// The panel's Apply writes only the document it was sent, at the version it was sent: a version
// the panel never sent is refused, even when it is the document's current version.
import * as assert from 'node:assert/strict';
import { checkApplyTarget } from '../../../src/extension/panel/applyTarget';

const URI = 'file:///w/spark-defaults.conf';
const sent = { uri: URI, version: 4 };

describe('Apply target', () => {
  it('accepts the document and version the panel sent, while the document is still at it', () => {
    assert.deepEqual(checkApplyTarget(sent, { uri: URI, version: 4 }, 4), { ok: true });
  });

  it("refuses a version the panel never sent, even the document's current one", () => {
    // The document moved to 5 and the panel has not sent it yet: the page cannot have seen version 5.
    assert.deepEqual(checkApplyTarget(sent, { uri: URI, version: 5 }, 5), { ok: false, reason: 'changed' });
    // A version from the future, or from before the one sent.
    assert.deepEqual(checkApplyTarget(sent, { uri: URI, version: 9 }, 4), { ok: false, reason: 'changed' });
    assert.deepEqual(checkApplyTarget(sent, { uri: URI, version: 3 }, 4), { ok: false, reason: 'changed' });
  });

  it('refuses the version sent once the document has moved on', () => {
    assert.deepEqual(checkApplyTarget(sent, { uri: URI, version: 4 }, 5), { ok: false, reason: 'changed' });
  });

  it('refuses another document, a closed one, or anything before a config was sent', () => {
    assert.deepEqual(checkApplyTarget(sent, { uri: 'file:///etc/passwd', version: 4 }, 4), {
      ok: false,
      reason: 'not-shown',
    });
    assert.deepEqual(checkApplyTarget(sent, { uri: URI, version: 4 }, undefined), { ok: false, reason: 'not-shown' });
    assert.deepEqual(checkApplyTarget(undefined, { uri: URI, version: 4 }, 4), { ok: false, reason: 'not-shown' });
  });
});
