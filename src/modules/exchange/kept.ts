/** How long a node keeps an agency and its grants in force before reading them again (service.ts). */
export const CALLERS_KEPT_MS = 5_000;

/**
 * Values read on every call but changed rarely, kept in memory for a few seconds by key (at most `max` keys, the
 * oldest dropped first). Concurrent misses of one key share one read; a failed read is not kept.
 */
export class Kept<V> {
  private readonly entries = new Map<string, { until: number; value: Promise<V> }>();

  constructor(
    private readonly keptMs: number,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, read: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const value = read();
    this.entries.delete(key);
    this.entries.set(key, { until: this.now() + this.keptMs, value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
