import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { isatty } from 'node:tty';

/** Error code of an input that names a device (`/dev/zero`), which is no file to read. */
export const DEVICE = 'EDEVICE';

/** Why a file could not be read, in words a user knows (not an errno code). */
export function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case DEVICE:
      return 'is a device, expected a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENXIO':
      return 'is a socket, expected a file';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a directory';
    case 'ELOOP':
      return 'too many symbolic links (a link that points to itself?)';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    case undefined:
      return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : 'unknown error';
    default:
      return code.toLowerCase();
  }
}

/**
 * What every command says after `FILE: ` of an input it cannot read, in the same words whatever
 * the command: what the path is instead of a file says so alone (`is a device, expected a file`),
 * anything else follows `cannot read: `.
 */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = describeReadError(error);
  return code === 'ENOENT' || code === 'EISDIR' || code === DEVICE || code === 'ENXIO' ? why : `cannot read: ${why}`;
}

/** Why a file could not be written, in words a user knows (not an errno code). */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EISDIR':
      return 'is a directory, expected a file name';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a directory';
    case 'ENOENT':
      return 'its directory does not exist and cannot be created';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left on the device';
    case 'ENAMETOOLONG':
      return 'the file name is too long';
    case undefined:
      return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : 'unknown error';
    default:
      return ((error as Error).message.split('\n')[0] ?? code).replace(/^[A-Z]+: /, '');
  }
}

/**
 * Whether an open descriptor is a device other than a terminal: `/dev/zero` or `/dev/urandom`
 * never end, so reading one would never end either. A pipe (`<(terraform show -json tfplan)`,
 * `/dev/stdin` fed by a pipe) and a terminal are read as streams.
 */
export function isDevice(fd: number, stats: Stats = fstatSync(fd)): boolean {
  if (stats.isBlockDevice()) return true;
  // `/dev/null` ends at once: read, it is an empty input (`tf-scan - < /dev/null`), said so as an empty file is.
  return stats.isCharacterDevice() && !isatty(fd) && stats.rdev !== nullDevice();
}

let nullDeviceId: number | undefined;
/** The device number of `/dev/null` (-1 where there is none). */
function nullDevice(): number {
  if (nullDeviceId === undefined) {
    try {
      nullDeviceId = statSync('/dev/null').rdev;
    } catch {
      nullDeviceId = -1;
    }
  }
  return nullDeviceId;
}

/** The error `readInputFile` throws for a device. */
export function deviceError(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${path}: is a device`), { code: DEVICE });
}

/**
 * The bytes of an input file, as `readFileSync` reads them, refusing a device (see `isDevice`)
 * with an error of code `DEVICE` instead of reading forever.
 */
export function readInputFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    if (isDevice(fd)) throw deviceError(path);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Refuses standard input when it is redirected from a device (`< /dev/zero`), before it is read. */
export function checkStdin(): void {
  let device = false;
  try {
    device = isDevice(0);
  } catch {
    // No descriptor 0 to inspect: reading will tell.
  }
  if (device) throw deviceError('<stdin>');
}
