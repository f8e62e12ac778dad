// `buildBulletin(store, month)`: the monthly 通报 as .docx bytes, from the database (data.ts → document.ts).
import type { Store } from '../../store/db.ts';
import { collectBulletin, type BulletinData } from './data.ts';
import { bulletinDocx, bulletinTitle } from './document.ts';

export interface Bulletin { data: BulletinData; docx: Buffer; title: string }

/**
 * `asOf` (YYYY-MM-DD): the date the bulletin is issued and overdue items are judged on. When no forecast
 * of the next month is on file, one is computed; `keepForecast` stores it too (the `report` command
 * does; a download from the console must not write, and its document is the same either way).
 */
export async function buildBulletin(store: Store, month: string, asOf: string, opts: { keepForecast?: boolean } = {}): Promise<Bulletin> {
  const data = await collectBulletin(store, month, asOf, opts);
  return { data, docx: await bulletinDocx(data), title: bulletinTitle(data) };
}
