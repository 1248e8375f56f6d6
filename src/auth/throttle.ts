/**
 * Sign-in throttling: failed attempts are counted per name and per client address over a window;
 * past the limit, further attempts are refused until the window has passed, whatever the password.
 * In memory: each server counts its own (a shared deployment behind one proxy counts per address
 * the proxy forwards, see `trustProxy`).
 */
export interface ThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
  now?: () => number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: ThrottleOptions = {}) {
    this.max = options.maxFailures ?? 5;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds until another attempt is allowed for any of `keys`; 0 when it is allowed now. */
  retryAfter(keys: readonly string[]): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key);
      if (recent.length >= this.max) wait = Math.max(wait, Math.ceil((recent[0] + this.windowMs - this.now()) / 1000));
    }
    return wait;
  }

  fail(keys: readonly string[]): void {
    // bounded memory: an attack of many names must not grow the map without end
    if (this.failures.size > 100_000) this.failures.clear();
    for (const key of keys) this.failures.set(key, [...this.recent(key), this.now()].slice(-this.max));
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
