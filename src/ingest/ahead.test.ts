import { describe, expect, it } from 'vitest';
import { inOrderAhead, Stopped } from './ahead.ts';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('inOrderAhead', () => {
  it('runs the items one at a time, in order, ahead of whoever takes them', async () => {
    const log: string[] = [];
    const ahead = inOrderAhead(['a', 'b', 'c'], async (x) => {
      log.push(`start ${x}`);
      await tick();
      log.push(`end ${x}`);
      return x.toUpperCase();
    });
    // The last taken first: the earlier ones were done without waiting for their consumer, one after the other.
    expect(await ahead.take(2)).toEqual({ ok: true, value: 'C' });
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(await ahead.take(0)).toEqual({ ok: true, value: 'A' });
  });

  it('keeps an item\'s error as a value for its consumer and goes on with the next', async () => {
    const boom = new Error('disk full');
    const ahead = inOrderAhead([1, 2], async (n) => {
      if (n === 1) throw boom;
      return n * 10;
    });
    expect(await ahead.take(0)).toEqual({ ok: false, error: boom });
    expect(await ahead.take(1)).toEqual({ ok: true, value: 20 });
  });

  it('starts nothing after stop, and stop waits for the item under way', async () => {
    const started: number[] = [];
    let finished = 0;
    const ahead = inOrderAhead([1, 2, 3], async (n) => {
      started.push(n);
      await tick();
      finished++;
      return n;
    });
    await tick();
    await ahead.stop();
    expect(started).toEqual([1]);
    expect(finished).toBe(1);
    const third = await ahead.take(2);
    expect(third.ok).toBe(false);
    expect(!third.ok && third.error).toBeInstanceOf(Stopped);
  });

  it('runs a lane of its own beside the others: its item does not wait for the items before it', async () => {
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const ahead = inOrderAhead(['small', 'big', 'after'], async (x) => {
      log.push(`start ${x}`);
      if (x === 'small') await gate;
      log.push(`end ${x}`);
      return x;
    }, (x) => (x === 'big' ? 1 : 0));
    expect(await ahead.take(1)).toEqual({ ok: true, value: 'big' });
    expect(log).toEqual(['start small', 'start big', 'end big']);
    release();
    expect(await ahead.take(2)).toEqual({ ok: true, value: 'after' });
    expect(log).toEqual(['start small', 'start big', 'end big', 'end small', 'start after', 'end after']);
  });
});
