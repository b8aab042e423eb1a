/** Checks that a parsed file is `terraform show -json` output that tf-scan understands. */
import type { ValidateFunction } from 'ajv';
import type { InputError } from '@iamgate/core';
import type { PlanJson } from './plan-types';

/** Major versions of the JSON output format this adapter reads. */
export const SUPPORTED_FORMAT_MAJORS: readonly number[] = [0, 1];

let compiled: ValidateFunction | undefined;
/**
 * Checks plan-schema.json. The validator is compiled at build time (scripts/build-validators.js,
 * ajv standalone code): compiling it at run time cost more than scanning a small plan. Loaded on
 * first use, so that loading the module costs nothing.
 */
function validateShape(value: unknown): { ok: boolean; errors: ValidateFunction['errors'] } {
  // src/ and dist/ are at the same depth, so the same relative path serves tests and the build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated CommonJS, untyped
  compiled ??= (require('../generated/plan-validator.js') as { plan: ValidateFunction }).plan;
  const ok = compiled(value);
  return { ok, errors: compiled.errors };
}

/** The plan with its type, or the first problem with a JSON pointer. */
export function validatePlan(
  file: string,
  value: unknown,
): { ok: true; plan: PlanJson } | { ok: false; error: InputError } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return {
      ok: false,
      error: { file, pointer: '', message: `expected a JSON object from \`terraform show -json\`, found ${found}` },
    };
  }
  const version = (value as { format_version?: unknown }).format_version;
  if (version === undefined) {
    return {
      ok: false,
      error: {
        file,
        pointer: '/format_version',
        message: 'missing `format_version`: not the output of `terraform show -json`',
      },
    };
  }
  if (typeof version === 'string') {
    const major = Number(version.split('.')[0]);
    if (/^\d+\.\d+/.test(version) && !SUPPORTED_FORMAT_MAJORS.includes(major)) {
      return {
        ok: false,
        error: {
          file,
          pointer: '/format_version',
          message: `unsupported format_version \`${version}\`: tf-scan reads versions 0.x and 1.x`,
        },
      };
    }
  }
  const shape = validateShape(value);
  if (!shape.ok) {
    const issue = shape.errors?.[0];
    const pointer = issue?.instancePath ?? '';
    const message =
      issue === undefined ? 'unexpected shape' : describeIssue(issue.keyword, issue.params, issue.message);
    return { ok: false, error: { file, pointer, message: `not a Terraform plan: ${message}` } };
  }
  return { ok: true, plan: value as unknown as PlanJson };
}

function describeIssue(keyword: string, params: Record<string, unknown>, message: string | undefined): string {
  if (keyword === 'required') return `missing \`${String(params['missingProperty'])}\``;
  if (keyword === 'type') return `expected ${String(params['type']).replace(',', ' or ')}`;
  if (keyword === 'enum')
    return `expected one of ${(params['allowedValues'] as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`;
  return message ?? keyword;
}
