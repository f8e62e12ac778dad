// Header names: the Chinese name or the English key of a column, case-insensitive, blanks trimmed.
import type { Column, Table } from '../contract/tables.ts';

export interface HeaderMatch {
  /** For each column of the file, in file order: the contract column it carries, or null (ignored). */
  readonly columns: ReadonlyArray<Column | null>;
  /** Header names that match no contract column (reported once per file). */
  readonly unknown: readonly string[];
  /** Required contract columns absent from the file: the file cannot be loaded. */
  readonly missingRequired: readonly Column[];
  /** Contract columns named twice: the first is used, later ones are ignored and reported. */
  readonly repeated: readonly string[];
}

const norm = (name: string): string => name.replace(/^\uFEFF/, '').trim().toLowerCase();

export function matchHeader(table: Table, names: readonly string[]): HeaderMatch {
  const byName = new Map<string, Column>();
  for (const c of table.columns) {
    byName.set(norm(c.key), c);
    byName.set(norm(c.zh), c);
  }
  const seen = new Set<string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  const columns = names.map((raw) => {
    const col = byName.get(norm(raw));
    if (!col) {
      if (norm(raw) !== '') unknown.push(raw.trim());
      return null;
    }
    if (seen.has(col.key)) {
      repeated.push(raw.trim());
      return null;
    }
    seen.add(col.key);
    return col;
  });
  const missingRequired = table.columns.filter((c) => c.required && !seen.has(c.key));
  return { columns, unknown, missingRequired, repeated };
}
