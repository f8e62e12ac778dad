// The nightly backup: at the configured local time, a backup named auto-…, then the oldest scheduled ones
// beyond the number to keep are removed. A timer for the next run, not a loop: nothing runs in between.
// Local time is Asia/Shanghai (time/clock.ts), eight hours ahead of UTC all year.
const SHANGHAI_MS = 8 * 3600_000;

/** The next instant after `after` at which it is `time` (HH:MM) in local time. */
export function nextRun(time: string, after: Date): Date {
  const [h, m] = time.split(':').map(Number);
  const local = new Date(after.getTime() + SHANGHAI_MS);
  local.setUTCHours(h, m, 0, 0);
  let next = local.getTime() - SHANGHAI_MS;
  if (next <= after.getTime()) next += 24 * 3600_000;
  return new Date(next);
}

export function scheduleDaily(time: string, run: () => Promise<void>, now: () => Date = () => new Date()): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const wait = nextRun(time, now()).getTime() - now().getTime();
    // unref: a pending backup never keeps a stopping server alive.
    timer = setTimeout(() => { void run().finally(arm); }, wait);
    timer.unref();
  };
  arm();
  return { stop() { stopped = true; if (timer) clearTimeout(timer); } };
}
