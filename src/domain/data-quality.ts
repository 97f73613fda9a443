import { detachString } from './detach-string.js';
import type { SourceLocation } from './source-location.js';

/**
 * A bad value found while reading: a result, not an exception (SPEC §2 "Bad rows never stop a
 * run"). `field` is the canonical field name (`started_at`), or the file itself (`(file)`) for
 * notes about the whole file such as a guessed encoding.
 */
export interface DataQualityIssue {
  location: SourceLocation;
  field: string;
  value: string;
  problem: string;
}

/** Keeps every issue's count but only the first examples, so a million bad rows cannot fill memory. */
export class IssueLog {
  count = 0;
  readonly examples: DataQualityIssue[] = [];
  /** `parent` also receives every issue: a file's log feeding the run's log. */
  constructor(
    readonly maxExamples = 1000,
    private readonly parent?: IssueLog,
  ) {}

  add(issue: DataQualityIssue): void {
    this.count += 1;
    if (this.examples.length < this.maxExamples) this.examples.push({ ...issue, value: detachString(issue.value) });
    this.parent?.add(issue);
  }
}
