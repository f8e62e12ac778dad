// What every route handler gets: the store (serialised), the options, the clock, the job registry, the reports kept.
import type { Context } from 'hono';
import { failure, FailureError, type Failure, type FailureKind } from '../../contract/failure.ts';
import type { SerialStore } from '../../store/serial.ts';
import type { AddressPolicy, AddressThrottle } from '../../supervise/address-throttle.ts';
import type { Clock } from '../../time/index.ts';
import type { SecurityEvent } from '../../supervise/security-log.ts';
import type { SessionUser } from '../../supervise/sessions.ts';
import type { RiskReport } from '../../report/risk.ts';
import type { DailyReport } from '../../report/daily.ts';
import type { DerivedCache } from './derived-cache.ts';
import type { Origins } from './origins.ts';
import type { JobRegistry, WorkLimiter } from './jobs.ts';

export interface AppOptions {
  /** Folder for attachments and uploads; by default the folder of the database file. */
  readonly dataDir: string;
  /** The built console (index.html and assets); served with SPA fallback when the folder exists. */
  readonly staticDir?: string | null;
  readonly clock?: Clock;
  /** The origins the server answers as (origins.ts); null: no Host check, Origin compared with Host. */
  readonly origins?: Origins | null;
  /** Served over HTTPS: the cookie is Secure and answers carry HSTS. */
  readonly secure?: boolean;
  /** Minutes a session may sit idle. */
  readonly idleMinutes?: number;
  /** Minutes a session lasts after its log-in, however active (12 h). */
  readonly lifetimeMinutes?: number;
  /** Failed log-ins one client address may make in a window before it gets 429. */
  readonly addressPolicy?: AddressPolicy;
  /** Delay before answering a failed log-in, by the number of consecutive failures (ms). */
  readonly loginDelayMs?: (failures: number) => number;
  /** Largest attachment, bytes. */
  readonly maxAttachmentBytes?: number;
  /** Largest upload of an import (all files together, unpacked), bytes. */
  readonly maxImportBytes?: number;
  /** One line per request and per job (the server's standard output); none by default. */
  readonly log?: (line: string) => void;
  /** The release, for /api/health. */
  readonly version?: string;
}

/** Where the server is in its life: /api/health answers 200 only while serving. */
export type Phase = 'starting' | 'serving' | 'stopping';

export interface ServerContext {
  readonly store: SerialStore;
  readonly options: Required<Omit<AppOptions, 'staticDir'>> & { staticDir: string | null };
  readonly jobs: JobRegistry;
  /** The slots of analysis-sized work (routes declared `expensive`). */
  readonly limiter: WorkLimiter;
  readonly phase: { current: Phase };
  /** Failed log-ins per client address. */
  readonly throttle: AddressThrottle;
  /** Risk profiles by period, until the next import (derived-cache.ts). */
  readonly riskReports: DerivedCache<RiskReport>;
  /** 每日调度 by day, until the next import; the inbox prepares the latest day's after its import. */
  readonly dailyReports: DerivedCache<DailyReport>;
}

export type Env = { Variables: { user: SessionUser; sessionId: string } };

export interface RouteSecurity {
  readonly event: SecurityEvent;
  /** A short detail (never a secret); the request's path and query when absent. */
  readonly detail?: (c: Context<Env>) => string | Promise<string>;
}

/** Who may call a route; checked by the app for every route before its handler runs. */
export type Access = 'public' | 'user' | 'manage-data' | 'admin';

export interface RouteDef {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Hono path under the site root, e.g. '/api/items/:key'. */
  readonly path: string;
  readonly access: Access;
  /** One line for docs/API.md's route table: what the route gives or does (npm run docs regenerates it). */
  readonly doc: string;
  /** The security-log event the route's request is (an export, a user change …), recorded after the handler. */
  readonly security?: RouteSecurity;
  /** Open to a user who must still change their password (/api/me, /api/me/password, /api/logout). */
  readonly beforePasswordChange?: boolean;
  /** Analysis-sized work: at most WORK_LIMITS of it at a time, per user and in all (429 beyond). */
  readonly expensive?: boolean;
  /**
   * The handler reads the body as a stream and bounds it itself (receive.ts): the app then checks only a declared
   * Content-Length against maxBody, instead of reading the whole body into memory first.
   */
  readonly streamsBody?: boolean;
  /** Largest request body in bytes (default 64 KiB). */
  readonly maxBody?: number;
  handler(c: Context<Env>, ctx: ServerContext): Response | Promise<Response>;
}

/** A JSON error body `{"error": "中文原因"}`. */
export const fail = (c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 421 | 429 | 500 | 503, error: string): Response => c.json({ error }, status);

/** The one place a domain failure becomes an HTTP status. */
export const FAILURE_STATUS: Readonly<Record<FailureKind, 400 | 403 | 404 | 409 | 413 | 415 | 429 | 503>> = {
  invalid: 400, forbidden: 403, 'not-found': 404, conflict: 409, 'too-large': 413, unsupported: 415, unavailable: 503, 'too-many': 429,
};

/** Answer a domain failure: its status by kind, its message as the JSON error. */
export const answerFailure = (c: Context, f: Failure): Response => fail(c, FAILURE_STATUS[f.kind], f.error);

/**
 * The request body as a JSON object, or a 400 (thrown as FailureError). With `fields`, the names the route
 * knows: any other field is refused by name (a misspelt field must not be silently ignored).
 */
export async function jsonBody(c: Context, fields?: readonly string[]): Promise<Record<string, unknown>> {
  let v: unknown;
  try {
    v = await c.req.json();
  } catch {
    throw new FailureError(failure('invalid', '请求体不是有效的 JSON'));
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new FailureError(failure('invalid', '请求体应为 JSON 对象'));
  // Without a prototype: a field the client did not send reads as undefined even when it is named like an
  // Object member (constructor, toString), and a sent "__proto__" is an ordinary (unknown) field.
  const body = Object.assign(Object.create(null) as Record<string, unknown>, v);
  const unknown = fields ? Object.keys(body).filter((k) => !fields.includes(k)) : [];
  if (unknown.length) throw new FailureError(failure('invalid', `未知字段：${unknown.map((k) => k.slice(0, 40)).join('、')}（可用：${fields?.join('、')}）`));
  return body;
}

/** The file sent in a multipart form's field `file`, or a 400 (thrown as FailureError) saying what to upload. */
export async function formFile(c: Context, what: string): Promise<File> {
  const refused = () => new FailureError(failure('invalid', `请以 multipart/form-data 上传${what}（字段名 file）`));
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw refused();
  }
  const file = form.file;
  if (!(file instanceof File)) throw refused();
  return file;
}

/** A path parameter (decoded by the router); '' when absent. */
export const param = (c: Context, name: string): string => c.req.param(name) ?? '';
