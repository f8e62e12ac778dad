// HTTP(S) requests with what fetch will not let a test choose: the source address (127.0.0.2,
// 127.0.0.3, … — Linux routes all of 127.0.0.0/8 to the loopback interface, so the server sees a
// different client for each), the Host header, and the certificate authority to trust.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

export interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string; json: () => unknown }

export interface RawRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly json?: unknown;
  readonly localAddress?: string;
  /** PEM certificate(s) to trust for https. */
  readonly ca?: string | Buffer;
}

export function rawRequest(url: string, o: RawRequest = {}): Promise<Answer> {
  const u = new URL(url);
  const body = o.json === undefined ? undefined : JSON.stringify(o.json);
  const headers: Record<string, string | number> = { ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }), ...o.headers };
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((ok, fail) => {
    const req = request({
      host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port, path: u.pathname + u.search, method: o.method ?? (body === undefined ? 'GET' : 'POST'),
      localAddress: o.localAddress, agent: false, headers, ca: o.ca, ...(isIP(u.hostname.replace(/^\[|\]$/g, '')) ? {} : { servername: u.hostname }),
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

/** POST JSON from a chosen loopback address, same-origin (the Origin of the server's URL). */
export function postFrom(baseUrl: string, path: string, json: unknown, localAddress: string, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(path, baseUrl);
  return rawRequest(url.href, { json, localAddress, headers: { origin: url.origin, ...headers } });
}
