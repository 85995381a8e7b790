/** A one-line progress bar on stderr (rows done, rows/s, ETA), drawn only when stderr is a terminal. */

const WIDTH = 30;
const REDRAW_MS = 100;

function fmtCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(1)}s`;
}

export class Progress {
  private done = 0;
  private label = '';
  private lastDraw = 0;
  private readonly started = performance.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled: boolean = stream.isTTY === true,
  ) {}

  /** Names what is being generated now. */
  stage(label: string): void {
    this.label = label;
    this.draw(true);
  }

  /** Counts `rows` more rows as done. */
  add(rows: number): void {
    this.done += rows;
    this.draw(false);
  }

  /** Replaces the bar with a summary line. */
  finish(): void {
    if (!this.enabled) return;
    const seconds = (performance.now() - this.started) / 1000;
    this.stream.write(`\r\x1b[Kgenerated ${fmtCount(this.done)} rows in ${fmtSeconds(seconds)}\n`);
  }

  private draw(force: boolean): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const fraction = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const eta = rate > 0 ? (this.total - this.done) / rate : Infinity;
    const filled = Math.round(fraction * WIDTH);
    this.stream.write(
      `\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
        `${fmtCount(this.done)}/${fmtCount(this.total)} rows ${fmtCount(Math.round(rate))} rows/s ETA ${fmtSeconds(eta)} ${this.label}`,
    );
  }
}
