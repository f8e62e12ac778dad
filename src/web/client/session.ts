// Who is signed in, as the server told us (/api/login, /api/me). The session itself is an HttpOnly
// cookie the page never sees; a flag in sessionStorage only spares a first request that would 401.
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

const FLAG = 'yanpan.signedIn';

export const session = reactive<{ me: Me | null }>({ me: null });

export function signedIn(me: Me): void {
  session.me = me;
  sessionStorage.setItem(FLAG, '1');
}

export function signedOut(): void {
  session.me = null;
  sessionStorage.removeItem(FLAG);
}

/** Whether a session may exist (the browser tab signed in earlier and did not sign out). */
export const maybeSignedIn = (): boolean => sessionStorage.getItem(FLAG) === '1';
