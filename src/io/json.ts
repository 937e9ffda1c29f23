/**
 * JSON input: an array of records (objects), as `JSON.stringify(rows)` or pandas' `to_json(orient='records')`
 * write it. The columns are the keys in the order they first appear; an absent key or null is an empty cell.
 */
import { NadarayaError, describeValue } from '../errors.js';
import { TableBuilder } from './table.js';
import type { ColumnTable, TextColumns } from './table.js';

/**
 * Parses JSON text into a column table; malformed input is a NadarayaError E_FORMAT.
 * @example parseJsonTable('[{"x": 1, "y": 2}]', 'data.json').rows // 1
 */
export function parseJsonTable(text: string, source: string, keepText: TextColumns = new Set()): ColumnTable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new NadarayaError('E_FORMAT', { argument: source }, `is not valid JSON (${(e as Error).message.replace(/\.$/, '')})`);
  }
  if (!Array.isArray(data)) {
    throw new NadarayaError('E_FORMAT', { argument: source, value: data }, 'must hold a JSON array of records (objects)');
  }
  if (data.length === 0) throw new NadarayaError('E_DATA', { argument: source }, 'holds no records (an empty JSON array)');
  const names: string[] = [];
  const seen = new Set<string>();
  data.forEach((rec, i) => {
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      throw new NadarayaError('E_FORMAT', { argument: `${source}, record ${i + 1}`, value: rec }, 'must be an object');
    }
    for (const k of Object.keys(rec)) if (!seen.has(k)) { seen.add(k); names.push(k); }
  });
  const builder = new TableBuilder(source, names, keepText, 'record');
  const cells: unknown[] = new Array(names.length);
  data.forEach((rec: Record<string, unknown>, i) => {
    for (let c = 0; c < names.length; c++) {
      // own keys only: a column named like an inherited property ("__proto__", "constructor") is absent where absent
      const v = Object.hasOwn(rec, names[c]!) ? rec[names[c]!] : undefined;
      if (v !== null && typeof v === 'object') {
        throw new NadarayaError('E_FORMAT', { argument: `${source}, record ${i + 1}, column ${JSON.stringify(names[c])}` },
          `must be a number, a string or null; got ${describeValue(v)}`);
      }
      cells[c] = v;
    }
    builder.add(cells, i + 1);
  });
  return builder.finish();
}
