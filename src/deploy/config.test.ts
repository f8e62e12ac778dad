import { describe, expect, it } from 'vitest';
import { parseConfig, resolveConfig } from './config.ts';

const parse = (text: string) => {
  const p = parseConfig(text, 'yanpan.conf');
  if (!p.ok) throw new Error(p.error);
  return p.values;
};

describe('the configuration file', () => {
  it('reads key = value lines with comments, blanks and quotes, and puts the database in the data folder', () => {
    const v = parse('# comment\n\naddress = 0.0.0.0\nport=8443\npublic_url = "https://yanpan.example/"\ndata_dir = /var/lib/yanpan\nbackup_time = 3:05\nbackup_keep = 14\n');
    const r = resolveConfig(v, {});
    expect(r).toEqual({ ok: true, config: {
      address: '0.0.0.0', port: 8443, publicUrl: 'https://yanpan.example/', tlsCert: null, tlsKey: null,
      dataDir: '/var/lib/yanpan', db: '/var/lib/yanpan/yanpan.duckdb', backupTime: '03:05', backupKeep: 14, inbox: null,
    } });
  });

  it('lets flags beside --config win over the file', () => {
    const r = resolveConfig(parse('address = 0.0.0.0\nport = 8443\ndata_dir = /srv/y\n'), { port: '0', host: '127.0.0.1', db: '/tmp/x/other.duckdb' });
    expect(r.ok && r.config).toMatchObject({ address: '127.0.0.1', port: 0, db: '/tmp/x/other.duckdb', dataDir: '/tmp/x' });
  });

  it('takes the defaults when there is no file: 127.0.0.1:8080, ./yanpan.duckdb, a nightly backup at 02:30 keeping 7', () => {
    const r = resolveConfig({}, {});
    expect(r.ok && r.config).toMatchObject({ address: '127.0.0.1', port: 8080, db: 'yanpan.duckdb', dataDir: '.', backupTime: '02:30', backupKeep: 7, tlsCert: null });
  });

  it('refuses an unknown key, a line that is not key = value, and a key set twice, naming the line', () => {
    expect(parseConfig('port = 1\nlisten = 0.0.0.0\n', 'f.conf')).toEqual({ ok: false, kind: 'invalid', error: expect.stringMatching(/f\.conf 第 2 行：不认识的配置项 listen/) });
    expect(parseConfig('port 8080\n', 'f.conf')).toEqual({ ok: false, kind: 'invalid', error: expect.stringMatching(/第 1 行应为「名称 = 值」/) });
    expect(parseConfig('port = 1\nport = 2\n', 'f.conf')).toEqual({ ok: false, kind: 'invalid', error: expect.stringMatching(/第 2 行：port 重复设置/) });
  });

  it('refuses a bad port, backup time or count, a public URL with a path, and a certificate without its key', () => {
    expect(resolveConfig({ port: '80a' }, {})).toMatchObject({ ok: false, kind: 'invalid', error: expect.stringMatching(/port 应为 0–65535/) });
    expect(resolveConfig({}, { port: '70000' })).toMatchObject({ ok: false, kind: 'invalid', error: expect.stringMatching(/--port 应为/) });
    expect(resolveConfig({ backup_time: '25:00' }, {})).toMatchObject({ ok: false, kind: 'invalid', error: expect.stringMatching(/backup_time/) });
    expect(resolveConfig({ backup_keep: '0' }, {})).toMatchObject({ ok: false, kind: 'invalid', error: expect.stringMatching(/backup_keep/) });
    expect(resolveConfig({ public_url: 'https://h/x' }, {})).toMatchObject({ ok: false, kind: 'invalid', error: expect.stringMatching(/public_url/) });
    expect(resolveConfig({ tls_cert: '/etc/c.pem' }, {})).toMatchObject({ ok: false, kind: 'invalid', error: expect.stringMatching(/同时设置/) });
    expect(resolveConfig({ backup_time: 'off' }, {})).toMatchObject({ ok: true, config: { backupTime: null } });
  });
});
