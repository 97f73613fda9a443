/**
 * The survey answers of one month or of a run of months (`followups --since`), from a filled
 * `ScorecardBuilder`. `ratedAnswers` places a snapshot file's answers (a file without a date
 * column, SPEC §2) in whichever month it is asked for, so over several months they are taken, and
 * their issues reported, once: in the last month, the one a snapshot stands for. `keep` chooses
 * the answers listed (default: all).
 */
import type { DataQualityIssue } from '../domain/data-quality.js';
import { nextMonth, type Month } from '../domain/month.js';
import type { AnswerVerdict, RatedAnswer, ScorecardBuilder } from '../metrics/scorecard.js';

/** `first` … `last`, both included; just `first` when `last` is earlier. */
export function monthsFrom(first: Month, last: Month): Month[] {
  const months: Month[] = [first];
  for (let month = first; month < last;) {
    month = nextMonth(month);
    months.push(month);
  }
  return months;
}

export function ratedAnswersOfMonths(
  builder: ScorecardBuilder,
  months: readonly Month[],
  snapshotFiles: ReadonlySet<string>,
  onIssue: (issue: DataQualityIssue) => void,
  keep?: (answer: AnswerVerdict) => boolean,
): RatedAnswer[] {
  const last = months[months.length - 1];
  return months.flatMap((month) => {
    if (month === last) return builder.ratedAnswers(month, snapshotFiles, onIssue, keep);
    const notSnapshot = (file: string) => !snapshotFiles.has(file);
    const answers = builder.ratedAnswers(
      month,
      snapshotFiles,
      (issue) => {
        if (notSnapshot(issue.location.file)) onIssue(issue);
      },
      keep,
    );
    return answers.filter((answer) => notSnapshot(answer.location.file));
  });
}
