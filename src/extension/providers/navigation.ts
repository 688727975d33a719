// Go to definition / peek, references and document links: the core finds the spans (navigation.ts);
// here they become locations, reading conf/locators beside a members file when a -locators= asks.
import * as vscode from 'vscode';
import { type NavTarget, definitionAt, documentLinks, referencesAt } from '../../core/editor/navigation';
import { type MembersDocument, parseMembers } from '../../core/parse/members';
import type { Snapshot, DocumentStore } from '../documents';
import { decodeUtf8, openDocument, siblingOf } from '../documentFiles';
import { TextMapper } from '../mapping';

interface Sibling {
  readonly uri: vscode.Uri;
  readonly doc: MembersDocument;
  readonly mapper: TextMapper;
}

/** conf/locators (or locators.template) beside a members file, from its editor or the disk. */
async function locatorsBeside(uri: vscode.Uri): Promise<Sibling | undefined> {
  const name = uri.path.endsWith('.template') ? 'locators.template' : 'locators';
  const target = siblingOf(uri, name);
  let text = openDocument(target)?.getText();
  if (text === undefined) {
    try {
      text = decodeUtf8(await vscode.workspace.fs.readFile(target));
    } catch {
      return undefined;
    }
  }
  return { uri: target, doc: parseMembers(text, 'locator'), mapper: TextMapper.of(text, 0) };
}

async function current(store: DocumentStore, doc: vscode.TextDocument): Promise<Snapshot | undefined> {
  const snap = await store.forDocument(doc);
  return snap !== undefined && snap.result.ok && snap.version === doc.version ? snap : undefined;
}

export class SparkMemoryNavigation
  implements vscode.DefinitionProvider, vscode.ReferenceProvider, vscode.DocumentLinkProvider
{
  constructor(private readonly store: DocumentStore) {}

  async provideDefinition(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Location[]> {
    const snap = await current(this.store, doc);
    if (snap === undefined || !snap.result.ok) return [];
    const a = snap.result.analysis;
    const offset = snap.mapper.offset(pos);
    const wantsLocators = a.doc.kind === 'snappy-members' && /-locators=/.test(a.text);
    const locators = wantsLocators ? await locatorsBeside(doc.uri) : undefined;
    const targets = definitionAt(a.doc, offset, {
      ...(a.leads !== undefined ? { leads: a.leads } : {}),
      ...(locators !== undefined ? { locators: locators.doc } : {}),
    });
    return targets.flatMap((t) => this.location(t, snap, locators));
  }

  private location(t: NavTarget, snap: Snapshot, locators: Sibling | undefined): vscode.Location[] {
    if (t.file === 'self') return [new vscode.Location(snap.uri, snap.mapper.range(t.span))];
    if (t.file === 'leads' && snap.leads !== undefined)
      return [new vscode.Location(snap.leads.uri, snap.leads.mapper.range(t.span))];
    if (t.file === 'locators' && locators !== undefined)
      return [new vscode.Location(locators.uri, locators.mapper.range(t.span))];
    return [];
  }

  async provideReferences(
    doc: vscode.TextDocument,
    pos: vscode.Position,
    context: vscode.ReferenceContext,
  ): Promise<vscode.Location[]> {
    const snap = await current(this.store, doc);
    if (snap === undefined || !snap.result.ok) return [];
    const spans = referencesAt(snap.result.analysis.doc, snap.mapper.offset(pos), context.includeDeclaration);
    return spans.map((s) => new vscode.Location(doc.uri, snap.mapper.range(s)));
  }

  async provideDocumentLinks(doc: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
    const snap = await current(this.store, doc);
    if (snap === undefined || !snap.result.ok) return [];
    return documentLinks(snap.result.analysis.doc).map((l) => {
      const link = new vscode.DocumentLink(snap.mapper.range(l.span), vscode.Uri.file(l.path));
      link.tooltip = l.tooltip;
      return link;
    });
  }
}
