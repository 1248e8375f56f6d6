/**
 * Plain-text tables for the CLI's human output. Chinese characters take two terminal columns, so
 * padding counts display width, not string length.
 */

/** Terminal columns a character takes: 2 for East Asian wide and full-width characters. */
function charWidth(cp: number): number {
  if (cp < 0x1100) return 1;
  return cp <= 0x115f || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) || // CJK radicals … Yi
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) || // emoji
    (cp >= 0x20000 && cp <= 0x3fffd)
    ? 2
    : 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Cuts to at most `max` columns, marking the cut with …. */
export function truncate(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

const pad = (s: string, width: number, right: boolean): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
};

export interface TextColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  /** Widest the column may grow (display columns); longer cells are cut with …. */
  max?: number;
  align?: 'left' | 'right';
}

/** Renders rows under a header and a rule; newlines inside cells become spaces. */
export function renderTable<T>(rows: readonly T[], columns: readonly TextColumn<T>[]): string {
  const cells = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row);
      const s = v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' ');
      return c.max ? truncate(s, c.max) : s;
    }),
  );
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i]))));
  const line = (r: string[]) =>
    r
      .map((s, i) => pad(s, widths[i], columns[i].align === 'right'))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
}

/** A figure as printed in Chinese reports: 300余家 → "300家以上"-style, with its qualifier. */
export function formatFigure(p: { value: number; valueMax?: number | null; unit: string; approx: string }): string {
  const n = (v: number) =>
    Math.abs(v) >= 1e8 ? `${+(v / 1e8).toPrecision(6)}亿` : Math.abs(v) >= 1e4 ? `${+(v / 1e4).toPrecision(6)}万` : String(+v.toPrecision(10));
  const body = p.valueMax !== null && p.valueMax !== undefined && p.valueMax !== p.value ? `${n(p.value)}—${n(p.valueMax)}` : n(p.value);
  const prefix = p.approx === 'about' ? '约' : p.approx === 'over' ? '超' : p.approx === 'under' ? '不足' : '';
  return `${prefix}${body}${p.unit}`;
}

export function formatPeriod(period: { start: string | null; end: string | null } | null): string {
  if (!period) return '';
  if (period.start && period.end) return period.start === period.end ? period.start : `${period.start}～${period.end}`;
  if (period.end) return `截至${period.end}`;
  if (period.start) return `${period.start}起`;
  return '';
}
