// `buildBulletin(store, month)`: the monthly 通报 as .docx bytes, from the database (data.ts → document.ts).
import type { Store } from '../../store/db.ts';
import { collectBulletin, type BulletinData } from './data.ts';
import { bulletinDocx, bulletinTitle } from './document.ts';

export interface Bulletin { data: BulletinData; docx: Buffer; title: string }

/** `asOf` (YYYY-MM-DD): the date the bulletin is issued and overdue items are judged on. */
export async function buildBulletin(store: Store, month: string, asOf: string): Promise<Bulletin> {
  const data = await collectBulletin(store, month, asOf);
  return { data, docx: await bulletinDocx(data), title: bulletinTitle(data) };
}
