// The layout view: per executor (or member) a proportional bar of the heap and of the off-heap
// pools, the container request, and a table of the exact sizes (each cell carries its byte count).
import { groupDigits } from '../../core/editor/numbers';
import { formatBytes } from '../../core/size';
import type { BarSegment, ColumnModel, LayoutModel, Problem } from '../layoutModel';
import { h } from './dom';

function bar(label: string, segments: readonly BarSegment[], testid: string): HTMLElement {
  const total = segments.reduce((s, x) => s + Math.max(0, x.bytes), 0);
  const el = h('div', {
    class: 'bar',
    role: 'img',
    'data-testid': testid,
    'aria-label': `${label}: ${segments.map((s) => `${s.label} ${formatBytes(s.bytes)}`).join(', ')}`,
  });
  for (const s of segments) {
    if (s.bytes <= 0 || total <= 0) continue;
    const seg = h(
      'div',
      { class: `seg seg-${s.id}`, title: `${s.label}: ${formatBytes(s.bytes)}` },
      h('span', {}, `${s.label} ${formatBytes(s.bytes)}`),
    );
    seg.style.flexGrow = String(s.bytes / total);
    el.append(seg);
  }
  return h('div', { class: 'bar-row' }, h('div', { class: 'bar-label' }, label), el);
}

function table(col: ColumnModel, idx: number): HTMLElement {
  const body = h('tbody');
  for (const r of col.rows) {
    body.append(
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, r.label),
        h(
          'td',
          {
            'data-testid': idx === 0 ? `layout-${r.id}` : `layout-${idx + 1}-${r.id}`,
            'data-bytes': r.bytes,
            class: 'num',
          },
          formatBytes(r.bytes),
        ),
        h('td', { class: 'num bytes' }, `${groupDigits(r.bytes)} B`),
        h('td', { class: 'note' }, r.note ?? ''),
      ),
    );
  }
  if (col.container !== undefined) {
    body.append(
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, 'Container request'),
        h(
          'td',
          {
            'data-testid': idx === 0 ? 'layout-containerRequest' : `layout-${idx + 1}-containerRequest`,
            'data-mib': col.container.totalMiB,
            class: 'num',
          },
          `${groupDigits(col.container.totalMiB)} MiB`,
        ),
        h('td', { class: 'num bytes' }, formatBytes(col.container.totalMiB * 2 ** 20)),
        h('td', { class: 'note' }, col.container.text),
      ),
    );
  }
  const t = h(
    'table',
    { class: 'layout-table', 'aria-label': `Memory layout of ${col.title}` },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Region'),
        h('th', { scope: 'col' }, 'Size'),
        h('th', { scope: 'col', class: 'bytes' }, 'Bytes'),
        h('th', { scope: 'col' }, 'Note'),
      ),
    ),
    body,
  );
  // A narrow panel scrolls the table inside itself rather than clip it or widen the page.
  return h('div', { class: 'table-wrap' }, t);
}

export function renderLayout(model: LayoutModel, onSelectMember: (i: number) => void): HTMLElement {
  const cols = h('div', {
    class: model.columns.length > 1 ? 'columns cluster' : 'columns',
    'data-testid': 'member-columns',
  });
  model.columns.forEach((col, i) => {
    const selected = model.flavour === 'snappydata' && i === model.member;
    const heading =
      model.flavour === 'snappydata'
        ? h(
            'button',
            { class: 'member-pick', 'aria-pressed': selected ? 'true' : 'false', title: 'Simulate this member' },
            col.title,
          )
        : h('span', {}, col.title);
    if (heading instanceof HTMLButtonElement) heading.addEventListener('click', () => onSelectMember(i));
    const c = h(
      'section',
      { class: selected ? 'column selected' : 'column', 'data-testid': 'member-column', 'aria-label': col.title },
      h('h3', {}, heading),
      col.heap.length > 0 ? bar('Heap', col.heap, i === 0 ? 'bar-heap' : `bar-heap-${i + 1}`) : null,
      col.offHeap.length > 0 ? bar('Off-heap', col.offHeap, i === 0 ? 'bar-offheap' : `bar-offheap-${i + 1}`) : null,
      col.container !== undefined
        ? bar(
            `Container ${groupDigits(col.container.totalMiB)} MiB`,
            col.container.parts,
            i === 0 ? 'bar-container' : `bar-container-${i + 1}`,
          )
        : null,
      col.rows.length > 0 ? table(col, i) : null,
      col.startupErrors.length > 0 && model.flavour === 'snappydata'
        ? h(
            'ul',
            { class: 'member-errors', 'aria-label': 'Start-up errors' },
            ...col.startupErrors.map((e) => h('li', {}, e.message)),
          )
        : null,
    );
    cols.append(c);
  });
  return cols;
}

export function renderProblems(
  problems: readonly Problem[],
  onReveal: (line: number) => void,
): HTMLElement | undefined {
  if (problems.length === 0) return undefined;
  const list = h('ul', {});
  for (const p of problems) {
    const li = h(
      'li',
      { 'data-testid': 'problem' },
      h('span', { class: 'problem-text' }, `${p.code !== undefined ? `${p.code}: ` : ''}${p.message}`),
    );
    if (p.line !== undefined) {
      const line = p.line;
      const b = h(
        'button',
        { class: 'link', 'data-testid': 'reveal', 'aria-label': `Show line ${line + 1} in the editor` },
        `Line ${line + 1}`,
      );
      b.addEventListener('click', () => onReveal(line));
      li.append(' ', b);
    }
    list.append(li);
  }
  return h(
    'section',
    { class: 'problems', role: 'alert', 'data-testid': 'problems' },
    h('h2', {}, 'The simulation does not run: fix these first (or override them with a what-if value)'),
    list,
  );
}
