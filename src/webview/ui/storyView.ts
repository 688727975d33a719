// The run's story, as the engine tells it (src/core/workload/story.ts): up to three items, each
// with what happened, why in Spark's terms, what would change it, and a button per what-if the
// engine checked, which tries it in the panel at once.
import type { RunStory, StoryWhatIf } from '../../core/workload/story';
import { clear, h } from './dom';

export class StoryView {
  readonly el = h('section', { class: 'story', 'data-testid': 'story', 'aria-label': 'What this run cost, and why' });

  constructor(private readonly tryWhatIf: (w: StoryWhatIf) => void) {
    this.clear();
  }

  clear(message = ''): void {
    clear(this.el);
    this.el.hidden = message === '';
    if (message !== '') this.el.append(h('p', { class: 'story-note' }, message));
  }

  working(): void {
    this.clear('Working out why: re-running the scenario with other settings…');
  }

  show(story: RunStory): void {
    clear(this.el);
    this.el.hidden = false;
    if (story.items.length === 0) {
      this.el.append(
        h(
          'p',
          { class: 'story-note', 'data-testid': 'story-none' },
          'Nothing cost this run: no spill, wait, eviction or failure.',
        ),
      );
      return;
    }
    const list = h('ol', { class: 'story-items' });
    for (const item of story.items) {
      const buttons = item.whatIfs.map((w) => {
        const b = h(
          'button',
          {
            class: 'secondary story-try',
            'data-testid': 'story-try',
            title: `Try ${w.label} as a what-if (the engine's re-run ${w.removes ? 'has none of it' : 'has less of it'})`,
          },
          `Try ${w.label}`,
        );
        b.addEventListener('click', () => this.tryWhatIf(w));
        return b;
      });
      list.append(
        h(
          'li',
          { class: `story-item story-${item.kind}`, 'data-testid': 'story-item', 'data-kind': item.kind },
          h('p', { class: 'story-headline' }, item.headline),
          h('p', { class: 'story-cause' }, item.cause),
          h('p', { class: 'story-change' }, item.change),
          buttons.length > 0 ? h('div', { class: 'buttons story-buttons' }, ...buttons) : null,
        ),
      );
    }
    this.el.append(h('h3', {}, 'What cost most, and why'), list);
  }
}
