// One CSV field for every CSV the product writes (rejects, the risk profile, `yanpan rejects`).
//
// A text that begins with =, +, -, @, a tab or a carriage return is a formula to Excel and WPS when the
// file is opened (CSV injection): a record's text is the police systems' data, typed by anyone. Such a
// text is written with a single quote in front (the OWASP rule), so the spreadsheet shows it as text.
// Numbers are numbers and are written as they are: -5 stays a number. XLSX files need no prefix: their
// texts are string cells (exceljs writes a JS string as a shared string, never a formula).

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as a spreadsheet must show it: prefixed with ' when it would start a formula. */
export const guardText = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);

/** A guarded text back as written before the guard (for a reader of our own CSV). */
export const unguardText = (s: string): string => (s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s);

/** One CSV field: null/undefined empty, numbers as they are, texts guarded and quoted when they need it. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : guardText(String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
