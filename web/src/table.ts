/**
 * Files in the browser: a small streaming CSV parser (quoted fields, "" escapes, CRLF, a BOM, blank
 * lines; the delimiter — comma, semicolon or tab — read off the header line) and a JSON reader (an array
 * of records), both into number columns. A file is read in chunks, with progress and a cancel signal, so a
 * huge file never freezes the page. Cells that are not numbers are remembered (the first of each column,
 * and how many), never silently turned into numbers.
 */

export interface Column {
  readonly name: string;
  /** One number per row (NaN where the cell is not a number). */
  values: Float64Array;
  /** How many cells are not numbers, and the first of them (row from 1, below the header). */
  badCount: number;
  firstBad: { row: number; text: string } | null;
  /** The raw cells, kept once a column has a non-numeric cell (labels for classification). */
  text: string[] | null;
}

export interface Table {
  readonly columns: Column[];
  rows: number;
  readonly format: 'csv' | 'json';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A table that grows a row at a time. */
class TableBuilder {
  readonly columns: Column[];
  rows = 0;
  private capacity = 1024;
  constructor(names: readonly string[]) {
    this.columns = names.map((name) => ({ name, values: new Float64Array(this.capacity), badCount: 0, firstBad: null, text: null }));
  }

  add(cells: readonly unknown[]): void {
    if (this.rows === this.capacity) {
      this.capacity *= 2;
      for (const c of this.columns) {
        const v = new Float64Array(this.capacity);
        v.set(c.values);
        c.values = v;
      }
    }
    const r = this.rows++;
    this.columns.forEach((c, j) => {
      const cell = cells[j];
      let v = NaN;
      let raw: string;
      if (typeof cell === 'number') {
        v = Number.isFinite(cell) ? cell : NaN;
        raw = String(cell);
      } else if (typeof cell === 'string') {
        raw = cell;
        const t = cell.trim();
        if (NUMBER.test(t)) v = Number(t);
      } else {
        raw = cell === undefined ? '' : JSON.stringify(cell);
      }
      c.values[r] = v;
      if (Number.isNaN(v)) {
        c.badCount++;
        if (!c.firstBad) {
          c.firstBad = { row: r + 1, text: raw };
          c.text = Array.from(c.values.subarray(0, r), (x) => String(x));
        }
      }
      if (c.text) c.text.push(raw);
    });
  }

  finish(format: 'csv' | 'json'): Table {
    for (const c of this.columns) c.values = c.values.slice(0, this.rows);
    return { columns: this.columns, rows: this.rows, format };
  }
}

/** Incremental CSV: feed chunks of text, get rows of cells (a chunk may end anywhere, even inside a quote). */
export class CsvParser {
  private cells: string[] = [];
  private field = '';
  /** 0: at the start of a field; 1: in an unquoted field; 2: in a quoted field; 3: just after a quote in a quoted field. */
  private state = 0;
  private skipLF = false;
  private readonly delimCode: number;
  constructor(private readonly delimiter: string, private readonly onRow: (cells: string[]) => void) {
    this.delimCode = delimiter.charCodeAt(0);
  }

  feed(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.skipLF) {
        this.skipLF = false;
        if (chunk.charCodeAt(i) === 10) { i++; continue; }
      }
      switch (this.state) {
        case 0:
          if (chunk.charCodeAt(i) === 34) { this.state = 2; i++; } else this.state = 1;
          break;
        case 1: {
          let j = i;
          while (j < n) {
            const c = chunk.charCodeAt(j);
            if (c === this.delimCode || c === 10 || c === 13) break;
            j++;
          }
          this.field += chunk.slice(i, j);
          i = j < n ? this.endField(chunk, j) : n;
          break;
        }
        case 2: {
          const q = chunk.indexOf('"', i);
          if (q < 0) { this.field += chunk.slice(i); i = n; break; }
          this.field += chunk.slice(i, q);
          this.state = 3;
          i = q + 1;
          break;
        }
        default:
          // "" inside quotes is a quote; any other character closes the quoted part
          if (chunk.charCodeAt(i) === 34) { this.field += '"'; this.state = 2; i++; } else this.state = 1;
      }
    }
  }

  /** Ends the field at the delimiter or line break at j; returns where to go on. */
  private endField(chunk: string, j: number): number {
    const c = chunk.charCodeAt(j);
    this.cells.push(this.field);
    this.field = '';
    this.state = 0;
    if (c === this.delimCode) return j + 1;
    this.endRow();
    if (c === 13) {
      if (j + 1 < chunk.length) return chunk.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
      this.skipLF = true;
    }
    return j + 1;
  }

  end(): void {
    if (this.field !== '' || this.cells.length > 0 || this.state === 3) {
      this.cells.push(this.field);
      this.field = '';
      this.endRow();
    }
    this.state = 0;
  }

  private endRow(): void {
    const cells = this.cells;
    this.cells = [];
    // blank lines are skipped
    if (cells.length === 1 && cells[0]!.trim() === '') return;
    this.onRow(cells);
  }
}

/** The delimiter of a header line: the most frequent of comma, semicolon and tab outside quotes. */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, c] of counts) if (c > counts.get(best)!) best = d;
  return best;
}

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() { super('cancelled'); }
}

/** Lets the page paint and handle clicks (a cancel) between chunks, without the 4 ms clamp of setTimeout. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

/** Reads a file's text in chunks, reporting the fraction read; rejects with CancelledError on abort. */
async function readChunks(file: Blob, onText: (text: string) => void, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<void> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  let read = 0;
  let last = performance.now();
  try {
    for (;;) {
      if (signal.aborted) throw new CancelledError();
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      onText(decoder.decode(value, { stream: true }));
      if (performance.now() - last > 25) {
        onProgress(file.size ? read / file.size : 1);
        await yieldToPage();
        last = performance.now();
      }
    }
    onText(decoder.decode());
    onProgress(1);
  } finally {
    if (signal.aborted) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  if (signal.aborted) throw new CancelledError();
}

/** Parses a CSV file into number columns. Throws with a clear message when it has no header or no rows. */
export async function readCsv(file: Blob, onProgress: (fraction: number) => void, signal: AbortSignal, tsv = false): Promise<Table> {
  let builder: TableBuilder | null = null;
  let parser: CsvParser | null = null;
  let head = '';
  const onRow = (cells: string[]) => {
    if (!builder) {
      const names = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim() || `column ${i + 1}`);
      builder = new TableBuilder(uniqueNames(names));
      return;
    }
    builder.add(cells);
  };
  await readChunks(file, (text) => {
    if (!parser) {
      head += text;
      const nl = head.search(/[\r\n]/);
      if (nl < 0 && head.length < 1 << 20) return;
      parser = new CsvParser(tsv ? '\t' : sniffDelimiter(nl < 0 ? head : head.slice(0, nl)), onRow);
      parser.feed(head);
      return;
    }
    parser.feed(text);
  }, onProgress, signal);
  if (!parser) {
    parser = new CsvParser(tsv ? '\t' : sniffDelimiter(head), onRow);
    parser.feed(head);
  }
  (parser as CsvParser).end();
  if (!builder) throw new Error('the file is empty: a CSV file needs a header row with the column names');
  const table = (builder as TableBuilder).finish('csv');
  if (table.rows === 0) throw new Error('the file has a header but no rows of data');
  return table;
}

/** Parses a JSON file: an array of records (objects), as JSON.stringify(rows) or pandas' to_json(orient="records") write it. */
export async function readJson(file: Blob, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<Table> {
  const parts: string[] = [];
  await readChunks(file, (t) => parts.push(t), onProgress, signal);
  let data: unknown;
  try {
    data = JSON.parse(parts.join(''));
  } catch (e) {
    throw new Error(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!Array.isArray(data) || data.length === 0) throw new Error('the JSON must be a non-empty array of records, e.g. [{"x": 1, "y": 2}, …]');
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < Math.min(data.length, 1000); i++) {
    const r = data[i];
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new Error(`record ${i + 1} is not an object`);
    for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); names.push(k); }
  }
  const builder = new TableBuilder(names);
  for (const r of data as Record<string, unknown>[]) {
    if (r === null || typeof r !== 'object') throw new Error('every record must be an object');
    builder.add(names.map((k) => r[k]));
  }
  return builder.finish('json');
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    return k === 0 ? n : `${n} (${k + 1})`;
  });
}

/** Reads a file by its name: .json as JSON, .tsv as tab-separated, anything else as CSV. */
export function readTable(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<Table> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.json')) return readJson(file, onProgress, signal);
  return readCsv(file, onProgress, signal, name.endsWith('.tsv'));
}
