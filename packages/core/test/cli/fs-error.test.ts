import { describeReadError, readFailure } from '../../src/cli/fs-error';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: boom`), { code });

describe('describeReadError', () => {
  it.each([
    ['ENOENT', 'no such file or directory'],
    ['EISDIR', 'is a directory, expected a file'],
    ['EACCES', 'permission denied'],
    ['EMFILE', 'emfile'],
  ])('%s reads as `%s`', (code, expected) => {
    expect(describeReadError(errno(code))).toBe(expected);
  });

  it('keeps the first line of an error without a code', () => {
    expect(describeReadError(new Error('stream closed\nat somewhere'))).toBe('stream closed');
  });
});

describe('readFailure: what every command says after `FILE: `', () => {
  it.each([
    ['ENOENT', 'no such file or directory'],
    ['EISDIR', 'is a directory, expected a file'],
    ['EDEVICE', 'is a device, expected a file'],
    ['ENXIO', 'is a socket, expected a file'],
    ['EACCES', 'cannot read: permission denied'],
    ['ELOOP', 'cannot read: too many symbolic links (a link that points to itself?)'],
    ['ENAMETOOLONG', 'cannot read: the file name is too long'],
  ])('%s reads as `%s`', (code, expected) => {
    expect(readFailure(errno(code))).toBe(expected);
  });
});
