// The one configuration file of an installed server (/etc/yanpan/yanpan.conf): `key = value` lines,
// `#` comments. Flags given beside `--config` win over it; what neither names takes the default.
import { dirname, join } from 'node:path';
import { failure, type Failure } from '../contract/failure.ts';

export interface ServerConfig {
  /** Listen address. */
  readonly address: string;
  readonly port: number;
  /** The address users reach the server by (https://yanpan.example/), when it differs from the bound one. */
  readonly publicUrl: string | null;
  readonly tlsCert: string | null;
  readonly tlsKey: string | null;
  /** Database, attachments, uploads and backups live here. */
  readonly dataDir: string;
  /** The database file: `yanpan.duckdb` in the data folder unless `--db` names another. */
  readonly db: string;
  /** Local time of the nightly backup ("HH:MM"), or null when scheduled backups are off. */
  readonly backupTime: string | null;
  /** How many scheduled backups to keep. */
  readonly backupKeep: number;
  /** A folder whose dropped exports the server imports (web/server/inbox.ts), or null. */
  readonly inbox: string | null;
}

export const DB_FILE = 'yanpan.duckdb';

/** The keys a configuration file may set, with what each means (for messages and the installer's template). */
export const CONFIG_KEYS = {
  address: '监听地址',
  port: '端口',
  public_url: '用户访问的地址（如 https://yanpan.example/）',
  tls_cert: 'TLS 证书文件（PEM）',
  tls_key: 'TLS 私钥文件（PEM）',
  data_dir: '数据目录（数据库、附件、备份）',
  backup_time: '每日自动备份时间 HH:MM，off 为不自动备份',
  backup_keep: '保留最近几份自动备份',
  inbox: '收件箱目录：放入其中的导出目录或 zip 自动导入，随后分析当月并准备每日调度',
} as const;
export type ConfigKey = keyof typeof CONFIG_KEYS;

export const DEFAULTS = { address: '127.0.0.1', port: 8080, backupTime: '02:30', backupKeep: 7 } as const;

/** A configuration that does not pass is `invalid`: the message names the file, line or key. */
export type Parsed = { ok: true; values: Partial<Record<ConfigKey, string>> } | Failure;

/** Read the file's text: every line a `key = value`, a comment or blank; anything else is refused with its line. */
export function parseConfig(text: string, file: string): Parsed {
  const values: Partial<Record<ConfigKey, string>> = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(line);
    if (!m) return failure('invalid', `配置文件 ${file} 第 ${i + 1} 行应为「名称 = 值」：${line}`);
    const key = m[1].toLowerCase();
    if (!Object.hasOwn(CONFIG_KEYS, key)) return failure('invalid', `配置文件 ${file} 第 ${i + 1} 行：不认识的配置项 ${m[1]}（可用：${Object.keys(CONFIG_KEYS).join('、')}）`);
    if (Object.hasOwn(values, key)) return failure('invalid', `配置文件 ${file} 第 ${i + 1} 行：${key} 重复设置`);
    let v = m[2].trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    values[key as ConfigKey] = v;
  }
  return { ok: true, values };
}

/** What the command line gave (undefined: not given). */
export interface ServeFlags {
  readonly db?: string;
  readonly host?: string;
  readonly port?: string;
  readonly publicUrl?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly inbox?: string;
}

/** Flags over the file over the defaults, each value checked; an error names the key (and the file) that is wrong. */
export function resolveConfig(file: Partial<Record<ConfigKey, string>>, flags: ServeFlags, source = '配置文件'): { ok: true; config: ServerConfig } | Failure {
  const pick = (flag: string | undefined, key: ConfigKey): string | undefined => flag ?? (file[key] === '' ? undefined : file[key]);
  const where = (flag: string | undefined, key: ConfigKey, option: string) => (flag !== undefined ? option : `${source} 的 ${key}`);

  const portText = pick(flags.port, 'port');
  const port = portText === undefined ? DEFAULTS.port : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || (portText !== undefined && !/^\d+$/.test(portText))) {
    return failure('invalid', `${where(flags.port, 'port', '--port')} 应为 0–65535 的整数，而不是 ${portText}`);
  }
  const publicUrl = pick(flags.publicUrl, 'public_url') ?? null;
  if (publicUrl !== null && !/^https?:\/\/[^/\s]+\/?$/.test(publicUrl)) {
    return failure('invalid', `${where(flags.publicUrl, 'public_url', '--public-url')} 应为 https://主机名[:端口]/ 形式，而不是 ${publicUrl}`);
  }
  const tlsCert = pick(flags.tlsCert, 'tls_cert') ?? null;
  const tlsKey = pick(flags.tlsKey, 'tls_key') ?? null;
  if ((tlsCert === null) !== (tlsKey === null)) return failure('invalid', 'TLS 证书和私钥须同时设置（tls_cert 与 tls_key，或 --tls-cert 与 --tls-key）');

  const backupTimeText = file.backup_time || DEFAULTS.backupTime;
  let backupTime: string | null = null;
  if (backupTimeText.toLowerCase() !== 'off') {
    const m = /^(\d{1,2}):(\d{2})$/.exec(backupTimeText);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return failure('invalid', `${source} 的 backup_time 应为 HH:MM（如 02:30）或 off，而不是 ${backupTimeText}`);
    backupTime = `${m[1].padStart(2, '0')}:${m[2]}`;
  }
  const keepText = file.backup_keep || String(DEFAULTS.backupKeep);
  const backupKeep = Number(keepText);
  if (!/^\d+$/.test(keepText) || backupKeep < 1 || backupKeep > 1000) return failure('invalid', `${source} 的 backup_keep 应为 1–1000 的整数，而不是 ${keepText}`);

  // The database is the data folder's unless --db names one; without either, the current folder's (as before a config existed).
  const dataDir = file.data_dir || null;
  const db = flags.db ?? (dataDir ? join(dataDir, DB_FILE) : DB_FILE);
  return {
    ok: true,
    config: {
      address: pick(flags.host, 'address') ?? DEFAULTS.address,
      port,
      publicUrl,
      tlsCert,
      tlsKey,
      dataDir: flags.db !== undefined || !dataDir ? dirname(db) : dataDir,
      db,
      backupTime,
      backupKeep,
      inbox: pick(flags.inbox, 'inbox') ?? null,
    },
  };
}
