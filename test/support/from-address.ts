// HTTP requests from a chosen loopback address (127.0.0.2, 127.0.0.3, …): the server sees a
// different client address for each, as it would for different machines. Linux routes all of
// 127.0.0.0/8 to the loopback interface, so any of them can be the source of a connection.
import { request } from 'node:http';

export interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string; json: () => unknown }

export function postFrom(baseUrl: string, path: string, json: unknown, localAddress: string, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(path, baseUrl);
  const body = JSON.stringify(json);
  return new Promise((ok, fail) => {
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', localAddress, agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin: url.origin, ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        ok({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: () => JSON.parse(text) as unknown });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}
