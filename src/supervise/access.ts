// Who may see and do what: the one place every route and every item query asks. A brigade user sees
// its own unit only, and that is a condition in the SQL, so no page or route can forget it.
import { roleMayTake, type Action, type Role } from './workflow.ts';

export interface User {
  readonly username: string;
  readonly role: Role;
  /** The brigade's unit code; null for detachment-wide roles. */
  readonly unit: string | null;
}

/** May this user see an item (or record) of this unit? */
export const canSee = (user: User, unit: string): boolean => user.role !== 'brigade' || (user.unit !== null && user.unit === unit);

/** May this user's role ever take this action? (The status is the workflow's question.) */
export const canAct = (user: User, action: Action): boolean => roleMayTake(user.role, action);

/** May this user run imports and analyses (the 数据 page)? */
export const canManageData = (user: User): boolean => user.role === 'supervisor' || user.role === 'admin';

/** May this user manage users and settings? */
export const canAdminister = (user: User): boolean => user.role === 'admin';

/**
 * The SQL condition that limits a query over `alias` (a table with a `unit` column) to what the user
 * may see, with its parameter. Every item query includes it.
 */
export function scopeSql(user: User, alias: string, param: string): { sql: string; params: Record<string, string> } {
  if (user.role !== 'brigade') return { sql: 'true', params: {} };
  return { sql: `${alias}.unit = $${param}`, params: { [param]: user.unit ?? '\u0000no-unit' } };
}
