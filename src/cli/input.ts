/**
 * Opening an input (a path or `-` for stdin) and reading it into a column table: CSV streams through
 * csv-parse into number columns; JSON is read whole (a JSON array cannot be used before its end).
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NadarayaError } from '../index.js';
import { CsvTableReader } from '../io/csv.js';
import { parseJsonTable } from '../io/json.js';
import type { ColumnTable, TextColumns } from '../io/table.js';
import { fileError } from './files.js';
import { Progress } from './progress.js';

export type InputFormat = 'csv' | 'json';

export interface InputSpec {
  /** A path, or "-" for stdin. */
  path: string;
  /** The flag that named it (for messages): --train or --query. */
  flag: '--train' | '--query';
  /** --input-format: for stdin and files without a .csv, .tsv or .json extension (default CSV). */
  format?: InputFormat;
  /** CSV delimiter (default "," and tab for .tsv). */
  delimiter?: string;
  /** Columns to keep as raw cells (class labels). */
  keepText?: TextColumns;
  /** Whether a progress bar may be shown while a large file loads. */
  progress: boolean;
}

/**
 * The format of an input: a .json, .csv or .tsv extension says it; otherwise (stdin, .txt, no extension)
 * --input-format, else CSV. The extension wins so that one flag can describe stdin beside a named file.
 * @example inputFormat({ path: '-', format: 'json' }) // 'json'
 */
export function inputFormat(spec: Pick<InputSpec, 'path' | 'format'>): InputFormat {
  const ext = spec.path === '-' ? '' : extname(spec.path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  return spec.format ?? 'csv';
}

/**
 * Reads an input into a column table.
 * @example const table = await readTable({ path: 'train.csv', flag: '--train', progress: false });
 */
export async function readTable(spec: InputSpec): Promise<ColumnTable> {
  const source = spec.path === '-' ? 'stdin' : spec.path;
  const format = inputFormat(spec);
  try {
    if (format === 'json') {
      const text = spec.path === '-' ? await readStdin() : await readFile(spec.path, 'utf8');
      return parseJsonTable(text, source, spec.keepText);
    }
    const delimiter = spec.delimiter ?? (extname(spec.path).toLowerCase() === '.tsv' ? '\t' : ',');
    const reader = new CsvTableReader(source, { delimiter, keepText: spec.keepText ?? new Set() });
    const input = spec.path === '-' ? process.stdin : createReadStream(spec.path);
    const counter = spec.progress && spec.path !== '-' ? await byteCounter(spec.path, source) : null;
    try {
      await (counter ? pipeline(input, counter.stream, reader) : pipeline(input, reader));
    } catch (e) {
      throw reader.formatError(e);
    } finally {
      counter?.progress.stop();
    }
    return reader.table();
  } catch (e) {
    throw fileError(e, spec.path, spec.flag);
  }
}

/** A pass-through that moves a progress bar by bytes read. */
async function byteCounter(path: string, source: string): Promise<{ stream: Transform; progress: Progress }> {
  const size = (await stat(path)).size;
  const progress = new Progress(`reading ${source}`, size, { enabled: true });
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      bytes += chunk.length;
      progress.update(bytes);
      callback(null, chunk);
    },
  });
  return { stream, progress };
}

async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** Only one input can come from stdin. */
export function checkOneStdin(paths: readonly (string | undefined)[]): void {
  if (paths.filter((p) => p === '-').length > 1) {
    throw new NadarayaError('E_PARAM', { argument: '--train/--query' }, 'only one input can be read from stdin ("-")');
  }
}
