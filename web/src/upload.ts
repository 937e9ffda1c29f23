/**
 * Loading a CSV or JSON file, entirely in the browser: read with progress and a Cancel button, then pick
 * the columns for the mode (x and y; x; or x₁, x₂ and the class) from a preview. Column names and cells
 * are shown as text only. Non-numeric cells are reported with their column, row and value; the rows can
 * be dropped on request, never silently. Above MAX_ROWS rows a seeded sample is used, and the page says so.
 */
import { seededRandom } from '../../src/index.js';
import type { App } from './app.js';
import { paddedRange } from './datasets.js';
import type { Points } from './datasets.js';
import { el, fmt, setChildren } from './dom.js';
import type { Mode } from './protocol.js';
import { CancelledError, readTable } from './table.js';
import type { Column, Table } from './table.js';

export const MAX_ROWS = 100_000;
const MAX_CLASSES = 8;

export interface UploadStatus {
  state: 'idle' | 'reading' | 'picking' | 'loaded' | 'cancelled' | 'error';
  fraction: number;
  message: string;
}

type Role = 'x' | 'y' | 'x1' | 'x2' | 'label';

function rolesFor(mode: Mode): { role: Role; label: string }[] {
  if (mode === 'regression') return [{ role: 'x', label: 'x (keys)' }, { role: 'y', label: 'y (values)' }];
  if (mode === 'density') return [{ role: 'x', label: 'x (keys)' }];
  return [{ role: 'x1', label: 'x₁' }, { role: 'x2', label: 'x₂' }, { role: 'label', label: 'class' }];
}

export class Upload {
  status: UploadStatus = { state: 'idle', fraction: 0, message: '' };
  table: Table | null = null;
  fileName = '';
  private abort: AbortController | null = null;
  private picks = new Map<Role, number>();

  constructor(private readonly app: App, private readonly root: HTMLElement, private readonly onLoaded: () => void) {}

  async load(file: File): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.fileName = file.name;
    this.status = { state: 'reading', fraction: 0, message: '' };
    const progress = el('progress', { max: 1, value: 0, 'aria-label': `reading ${file.name}` });
    const label = el('span', { text: `reading “${file.name}” (${(file.size / 1e6).toFixed(1)} MB)…` });
    const cancel = el('button', { type: 'button', text: 'Cancel' });
    cancel.addEventListener('click', () => abort.abort());
    setChildren(this.root, [el('div', {}, [label]), progress, cancel]);
    try {
      const table = await readTable(file, (f) => {
        progress.value = f;
        this.status.fraction = f;
      }, abort.signal);
      if (abort.signal.aborted) throw new CancelledError();
      this.table = table;
      this.picks = new Map();
      this.status = { state: 'picking', fraction: 1, message: '' };
      this.showPicker();
    } catch (e) {
      if (e instanceof CancelledError) {
        this.status = { state: 'cancelled', fraction: this.status.fraction, message: 'Loading cancelled; the data are unchanged.' };
        setChildren(this.root, [el('p', { className: 'ok', text: this.status.message })]);
      } else {
        this.fail(`“${file.name}”: ${e instanceof Error ? e.message : String(e)}`);
      }
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }

  private fail(message: string): void {
    this.status = { state: 'error', fraction: this.status.fraction, message };
    setChildren(this.root, [el('p', { className: 'error', role: 'alert', text: message })]);
  }

  /** Default columns: numeric ones for the coordinates, the last column with few distinct values for the class. */
  private defaults(mode: Mode): void {
    const t = this.table!;
    const numeric = t.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.badCount === 0).map(({ i }) => i);
    const any = t.columns.map((_, i) => i);
    const take = (list: number[], k: number) => list[k] ?? any[k] ?? 0;
    for (const { role } of rolesFor(mode)) {
      if (this.picks.has(role)) continue;
      if (role === 'x' || role === 'x1') this.picks.set(role, take(numeric, 0));
      else if (role === 'y' || role === 'x2') this.picks.set(role, take(numeric, 1));
      else {
        let best = t.columns.length - 1;
        for (let i = t.columns.length - 1; i >= 0; i--) if (distinct(t.columns[i]!, MAX_CLASSES + 1) <= MAX_CLASSES) { best = i; break; }
        this.picks.set(role, best);
      }
    }
  }

  /** The column pickers and a preview of the first rows. */
  showPicker(): void {
    const t = this.table;
    if (!t) return;
    const mode = this.app.state.mode;
    this.defaults(mode);
    const selects = rolesFor(mode).map(({ role, label }) => {
      const id = `pick-${role}`;
      const select = el('select', { id });
      t.columns.forEach((c, i) => {
        const o = el('option', { value: i, text: c.name });
        if (this.picks.get(role) === i) o.selected = true;
        select.append(o);
      });
      select.addEventListener('change', () => { this.picks.set(role, Number(select.value)); this.check(); });
      return [el('label', { for: id, text: label }), select];
    });
    const dropId = 'drop-bad';
    const drop = el('input', { type: 'checkbox', id: dropId });
    drop.addEventListener('change', () => this.check());
    const use = el('button', { type: 'button', id: 'use-columns', className: 'primary', text: 'Use these columns' });
    use.addEventListener('click', () => this.apply());
    const head = t.columns.map((c) => el('th', { scope: 'col', text: c.name }));
    const body = Array.from({ length: Math.min(4, t.rows) }, (_, r) =>
      el('tr', {}, t.columns.map((c) => el('td', { text: c.text ? c.text[r]! : fmt(c.values[r]!, 6) }))));
    setChildren(this.root, [
      el('p', { className: 'ok', text: `“${this.fileName}”: ${t.rows.toLocaleString('en')} rows, ${t.columns.length} columns (${t.format.toUpperCase()}). Pick the columns:` }),
      el('div', { className: 'pick' }, selects.flat()),
      el('table', { 'aria-label': 'The first rows of the file' }, [el('thead', {}, [el('tr', {}, head)]), el('tbody', {}, body)]),
      el('div', { className: 'row' }, [drop, el('label', { for: dropId, text: 'drop rows with a non-number in these columns' })]),
      el('p', { className: 'error', id: 'pick-problem', role: 'alert' }),
      use,
    ]);
    this.check();
  }

  /** The problem with the current picks, shown under the pickers (and returned). */
  private check(): string | null {
    const problem = this.problem();
    const box = this.root.querySelector<HTMLElement>('#pick-problem');
    if (box) box.textContent = problem ?? '';
    const use = this.root.querySelector<HTMLButtonElement>('#use-columns');
    if (use) use.disabled = problem !== null;
    return problem;
  }

  private dropBad(): boolean {
    return this.root.querySelector<HTMLInputElement>('#drop-bad')?.checked ?? false;
  }

  private problem(): string | null {
    const t = this.table!;
    const roles = rolesFor(this.app.state.mode);
    const cols = roles.map(({ role }) => this.picks.get(role)!);
    if (new Set(cols).size < cols.length) return 'Pick a different column for each role.';
    for (const { role, label } of roles) {
      if (role === 'label') {
        const k = distinct(t.columns[this.picks.get(role)!]!, MAX_CLASSES + 1);
        if (k > MAX_CLASSES) return `The class column “${t.columns[this.picks.get(role)!]!.name}” has more than ${MAX_CLASSES} distinct values.`;
        if (k < 2) return 'The class column needs at least 2 classes.';
        continue;
      }
      const c = t.columns[this.picks.get(role)!]!;
      if (c.badCount > 0 && !this.dropBad()) {
        const first = c.firstBad!;
        return `Column “${c.name}” (${label}) has ${c.badCount.toLocaleString('en')} cell${c.badCount > 1 ? 's' : ''} that ${c.badCount > 1 ? 'are' : 'is'} not a number; the first is row ${first.row}: ${first.text === '' ? 'an empty cell' : `“${first.text}”`}. Pick another column, fix the file, or drop those rows.`;
      }
    }
    const rows = this.keptRows();
    if (rows.length < 3) return 'Fewer than 3 rows are left with numbers in these columns.';
    return null;
  }

  private keptRows(): number[] {
    const t = this.table!;
    const numeric = rolesFor(this.app.state.mode).filter(({ role }) => role !== 'label').map(({ role }) => t.columns[this.picks.get(role)!]!);
    const rows: number[] = [];
    for (let r = 0; r < t.rows; r++) if (numeric.every((c) => Number.isFinite(c.values[r]!))) rows.push(r);
    return rows;
  }

  /** Builds the points from the picks and hands them to the app. */
  apply(): boolean {
    const t = this.table;
    if (!t || this.check()) return false;
    const mode = this.app.state.mode;
    let rows = this.keptRows();
    const dropped = t.rows - rows.length;
    let note = '';
    if (rows.length > MAX_ROWS) {
      const rng = seededRandom(1);
      for (let i = 0; i < MAX_ROWS; i++) {
        const j = i + Math.floor(rng.uniform() * (rows.length - i));
        [rows[i], rows[j]] = [rows[j]!, rows[i]!];
      }
      rows = rows.slice(0, MAX_ROWS).sort((a, b) => a - b);
      note = ` Using a seeded sample of ${MAX_ROWS.toLocaleString('en')} of ${t.rows.toLocaleString('en')} rows.`;
    }
    const col = (role: Role) => t.columns[this.picks.get(role)!]!;
    let points: Points;
    if (mode === 'classification') {
      const a = col('x1');
      const b = col('x2');
      const lab = col('label');
      const names = [...new Set(rows.map((r) => cellText(lab, r)))].sort();
      const index = new Map(names.map((nm, i) => [nm, i]));
      const x = new Float64Array(rows.length * 2);
      rows.forEach((r, i) => { x[2 * i] = a.values[r]!; x[2 * i + 1] = b.values[r]!; });
      points = {
        d: 2, x, y: null, labels: Int32Array.from(rows, (r) => index.get(cellText(lab, r))!), classNames: names,
        xName: a.name, yName: b.name, truth: null, source: 'file',
        domain: paddedRange(x, 2, 0), domainY: paddedRange(x, 2, 1),
      };
    } else {
      const xc = col('x');
      const x = Float64Array.from(rows, (r) => xc.values[r]!);
      const y = mode === 'regression' ? Float64Array.from(rows, (r) => col('y').values[r]!) : null;
      points = {
        d: 1, x, y, labels: null, classNames: [], xName: xc.name, yName: mode === 'regression' ? col('y').name : 'y',
        truth: null, source: 'file', domain: paddedRange(x), domainY: y ? paddedRange(y) : [0, 1],
      };
    }
    this.app.setMode(mode, points);
    const message = `Loaded ${rows.length.toLocaleString('en')} rows of “${this.fileName}”.${dropped ? ` Dropped ${dropped.toLocaleString('en')} rows with a non-number.` : ''}${note}`;
    this.status = { state: 'loaded', fraction: 1, message };
    const again = el('button', { type: 'button', text: 'Pick other columns' });
    again.addEventListener('click', () => this.showPicker());
    setChildren(this.root, [el('p', { className: 'ok', text: message }), again]);
    this.onLoaded();
    return true;
  }

  /** After a mode change with file data: the same file, the new mode's columns (the pickers when unsure). */
  reapply(): boolean {
    if (!this.table) return false;
    this.defaults(this.app.state.mode);
    if (this.problem()) { this.showPicker(); return false; }
    return this.apply();
  }
}

function cellText(c: Column, r: number): string {
  return c.text ? c.text[r]! : String(c.values[r]);
}

function distinct(c: Column, limit: number): number {
  const seen = new Set<string>();
  const n = c.values.length;
  for (let r = 0; r < n && seen.size < limit; r++) seen.add(cellText(c, r));
  return seen.size;
}
