/**
 * The page's side of the workers. Math: at most one request of each kind in flight; input that arrives
 * meanwhile marks the channel dirty and the newest state is sent when the answer comes, so a drag never
 * queues stale work; each answer is for the newest request sent, and one whose id is older (a heatmap
 * overtaken by a newer width) is dropped. Selection: a newer
 * request terminates the busy worker (the selectors run for seconds and cannot be interrupted otherwise).
 */
import { NadarayaError } from '../../src/index.js';
import type { DataSet, ErrorPayload, FitResult, FromMathWorker, FromSelectWorker, HeatResult, HoverResult, Model, SelectResult } from './protocol.js';

export function errorMessage(e: ErrorPayload): string {
  return 'code' in e ? NadarayaError.fromJSON(e).message : e.message;
}

export interface MathHandlers {
  fit(r: FitResult): void;
  heat(r: HeatResult): void;
  hover(r: HoverResult): void;
  error(channel: 'compute' | 'hover', message: string): void;
}

export class MathClient {
  private readonly worker: Worker;
  private computeId = 0;
  private computeBusy = false;
  private computeDirty = false;
  private hoverId = 0;
  private hoverBusy = false;
  private hoverDirty = false;
  private sentVersion = -1;

  constructor(
    private readonly current: () => { data: DataSet; model: Model },
    private readonly hoverQuery: () => readonly number[] | null,
    private readonly on: MathHandlers,
  ) {
    this.worker = new Worker(new URL('./math-worker.ts', import.meta.url), { type: 'module', name: 'nadaraya-math' });
    this.worker.onmessage = (e: MessageEvent<FromMathWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.computeBusy = false;
      this.hoverBusy = false;
      this.on.error('compute', `the math worker failed: ${e.message || 'unknown error'}`);
    };
  }

  /** True while an answer is awaited or newer input is waiting to be sent. */
  get busy(): boolean {
    return this.computeBusy || this.computeDirty || this.hoverBusy || this.hoverDirty;
  }

  compute(): void {
    if (this.computeBusy) { this.computeDirty = true; return; }
    const { data, model } = this.current();
    const send = data.version !== this.sentVersion ? data : null;
    this.sentVersion = data.version;
    this.computeBusy = true;
    this.computeDirty = false;
    this.worker.postMessage({ type: 'compute', id: ++this.computeId, data: send, version: data.version, model });
  }

  hover(): void {
    if (this.hoverBusy) { this.hoverDirty = true; return; }
    const q = this.hoverQuery();
    this.hoverDirty = false;
    if (!q) return;
    // the worker must have this data version: it comes with a compute, which is sent first
    const { data, model } = this.current();
    if (data.version !== this.sentVersion) { this.hoverDirty = true; this.compute(); return; }
    this.hoverBusy = true;
    this.worker.postMessage({ type: 'hover', id: ++this.hoverId, version: data.version, model, q: [...q] });
  }

  private receive(m: FromMathWorker): void {
    switch (m.type) {
      case 'fit':
        this.computeBusy = false;
        if (m.id === this.computeId) this.on.fit(m);
        if (this.computeDirty) this.compute();
        if (this.hoverDirty && !this.hoverBusy) this.hover();
        break;
      case 'heat':
        if (m.id === this.computeId) this.on.heat(m);
        break;
      case 'hover':
        this.hoverBusy = false;
        if (m.id === this.hoverId) this.on.hover(m);
        if (this.hoverDirty) this.hover();
        break;
      case 'error':
        if (m.channel === 'compute') {
          this.computeBusy = false;
          if (m.id === this.computeId) this.on.error('compute', errorMessage(m.error));
          if (this.computeDirty) this.compute();
        } else {
          this.hoverBusy = false;
          if (m.id === this.hoverId) this.on.error('hover', errorMessage(m.error));
          if (this.hoverDirty) this.hover();
        }
        break;
    }
  }
}

export class SelectClient {
  private worker: Worker | null = null;
  private id = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  busy = false;

  constructor(private readonly onResult: (r: SelectResult) => void, private readonly onError: (message: string) => void) {}

  /** Starts a selection after a short pause (a drag of points sends many); cancels a running one. */
  request(make: () => { data: DataSet; kernel: string; adaptive: boolean }, delay = 150): void {
    if (this.timer) clearTimeout(this.timer);
    this.cancel();
    this.busy = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      const { data, kernel, adaptive } = make();
      const worker = new Worker(new URL('./select-worker.ts', import.meta.url), { type: 'module', name: 'nadaraya-select' });
      this.worker = worker;
      const id = ++this.id;
      worker.onmessage = (e: MessageEvent<FromSelectWorker>) => {
        if (e.data.id !== this.id) return;
        this.busy = false;
        this.worker = null;
        worker.terminate();
        if (e.data.type === 'selected') this.onResult(e.data);
        else this.onError(errorMessage(e.data.error));
      };
      worker.onerror = (e) => {
        e.preventDefault();
        if (id !== this.id) return;
        this.busy = false;
        this.onError(`the selection worker failed: ${e.message || 'unknown error'}`);
      };
      worker.postMessage({ type: 'select', id, data, kernel, adaptive });
    }, delay);
  }

  cancel(): void {
    if (this.worker) {
      this.worker.terminate();
      this.worker = null;
    }
    this.id++;
    this.busy = false;
  }
}
