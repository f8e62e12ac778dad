// How a command reaches the running server on the same machine: a unix socket in the data folder, readable
// by the service's user (and root) only. The server owns the database, so `yanpan backup` asks it to take the
// backup instead of opening the file (which DuckDB would refuse). A local socket, not an HTTP route: nothing
// on the network can ask for a backup, and no password is needed for what the file permissions already allow.
import { createServer, request, type Server } from 'node:http';
import { chmod, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupResult } from './backup.ts';
import { failure } from '../contract/failure.ts';

export const adminSocketPath = (dataDir: string): string => join(dataDir, 'yanpan.sock');

export interface AdminHandlers { backup(by: string): Promise<BackupResult> }

export async function listenAdmin(path: string, handlers: AdminHandlers): Promise<{ close(): Promise<void> }> {
  // A socket file left by a server that was killed: this process holds the database, so no other server uses it.
  await rm(path, { force: true });
  const server: Server = createServer((req, res) => {
    const answer = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (req.method === 'POST' && req.url === '/backup') {
      // Who asked, as the command names its operating-system user (the socket is root's and the service's only).
      const by = /^[\w.-]{1,64}$/.test(String(req.headers['x-yanpan-user'] ?? '')) ? String(req.headers['x-yanpan-user']) : 'cli';
      handlers.backup(by).then((r) => answer(r.ok ? 200 : 500, r), (err: unknown) => answer(500, failure('unavailable', (err as Error).message)));
      return;
    }
    answer(404, failure('not-found', '没有这个操作'));
  });
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(path, () => ok()); });
  await chmod(path, 0o600);
  return {
    close: () => new Promise<void>((ok) => server.close(() => { void rm(path, { force: true }).finally(ok); })),
  };
}

/** Ask the server behind the socket for a backup; null when no server answers there. */
export function requestBackup(path: string, by: string): Promise<BackupResult | null> {
  return new Promise((ok) => {
    const req = request({ socketPath: path, method: 'POST', path: '/backup', headers: { 'x-yanpan-user': by } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => {
        try { ok(JSON.parse(body) as BackupResult); } catch { ok(failure('unavailable', `服务器的回答无法理解：${body.slice(0, 200)}`)); }
      });
    });
    req.on('error', () => ok(null));
    req.end();
  });
}
