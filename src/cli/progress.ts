/**
 * A progress bar on stderr (cli-progress) that appears only when it helps: stderr is a terminal, --quiet
 * is off, and the work is still running after about a second. Short runs and pipes stay silent.
 */
import { Presets, SingleBar } from 'cli-progress';

/** How long work must run before the bar appears (ms). */
export const PROGRESS_DELAY_MS = 1000;

export interface ProgressOptions {
  /** Whether a bar may appear at all (stderr is a TTY and not --quiet). */
  enabled: boolean;
  /** Where it is drawn (default process.stderr). */
  stream?: NodeJS.WritableStream;
  delayMs?: number;
}

/**
 * @example
 * const p = new Progress('predict', m, { enabled: process.stderr.isTTY === true });
 * for (...) p.update(done);
 * p.stop();
 */
export class Progress {
  private bar: SingleBar | null = null;
  private readonly started = Date.now();

  constructor(private readonly label: string, private readonly total: number, private readonly options: ProgressOptions) {}

  /** True once the bar is on screen. */
  get visible(): boolean { return this.bar !== null; }

  update(done: number): void {
    if (!this.options.enabled) return;
    if (!this.bar) {
      if (done >= this.total || Date.now() - this.started < (this.options.delayMs ?? PROGRESS_DELAY_MS)) return;
      this.bar = new SingleBar({
        format: `${this.label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
        stream: this.options.stream ?? process.stderr,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      }, Presets.shades_classic);
      this.bar.start(this.total, done);
      return;
    }
    this.bar.update(done);
  }

  stop(): void {
    if (this.bar) {
      this.bar.update(this.total);
      this.bar.stop();
      this.bar = null;
    }
  }
}

/** Whether a progress bar may be shown: stderr is a terminal and --quiet is off. */
export function progressAllowed(quiet: boolean | undefined): boolean {
  return !quiet && process.stderr.isTTY === true;
}
