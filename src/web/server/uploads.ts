// An uploaded export (several files, or zips of them) laid out as a dataset folder for the importer.
// Only the last segment of each name is kept (a zip's folders and "../" go), so nothing is written
// outside the upload folder; the unpacked total is bounded so a small zip cannot fill the disk.
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { unzip, type Unzipped } from 'fflate';
import { failure, type Failure } from '../../contract/failure.ts';

export type Laid = { ok: true; files: string[] } | Failure;

const unzipAsync = (bytes: Uint8Array, keep: (name: string, size: number) => boolean): Promise<Unzipped> =>
  new Promise((ok, fail) => unzip(bytes, { filter: (f) => keep(f.name, f.originalSize) }, (err, out) => (err ? fail(err) : ok(out))));

// The files an export may hold (contract §1); the importer matches each to its table.
const DATA_FILE = /\.(csv|txt|xlsx|xls)$/i;

/**
 * A zip made on a Chinese Windows stores its names in GBK without saying so; fflate reads such a name byte for
 * byte (Latin-1). Such a name is decoded again: as UTF-8 when its bytes are that, else as GB18030.
 */
export function zipEntryName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name;
  const bytes = Buffer.from(name, 'latin1');
  return new TextDecoder(isUtf8(bytes) ? 'utf-8' : 'gb18030').decode(bytes);
}

/**
 * Lay out uploaded files (each already on disk at `path`) in `dir`: data files by their own name, zips
 * unpacked. `move`: the uploaded files are the caller's staging copies and may be moved rather than copied.
 */
export async function layOut(dir: string, uploads: readonly { name: string; path: string; bytes: number }[], maxBytes: number, opts: { move?: boolean } = {}): Promise<Laid> {
  await mkdir(dir, { recursive: true });
  const files = new Map<string, Uint8Array | { path: string }>();
  let total = 0;
  const add = (rawName: string, content: Uint8Array | { path: string }, size: number): string | null => {
    const name = basename(rawName.replace(/\\/g, '/'));
    if (!DATA_FILE.test(name) || name.startsWith('.')) return null;
    if (files.has(name.toLowerCase())) return `文件 ${name} 出现了两次`;
    total += size;
    if (total > maxBytes) return `上传内容解压后超过 ${Math.floor(maxBytes / 1048576)} MB`;
    files.set(name.toLowerCase(), content);
    return null;
  };
  for (const u of uploads) {
    if (/\.zip$/i.test(u.name)) {
      let unzipped: Unzipped;
      let declared = 0;
      try {
        unzipped = await unzipAsync(new Uint8Array(await readFile(u.path)), (name, size) => {
          if (name.endsWith('/') || name.startsWith('__MACOSX/') || !DATA_FILE.test(name)) return false;
          declared += size;
          return declared <= maxBytes;
        });
      } catch (err) {
        return failure('invalid', `无法解压 ${u.name}：${(err as Error).message}`);
      }
      if (declared > maxBytes) return failure('invalid', `${u.name} 解压后超过 ${Math.floor(maxBytes / 1048576)} MB`);
      for (const [name, bytes] of Object.entries(unzipped)) {
        const e = add(zipEntryName(name), bytes, bytes.length);
        if (e) return failure('invalid', e);
      }
    } else {
      const e = add(u.name, { path: u.path }, u.bytes);
      if (e) return failure('invalid', e);
    }
  }
  if (!files.size) return failure('invalid', '上传中没有 CSV、TXT、XLSX 或 XLS 文件（可上传导出目录、多个文件，或一个 zip）');
  const names: string[] = [];
  for (const [lower, content] of files) {
    // Keep the uploaded case-insensitively unique name; the importer matches table names case-insensitively.
    const to = join(dir, lower);
    if (content instanceof Uint8Array) await writeFile(to, content);
    else if (opts.move) await rename(content.path, to);
    else await copyFile(content.path, to);
    names.push(lower);
  }
  return { ok: true, files: names.sort() };
}
