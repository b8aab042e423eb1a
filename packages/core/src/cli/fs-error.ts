/** Why a file could not be read, in words a user knows (not an errno code). */
export function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case undefined:
      return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : 'unknown error';
    default:
      return code.toLowerCase();
  }
}
