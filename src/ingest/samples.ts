// A sample value of each column, from the first records of the file: how a column writes its dates and time
// stamps, so the SQL tries that format first and parses each value once (parse-sql.ts, formatsFor).
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

const SAMPLE_BYTES = 1 << 16;

/**
 * The first non-blank value of each column among the records in the first 64 KB of a UTF-8 CSV (index = column
 * of the file; `skip` leading columns dropped, e.g. the sheet row number of a converted XLSX). A column without
 * one, or a file that cannot be parsed there, has no sample (null or past the end): the declared order of formats
 * is used then, and nothing fails.
 */
export async function sampleValues(csvPath: string, skip = 0, delimiter: ',' | '\t' = ','): Promise<(string | null)[]> {
  const fh = await open(csvPath, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    // Whole lines only (a cut record, or a character cut in two, would be a false sample).
    const whole = bytesRead < SAMPLE_BYTES ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    const records = parse(whole, {
      bom: true, delimiter, from_line: 2, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true,
    }) as string[][];
    const samples: (string | null)[] = [];
    for (const r of records) {
      r.slice(skip).forEach((v, i) => { if (samples[i] == null && v.trim() !== '') samples[i] = v.trim(); });
    }
    return samples;
  } catch {
    return [];
  } finally {
    await fh.close();
  }
}
