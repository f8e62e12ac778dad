// Failed log-ins per client address, kept in the server's memory. The account lock (users.ts) stops a
// guessed password list against one account; this stops one address from guessing in parallel
// batches and, since it trips before the account threshold, from locking anyone out on its own.
//
// A slot is taken before the password is checked (`begin`) and given back or turned into a failure
// afterwards: an address never has more attempts under way than it has failures left, so parallel
// requests cannot all pass the check before the first failure is counted. An attempt beyond that waits
// for one under way to end (a right password from a busy office's shared address is only delayed).
import { failure, type Failure } from '../contract/failure.ts';
import { systemClock, type Clock } from '../time/index.ts';

export interface AddressPolicy {
  /** Failed log-ins from one address within the window after which it is refused … */
  readonly failures: number;
  /** … the window, minutes. */
  readonly minutes: number;
}

export const ADDRESS_POLICY: AddressPolicy = { failures: 5, minutes: 15 };

/** Addresses remembered at most; beyond it the oldest are forgotten (an attacker with a million addresses is not stopped by this anyway). */
const MAX_ADDRESSES = 10_000;

export interface AddressThrottle {
  /** Take a slot for one log-in attempt, or refuse it (`too-many`), saying how many minutes until the address may try again. */
  begin(address: string): Promise<{ ok: true; end(failed: boolean): void } | Failure>;
}

export function addressThrottle(policy: AddressPolicy = ADDRESS_POLICY, clock: Clock = systemClock): AddressThrottle {
  const seen = new Map<string, { failedAt: number[]; inFlight: number; waiting: (() => void)[] }>();
  const windowMs = policy.minutes * 60_000;
  return {
    async begin(address) {
      for (;;) {
        const now = clock.now().getTime();
        let s = seen.get(address);
        if (s) s.failedAt = s.failedAt.filter((t) => now - t < windowMs);
        else {
          if (seen.size >= MAX_ADDRESSES) seen.delete(seen.keys().next().value as string);
          s = { failedAt: [], inFlight: 0, waiting: [] };
          seen.set(address, s);
        }
        if (s.failedAt.length >= policy.failures) {
          const retryMinutes = Math.max(1, Math.ceil((s.failedAt[0] + windowMs - now) / 60_000));
          return failure('too-many', `本机地址登录失败次数过多，请 ${retryMinutes} 分钟后再试`);
        }
        if (s.failedAt.length + s.inFlight < policy.failures) {
          s.inFlight += 1;
          const entry = s;
          let ended = false;
          return {
            ok: true,
            end(failed) {
              if (ended) return;
              ended = true;
              entry.inFlight -= 1;
              if (failed) entry.failedAt.push(clock.now().getTime());
              // Those waiting look again: a free slot, or the limit reached.
              for (const wake of entry.waiting.splice(0)) wake();
            },
          };
        }
        const entry = s;
        await new Promise<void>((wake) => entry.waiting.push(wake));
      }
    },
  };
}
