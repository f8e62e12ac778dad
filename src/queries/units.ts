// The units a user may see (filters and labels in the console): every unit, or a brigade user's own.
import type { Store } from '../store/db.ts';
import type { User } from '../supervise/access.ts';

export interface UnitRow { unit_code: string; unit_name: string; kind: string | null; district: string | null }

export async function visibleUnits(store: Pick<Store, 'all'>, user: User): Promise<UnitRow[]> {
  if (user.role === 'brigade') {
    return store.all<UnitRow>('SELECT unit_code, unit_name, kind, district FROM units WHERE unit_code = $unit', { unit: user.unit ?? '\u0000' });
  }
  return store.all<UnitRow>('SELECT unit_code, unit_name, kind, district FROM units ORDER BY unit_code');
}
