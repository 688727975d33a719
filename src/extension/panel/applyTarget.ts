// Which document and version the simulation panel's "Apply" may write. The page is an untrusted
// boundary (issue 15, defect 10): an apply must name the document the panel was sent, at the
// version it was sent, and the document must still be at that version. A version the panel never
// sent is refused even when it is the document's current one: the page has not seen that text,
// so its what-if values were chosen against another file.

/** The config last sent to the page. */
export interface SentConfig {
  readonly uri: string;
  readonly version: number;
}

export type ApplyTarget = { readonly ok: true } | { readonly ok: false; readonly reason: 'not-shown' | 'changed' };

/**
 * Whether an apply of (`uri`, `version`) may go ahead. `documentVersion` is the open document's
 * version now (undefined when it is not open).
 */
export function checkApplyTarget(
  sent: SentConfig | undefined,
  request: { readonly uri: string; readonly version: number },
  documentVersion: number | undefined,
): ApplyTarget {
  if (sent === undefined || sent.uri !== request.uri || documentVersion === undefined)
    return { ok: false, reason: 'not-shown' };
  if (request.version !== sent.version || documentVersion !== sent.version) return { ok: false, reason: 'changed' };
  return { ok: true };
}
