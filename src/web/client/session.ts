// Who is signed in, as the server told us (/api/login, /api/me). The session itself is an HttpOnly
// cookie the page never sees, so only the server can say whether there is one: a page opened in a new
// tab or from a shared link asks /api/me before it decides to show the log-in page.
import { reactive } from 'vue';
import type { Role } from '../../supervise/workflow.ts';

export interface Me {
  username: string;
  role: Role;
  role_name: string;
  unit: string | null;
  unit_name: string | null;
  display_name?: string | null;
  /** The account must change its password before using anything else (made or reset by an administrator). */
  must_change_password: boolean;
}

export const session = reactive<{ me: Me | null }>({ me: null });

export function signedIn(me: Me): void {
  session.me = me;
}

export function signedOut(): void {
  session.me = null;
}
