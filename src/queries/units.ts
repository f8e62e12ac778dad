// The units a user may see (filters and labels in the console): every unit, or a brigade user's own.
import type { Store } from '../store/db.ts';
import { scopeOf, unitCondition, type User } from '../supervise/access.ts';

export interface UnitRow { unit_code: string; unit_name: string; kind: string | null; district: string | null }

export async function visibleUnits(store: Pick<Store, 'all'>, user: User): Promise<UnitRow[]> {
  const scope = unitCondition(scopeOf(user), 'unit_code');
  return store.all<UnitRow>(`SELECT unit_code, unit_name, kind, district FROM units WHERE ${scope.sql} ORDER BY unit_code`, scope.params);
}

/** A unit's name; null when the code names no unit. */
export async function unitName(store: Pick<Store, 'all'>, code: string): Promise<string | null> {
  const [unit] = await store.all<{ unit_name: string }>('SELECT unit_name FROM units WHERE unit_code = $1', [code]);
  return unit?.unit_name ?? null;
}
