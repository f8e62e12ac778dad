// Failed log-ins per client address, kept in the server's memory. The account lock (users.ts) stops a
// guessed password list against one account; this stops one address from guessing in parallel
// batches and, since it trips before the account threshold, from locking anyone out on its own.
//
// A slot is taken before the password is checked (`begin`) and given back or turned into a failure
// afterwards, all without awaiting in between: parallel requests from one address cannot all pass
// the check before the first failure is counted.
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
  /** Take a slot for one log-in attempt, or say how many minutes until the address may try again. */
  begin(address: string): { ok: true; end(failed: boolean): void } | { ok: false; retryMinutes: number };
}

export function addressThrottle(policy: AddressPolicy = ADDRESS_POLICY, clock: Clock = systemClock): AddressThrottle {
  const seen = new Map<string, { failedAt: number[]; inFlight: number }>();
  const windowMs = policy.minutes * 60_000;
  return {
    begin(address) {
      const now = clock.now().getTime();
      let s = seen.get(address);
      if (s) s.failedAt = s.failedAt.filter((t) => now - t < windowMs);
      else {
        if (seen.size >= MAX_ADDRESSES) seen.delete(seen.keys().next().value as string);
        s = { failedAt: [], inFlight: 0 };
        seen.set(address, s);
      }
      if (s.failedAt.length + s.inFlight >= policy.failures) {
        const oldest = s.failedAt[0] ?? now;
        return { ok: false, retryMinutes: Math.max(1, Math.ceil((oldest + windowMs - now) / 60_000)) };
      }
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
        },
      };
    },
  };
}
