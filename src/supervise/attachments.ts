// Attached files (rectification evidence). Stored under the data folder beside the database, never
// under a name the uploader chose; the type is what the bytes say (magic numbers), not the file name
// or the browser's claim; served only to users who may see the item.
import { randomUUID, createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { failure, type Failure } from '../contract/failure.ts';
import { transaction, type Store } from '../store/db.ts';
import type { User } from './access.ts';
import { appendAudit } from './audit.ts';
import { localDay, localStamp, systemClock, type Clock } from '../time/index.ts';
import { findItem, type AttachmentMeta } from './items.ts';

export interface Sniffed { readonly mime: string; readonly ext: string }

const starts = (b: Uint8Array, sig: readonly number[], at = 0): boolean => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** The file type by its content, or null when it is none of the accepted ones. */
export function sniff(bytes: Uint8Array): Sniffed | null {
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: 'application/pdf', ext: 'pdf' };
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', ext: 'png' };
  if (starts(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
  if (starts(bytes, [0x66, 0x74, 0x79, 0x70], 4)) return { mime: 'video/mp4', ext: 'mp4' };
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // An Office file is a zip whose parts name it: word/ → .docx, xl/ → .xlsx. Anything else zipped is refused.
    const listing = zipNames(bytes);
    if (!listing.includes('[Content_Types].xml')) return null;
    if (listing.some((n) => n.startsWith('word/'))) return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' };
    if (listing.some((n) => n.startsWith('xl/'))) return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' };
  }
  return null;
}

/** Entry names of a zip without inflating anything. */
function zipNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (f) => { names.push(f.name); return false; } });
  } catch {
    return [];
  }
  return names;
}

export type { AttachmentMeta };

export type SaveResult = { ok: true; attachment: AttachmentMeta } | Failure;

export const attachmentDir = (dataDir: string): string => join(dataDir, 'attachments');

export async function saveAttachment(
  store: Store, dataDir: string, user: User, key: string, fileName: string, bytes: Uint8Array, maxBytes: number, clock: Clock = systemClock,
): Promise<SaveResult> {
  const now = clock.now();
  const item = await findItem(store, user, key, localDay(now));
  if (!item) return failure('not-found', '没有这个事项');
  if (item.status === 'closed') return failure('conflict', '事项已办结，不能再添加附件');
  if (bytes.length === 0) return failure('invalid', '附件是空文件');
  if (bytes.length > maxBytes) return failure('too-large', `附件过大：最多 ${Math.floor(maxBytes / 1048576)} MB`);
  const type = sniff(bytes);
  if (!type) return failure('unsupported', '附件类型不支持：只接受 PDF、JPG、PNG、MP4、Word（docx）和 Excel（xlsx）文件');
  // Only the last path segment, no control characters, bounded: it is shown back, never used as a path.
  const shown = basename(fileName.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 120) || `附件.${type.ext}`;
  const id = randomUUID();
  const dir = attachmentDir(dataDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, id);
  await writeFile(path, bytes, { flag: 'wx' });
  const at = localStamp(now);
  const meta: AttachmentMeta = { id, file_name: shown, mime: type.mime, size: bytes.length, uploaded_by: user.username, uploaded_at: at };
  try {
    await transaction(store, async () => {
      await store.run('INSERT INTO attachments VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [id, key, shown, type.mime, bytes.length, createHash('sha256').update(bytes).digest('hex'), user.username, at]);
      await appendAudit(store, [{ at, username: user.username, itemKey: key, action: 'attach', from: item.status, to: item.status, fields: { attachment: id, file_name: shown, size: bytes.length } }]);
    });
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return { ok: true, attachment: meta };
}

/** The attachment's metadata and file path, if this user may see its item (and it belongs to `key` when one is given). */
export async function findAttachment(store: Store, dataDir: string, user: User, key: string | null, id: string, clock: Clock = systemClock): Promise<{ meta: AttachmentMeta; path: string } | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const rows = await store.all<AttachmentMeta & { item_key: string }>(
    'SELECT attachment_id AS id, item_key, file_name, mime, size, uploaded_by, uploaded_at FROM attachments WHERE attachment_id = $1', [id]);
  const row = rows[0];
  if (!row || (key !== null && row.item_key !== key)) return null;
  if (!(await findItem(store, user, row.item_key, localDay(clock.now())))) return null;
  const { item_key: _k, ...meta } = row;
  return { meta, path: join(attachmentDir(dataDir), id) };
}
