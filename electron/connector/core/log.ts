/** The client's own log: a bounded ring of lines, exported with "Export Logs". */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface LogLine {
  at: string;
  level: LogLevel;
  message: string;
  data?: unknown;
}

export class ClientLog {
  private readonly lines: LogLine[] = [];
  level: LogLevel = 'info';

  constructor(
    private readonly max = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  write(level: LogLevel, message: string, data?: unknown): void {
    if (RANK[level] > RANK[this.level]) return;
    this.lines.push({
      at: new Date(this.now()).toISOString(),
      level,
      message,
      ...(data === undefined ? {} : { data }),
    });
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }

  error = (m: string, d?: unknown) => this.write('error', m, d);
  warn = (m: string, d?: unknown) => this.write('warn', m, d);
  info = (m: string, d?: unknown) => this.write('info', m, d);
  debug = (m: string, d?: unknown) => this.write('debug', m, d);

  all(): readonly LogLine[] {
    return this.lines;
  }
}
