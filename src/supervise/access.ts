// Who may see and do what: the one place every route and every query asks. A user's reach is a Scope —
// the whole detachment (supervisor, admin) or one unit (brigade) — derived from the user here and
// nowhere else; queries turn it into a condition in their SQL (unitCondition, recordCondition), and
// reports that attribute their rows to units themselves keep the rows inScope. So no page, route or
// export can forget a brigade's limit or write it a fifth way.
import type { TableKey } from '../contract/tables.ts';
import { roleMayTake, type Action, type Role } from './workflow.ts';

export interface User {
  readonly username: string;
  readonly role: Role;
  /** The brigade's unit code; null for detachment-wide roles. */
  readonly unit: string | null;
}

/** What a user may see: every unit, or the records and figures of one unit only. */
export type Scope = { readonly all: true } | { readonly all: false; readonly unit: string };

/** A brigade user without a unit (users.ts refuses to make one) is limited to this code, which no unit has. */
const NO_UNIT = '\u0000no-unit';

export const scopeOf = (user: User): Scope => (user.role === 'brigade' ? { all: false, unit: user.unit ?? NO_UNIT } : { all: true });

/** The unit a scope is limited to; null for the whole detachment. */
export const scopeUnit = (scope: Scope): string | null => (scope.all ? null : scope.unit);

/** Is a row attributed to this unit within the scope? */
export const inScope = (scope: Scope, unit: string | null | undefined): boolean => scope.all || unit === scope.unit;

/** A condition for a WHERE clause and the named parameters it uses. */
export interface SqlCondition { readonly sql: string; readonly params: Record<string, string> }

/** The SQL condition that the unit code `expr` is within the scope (`param` names its parameter). */
export function unitCondition(scope: Scope, expr: string, param = 'scope_unit'): SqlCondition {
  return scope.all ? { sql: 'true', params: {} } : { sql: `${expr} = $${param}`, params: { [param]: scope.unit } };
}

const officerUnit = (officerId: string): string => `(SELECT any_value(so.unit_code) FROM officers so WHERE so.officer_id = ${officerId})`;
const deviceUnit = (deviceId: string): string => `(SELECT any_value(sd.unit_code) FROM devices sd WHERE sd.device_id = ${deviceId})`;

/**
 * The unit a record of each contract table belongs to: the unit its unit column names (所属单位, 管理单位,
 * 处理单位, 管辖单位, 办理单位, 征集单位); a video, which has none, belongs to its officer's unit. A
 * violation not yet processed has no 处理单位: it belongs to its officer's unit, else its camera's.
 * Drivers, vehicles and the code table are registers of no unit.
 */
const RECORD_UNIT: Readonly<Record<TableKey, ((alias: string) => string) | null>> = {
  units: (a) => `${a}.unit_code`,
  officers: (a) => `${a}.unit_code`,
  devices: (a) => `${a}.unit_code`,
  violations: (a) => `coalesce(nullif(trim(${a}.handling_unit), ''), ${officerUnit(`${a}.officer_id`)}, ${deviceUnit(`${a}.device_id`)})`,
  accidents: (a) => `${a}.unit_code`,
  business: (a) => `${a}.unit_code`,
  videos: (a) => officerUnit(`${a}.officer_id`),
  opinions: (a) => `${a}.unit_code`,
  drivers: null, vehicles: null, codes: null,
};

/** The SQL expression of the unit a record of `table` (under `alias`) belongs to; null for a table of no unit. */
export const recordUnitSql = (table: TableKey, alias: string): string | null => RECORD_UNIT[table]?.(alias) ?? null;

/**
 * The SQL condition that a record of `table` (under `alias`) is within the scope: it belongs to the
 * scope's unit. A record of a table of no unit is nobody's own, so only the whole detachment sees it.
 */
export function recordCondition(scope: Scope, table: TableKey, alias: string, param = 'scope_unit'): SqlCondition {
  if (scope.all) return { sql: 'true', params: {} };
  const unit = recordUnitSql(table, alias);
  return unit === null ? { sql: 'false', params: {} } : unitCondition(scope, unit, param);
}

/** May this user's role ever take this action? (The status is the workflow's question.) */
export const canAct = (user: User, action: Action): boolean => roleMayTake(user.role, action);

/** May this user run imports and analyses (the 数据 page)? */
export const canManageData = (user: User): boolean => user.role === 'supervisor' || user.role === 'admin';

/** May this user manage users and settings? */
export const canAdminister = (user: User): boolean => user.role === 'admin';
