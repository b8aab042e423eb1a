/**
 * A file of a configuration (or the `--hcl` folder itself) that cannot be read as one: reported as
 * every bad input is, `FILE: what is wrong`, rather than as a failure of the command.
 */
export class HclInputError extends Error {
  constructor(
    /** The file or folder as the user named it (under the `--hcl` folder as given). */
    readonly file: string,
    /** What is wrong, after `FILE: ` (a line and column first when the file has one). */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/**
 * A syntax error as JSON's and YAML's are said (`invalid HCL at line 3, column 16: ...`), from the
 * parser's diagnostic (`Summary; Detail.`) with its first letter lowercased.
 */
export function invalidHcl(line: string, column: string, diagnostic: string): string {
  return `invalid HCL at line ${line}, column ${column}: ${diagnostic.charAt(0).toLowerCase()}${diagnostic.slice(1)}`;
}
