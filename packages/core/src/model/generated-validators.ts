/**
 * Loading the schema validators that scripts/build-validators.js generates into `generated/`
 * (ajv standalone code): loading them costs a few milliseconds where compiling the schemas at
 * run time cost 150-250, and ajv itself is never loaded.
 */

/** The exports of `generated/<file>`, for the caller to type; a clear error when the build has not run. */
export function loadGeneratedValidators(file: string): unknown {
  // src/ and dist/ are at the same depth, so the same relative path serves tests and the build.
  const path = `../../generated/${file}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated CommonJS, untyped
    return require(path) as unknown;
  } catch (error) {
    // Only the generated file itself being absent means the build did not run.
    const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String(error).includes(path);
    if (!missing) throw error;
    throw new Error(`the generated schema validator \`${file}\` is missing: run \`npm run build\``);
  }
}
