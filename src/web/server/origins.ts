// Which origins the server answers as. A page on another name that resolves to this machine (DNS
// rebinding) sends that name in Host, and its own requests carry it as their Origin: so the Host of
// every request must name this server, and the Origin of a state-changing one must be one of its
// origins — given by `--public-url`, by default the bound address — never merely the request's own Host.
import { networkInterfaces } from 'node:os';

export interface Origins {
  /** Full origins ('https://yanpan.example', 'http://127.0.0.1:8080'). */
  readonly origins: ReadonlySet<string>;
  /** The Host header values they stand for, as URL.host gives them (default ports left out). */
  readonly hosts: ReadonlySet<string>;
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);
const bracket = (h: string): string => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

/**
 * The origins for a server bound to `host:port`. `publicUrls`: the addresses users reach it by (then
 * these are its origins); without them, the bound address — every address of this machine when bound
 * to all. The loopback names on the bound port are always included, so a health check on the machine
 * itself works (a rebinding page cannot send them: its Host is its own name).
 */
export function serverOrigins(o: { scheme: 'http' | 'https'; host: string; port: number; publicUrls?: readonly string[] }): Origins {
  const list: string[] = [];
  const add = (host: string) => list.push(new URL(`${o.scheme}://${bracket(host)}:${o.port}`).origin);
  for (const u of o.publicUrls ?? []) list.push(new URL(u).origin);
  if (!o.publicUrls?.length) {
    if (WILDCARD.has(o.host)) {
      for (const addrs of Object.values(networkInterfaces())) for (const a of addrs ?? []) if (!a.address.startsWith('fe80:')) add(a.address);
    } else add(o.host);
  }
  for (const h of ['127.0.0.1', 'localhost', '::1']) add(h);
  const origins = new Set(list);
  return { origins, hosts: new Set([...origins].map((x) => new URL(x).host)) };
}

/** A Host header as URL.host would write it (lower case, default port dropped); null when it is no host. */
export function normalHost(header: string | undefined, scheme: string): string | null {
  if (!header || /[\s/@?#]/.test(header)) return null;
  try {
    return new URL(`${scheme}://${header}`).host;
  } catch {
    return null;
  }
}
