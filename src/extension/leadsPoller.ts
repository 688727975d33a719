// A servers file's diagnostics depend on the leads file beside it. File watchers are the primary
// signal, but they can miss or delay events (network and container file systems, a busy remote
// server), and a stale "the lead sets this" finding is worse than a slow one. So while a servers
// file is open, the leads file beside it is also checked every few seconds with one stat.
import * as vscode from 'vscode';
import { documentTypeOf, leadsUriOf, openDocument } from './documents';

const INTERVAL_MS = 2000;

type Seen = { readonly mtime: number; readonly size: number } | 'missing';

export class LeadsPoller implements vscode.Disposable {
  private readonly seen = new Map<string, Seen>();
  private readonly timer: ReturnType<typeof setInterval>;
  private polling = false;

  constructor(private readonly changed: (leadsUri: vscode.Uri, deleted: boolean) => void) {
    this.timer = setInterval(() => void this.poll(), INTERVAL_MS);
  }

  private leadsToWatch(): vscode.Uri[] {
    const out = new Map<string, vscode.Uri>();
    for (const doc of vscode.workspace.textDocuments) {
      const type = documentTypeOf(doc);
      if (type?.kind !== 'snappy-members' || type.role !== 'server' || doc.uri.scheme === 'untitled') continue;
      const leads = leadsUriOf(doc.uri);
      // An edited leads editor reports its own changes; a saved one may lag the disk.
      if (openDocument(leads)?.isDirty !== true) out.set(leads.toString(), leads);
    }
    return [...out.values()];
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const watched = this.leadsToWatch();
      const keys = new Set(watched.map((u) => u.toString()));
      for (const k of [...this.seen.keys()]) if (!keys.has(k)) this.seen.delete(k);
      for (const uri of watched) {
        let now: Seen;
        try {
          const st = await vscode.workspace.fs.stat(uri);
          now = { mtime: st.mtime, size: st.size };
        } catch {
          now = 'missing';
        }
        const key = uri.toString();
        const before = this.seen.get(key);
        this.seen.set(key, now);
        // First seen (a servers file opened, or its leads editor saved or closed): what the servers
        // file was linted with may predate this stat, so lint it once more against the disk.
        if (before === undefined) {
          if (now !== 'missing') this.changed(uri, false);
          continue;
        }
        const same =
          before === 'missing' || now === 'missing'
            ? before === now
            : before.mtime === now.mtime && before.size === now.size;
        if (!same) this.changed(uri, now === 'missing');
      }
    } finally {
      this.polling = false;
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
