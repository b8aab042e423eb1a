/** Types of scripts/build-validators.js, for the tests that check the generated validators. */
import type Ajv from 'ajv';

/** One generated validator module: its schema, ajv options, and the exports it compiles. */
export interface ValidatorSpec {
  readonly module: string;
  readonly schema: string;
  readonly options: Record<string, unknown>;
  prepare(ajv: Ajv, schema: unknown): Record<string, string>;
}

/** The validators the build generates. */
export declare const VALIDATORS: readonly ValidatorSpec[];
/** The hash of what a generated module is made from (generator, schema, ajv version). */
export declare function sourceHash(spec: ValidatorSpec): string;
/** The hash recorded in a generated module, if it exists. */
export declare function recordedHash(spec: ValidatorSpec): string | undefined;
