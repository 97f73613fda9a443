/**
 * The two user-facing error classes (STYLE §4.4 rule 6). Anything else thrown is a bug and is
 * reported by `cli/main.ts` as an internal error.
 */

export const ExitCode = { Ok: 0, BadInput: 1, Usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad input or data: a missing or unreadable file, unknown columns, an invalid config, a refused overwrite. Exit 1. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** A usage error: an unknown option or a bad option value. Exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A file-system error in words, for one-sentence messages: "no such file", "permission denied". */
export function describeFsError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'ENOSPC':
      return 'no space left on device';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
