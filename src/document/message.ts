import type { Span } from './span.ts';

/**
 * A problem found in the content, kept as data on the Document (after vfile-message): it names the
 * stage that found it and, where it has one, the place. Only `fatal` stops work on that report.
 */
export interface Message {
  reason: string;
  /** Which rule fired, e.g. `charset:fallback`, `clean:no-main-text`. */
  ruleId: string;
  /** The stage that raised it, e.g. `read.html`, `extract.quantities`. */
  source: string;
  severity: 'info' | 'warning' | 'fatal';
  span?: Span;
}

/** A report that could not be read or processed: the batch goes on, the caller reports it. */
export class ReportError extends Error {
  override name = 'ReportError';
  constructor(
    /** The file path or URL the report came from. */
    readonly location: string,
    reason: string,
    readonly ruleId = 'report:failed',
    options?: { cause?: unknown },
  ) {
    super(`${location}: ${reason}`, options);
  }
  get reason(): string {
    return this.message.slice(this.location.length + 2);
  }
}
