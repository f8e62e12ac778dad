// The one way the console talks to the server: same-origin JSON under /api/, the session cookie sent
// by the browser. A 401 means the session is gone: back to the log-in page. Errors carry the
// server's Chinese reason ({"error": "…"}), and every error is shown here, once, as a message — as
// RuoYi's request interceptor does — so no page can swallow one. A caller that shows a request's errors
// itself (a form with its own notice, a 404 answered with a page) asks for it with `{ quiet: true }`.
import { ElMessage } from 'element-plus';
import { signedOut } from './session.ts';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `quiet`: the caller shows this request's errors itself. */
export interface RequestOptions { readonly quiet?: boolean }

let onUnauthorised: () => void = () => undefined;
/** The router registers where a lost session leads. */
export const setUnauthorisedHandler = (f: () => void): void => { onUnauthorised = f; };
let onMustChange: () => void = () => undefined;
/** … and where an account that must first change its password is sent. */
export const setMustChangeHandler = (f: () => void): void => { onMustChange = f; };

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  // A lost session (401) and a password that must first change lead to their pages instead.
  const shown = (e: ApiError, leadsElsewhere = false): ApiError => {
    if (!opts.quiet && !leadsElsewhere) ElMessage.error(e.message);
    return e;
  };
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw shown(new ApiError(0, '无法连接服务器，请检查网络或稍后再试'));
  }
  if (res.status === 401 && path !== '/api/login') {
    signedOut();
    onUnauthorised();
  }
  if (!res.ok) {
    const j = await res.json().then((v: { error?: unknown; must_change_password?: unknown }) => v, () => ({} as { error?: unknown; must_change_password?: unknown }));
    const mustChange = res.status === 403 && j.must_change_password === true;
    if (mustChange) onMustChange();
    const reason = typeof j.error === 'string' ? j.error : null;
    throw shown(new ApiError(res.status, reason ?? `请求失败（${res.status}）`), res.status === 401 || mustChange);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: RequestOptions) => request<T>('GET', withQuery(path, query), undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body ?? {}, opts),
  upload: <T>(path: string, form: FormData, opts?: RequestOptions) => request<T>('POST', path, form, opts),
};
