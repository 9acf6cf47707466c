/**
 * How many issue reports one device may file: a burst of `burst`, then one per `everyMs`. Uses
 * the wall clock (a quota is about real load on the database, not simulated time). Checked before
 * a report's body is read; spent only when a report is stored, so fixing a typo in the form costs
 * nothing.
 */
export class ReportQuota {
  private readonly spent = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst = 5,
    private readonly everyMs = 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** 0 when `device` may report now, else the seconds until it may. */
  waitSeconds(device: string): number {
    const tokens = this.tokens(device);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * this.everyMs) / 1000);
  }

  /** A report from `device` was stored. */
  spend(device: string): void {
    this.spent.set(device, { tokens: this.tokens(device) - 1, at: this.now() });
  }

  private tokens(device: string): number {
    const b = this.spent.get(device);
    if (!b) return this.burst;
    const tokens = Math.min(this.burst, b.tokens + (this.now() - b.at) / this.everyMs);
    if (tokens >= this.burst) this.spent.delete(device); // a full bucket needs no entry
    return tokens;
  }
}
