import { describeReadError } from '../../src/cli/fs-error';

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
