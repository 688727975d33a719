// WCAG 2.x contrast, and a theme colour nudged until it reaches a ratio against the background.
// Pure (no DOM): the charts use it on the theme's --vscode-charts-* colours, the UI test measures
// rendered styles with the same arithmetic.

export type Rgb = readonly [number, number, number];

/** Parses #rgb, #rrggbb, #rrggbbaa (alpha ignored) and rgb()/rgba() as the browser computes them. */
export function parseColor(css: string): Rgb | undefined {
  const s = css.trim().toLowerCase();
  let m = /^#([0-9a-f]{3})$/.exec(s);
  if (m !== null) {
    const hex = m[1] ?? '';
    const [r, g, b] = [0, 1, 2].map((i) => parseInt(hex.charAt(i).repeat(2), 16));
    return [r ?? 0, g ?? 0, b ?? 0];
  }
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/.exec(s);
  if (m !== null) {
    const hex = m[1] ?? '';
    return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(s);
  if (m !== null) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return undefined;
}

/** Relative luminance (WCAG 2.2, 1.4.3). */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * `color` as is when it reaches `min` against `background`, else mixed step by step towards black
 * (on a light background) or white (on a dark one) until it does: the theme's hue stays, only its
 * lightness moves. Unparseable colours come back unchanged.
 */
export function ensureContrast(color: string, background: string, min: number): string {
  const c = parseColor(color);
  const bg = parseColor(background);
  if (c === undefined || bg === undefined) return color;
  if (contrastRatio(c, bg) >= min) return color;
  const target: Rgb = luminance(bg) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  for (let t = 0.05; t <= 1.0001; t += 0.05) {
    const mixed: Rgb = [0, 1, 2].map((i) => (c[i] ?? 0) + ((target[i] ?? 0) - (c[i] ?? 0)) * t) as unknown as Rgb;
    if (contrastRatio(mixed, bg) >= min) return hex(mixed);
  }
  return hex(target);
}
