// The hash chain shows an entry edited, removed or inserted; an anchor noted down outside the database also shows
// the log rewritten from some entry on with fresh hashes, or its last entries cut off, which the chain alone cannot.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureStore } from '../../test/support/fixture.ts';
import type { Store } from '../store/db.ts';
import { appendAudit, formatAnchor, parseAnchor, verifyAudit, type AuditAnchor } from './audit.ts';

let store: Store;
beforeEach(async () => { store = await fixtureStore({}); });
afterEach(() => store.close());

const entry = (action: string, user = 'sup') => ({ at: '2021-07-01 09:00:00', username: user, itemKey: 'k', action, from: null, to: null, fields: {} });
const append = async (...actions: string[]) => appendAudit(store, actions.map((a) => entry(a)));
const head = async (): Promise<AuditAnchor> => {
  const r = await verifyAudit(store);
  if (!r.ok || !r.head) throw new Error('expected a whole, non-empty log');
  return r.head;
};

describe('audit anchors', () => {
  it('finds every anchor of a log that only grew, and gives its last entry as the next anchor', async () => {
    expect(await verifyAudit(store)).toEqual({ ok: true, entries: 0, head: null });
    await append('dispatch', 'verify');
    const a = await head();
    expect(a.seq).toBe(2);
    await append('approve');
    const b = await head();
    expect(await verifyAudit(store, [b, a])).toEqual({ ok: true, entries: 3, head: b });
  });

  it('finds the last entries cut off, which leaves the chain whole', async () => {
    await append('dispatch', 'verify', 'approve');
    const a = await head();
    await store.run('DELETE FROM audit WHERE seq = 3');
    expect(await verifyAudit(store)).toMatchObject({ ok: true, entries: 2 });
    expect(await verifyAudit(store, [a])).toEqual({ ok: false, entries: 2, seq: 3, reason: expect.stringContaining('已不存在') });
  });

  it('finds the log rewritten from an entry on with fresh hashes, which leaves the chain whole', async () => {
    await append('dispatch', 'verify', 'approve');
    const a = await head();
    await store.run('DELETE FROM audit WHERE seq >= 2');
    await appendAudit(store, [entry('verify', 'someone-else'), entry('approve')]);
    expect(await verifyAudit(store)).toMatchObject({ ok: true, entries: 3 });
    expect(await verifyAudit(store, [a])).toEqual({ ok: false, entries: 3, seq: 3, reason: expect.stringContaining('整体改写') });
  });

  it('reads an anchor as printed, and refuses what is not one', () => {
    const a = { seq: 12, hash: 'ab'.repeat(32) };
    expect(parseAnchor(formatAnchor(a))).toEqual(a);
    expect(parseAnchor(` 12:${'AB'.repeat(32)} `)).toEqual(a);
    for (const bad of ['12', `0:${'ab'.repeat(32)}`, `12:${'ab'.repeat(31)}`, `x:${'ab'.repeat(32)}`, `12:${'zz'.repeat(32)}`]) expect(parseAnchor(bad)).toBeNull();
  });
});
