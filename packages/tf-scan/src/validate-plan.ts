/** Checks that a parsed file is `terraform show -json` output that tf-scan understands. */
import { describeFound, escapePointerToken, inputKindOf, pointerTokens, wrongInputMessage } from '@iamgate/core';
import type { ValidateFunction } from 'ajv';
import type { InputError } from '@iamgate/core';
import type { PlanJson } from './plan-types';

/** Major versions of the JSON output format this adapter reads. */
export const SUPPORTED_FORMAT_MAJORS: readonly number[] = [0, 1];

let compiled: ValidateFunction | undefined;
let byType: Readonly<Record<string, ValidateFunction | undefined>> | undefined;
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

/** The validator of the attributes extraction reads of a resource type (plan-schema.json `attributes`), if any. */
function attributesOf(type: unknown): ValidateFunction | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated CommonJS, untyped
  byType ??= require('../generated/plan-validator.js') as Record<string, ValidateFunction | undefined>;
  return typeof type === 'string' && type.startsWith('aws_') && Object.hasOwn(byType, type) ? byType[type] : undefined;
}

/**
 * The first resource whose attributes extraction reads have a type Terraform never writes there
 * (`policy_id: 5`, a statement's `actions: "s3:*"`): read as absent, it would pass the plan unseen.
 * Or the first change of an object listed twice. Walked apart from the schema, a validator picked
 * by the resource's type (an `if` a type in the schema cost 30 times the whole check).
 */
function checkResources(file: string, plan: Record<string, unknown>): InputError | undefined {
  // Pointers are built only for the error: a plan of 50,000 resources has none.
  const check = (type: unknown, values: unknown, pointer: () => string): InputError | undefined => {
    const validate = attributesOf(type);
    // Absent (`before` of a plan written by hand): the plan schema says where it is required.
    if (values === undefined || validate === undefined || validate(values)) return undefined;
    const issue = validate.errors?.[0];
    const message =
      issue === undefined
        ? 'unexpected shape'
        : describeIssue(issue.keyword, issue.params, issue.message, () => valueAt(values, issue.instancePath));
    return {
      file,
      pointer: `${pointer()}${issue?.instancePath ?? ''}`,
      // Every type checked starts with `aws_` (attributesOf), read aloud with a vowel: `an`.
      message: `not a Terraform plan: in an \`${String(type)}\`, ${message}`,
    };
  };
  const roots = rootModulesOf(plan);
  // The schema has checked the shapes walked here; the nesting is bounded (checkNesting).
  for (const [root, pointer] of roots) {
    const stack: [unknown, string][] = [[root, pointer]];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const [module, at] = item;
      const resources = member(module, 'resources');
      if (Array.isArray(resources))
        for (let i = 0; i < resources.length; i += 1) {
          const resource: unknown = resources[i];
          const error = check(
            member(resource, 'type'),
            member(resource, 'values'),
            () => `${at}/resources/${i}/values`,
          );
          if (error !== undefined) return error;
        }
      const children = member(module, 'child_modules');
      if (Array.isArray(children)) children.forEach((child, i) => stack.push([child, `${at}/child_modules/${i}`]));
    }
  }
  // Terraform lists an address once, and again only for each deposed object (`deposed`): a second
  // change of the same object would be read as one of the two, the other never checked.
  const listedAt = new Map<string, number>();
  const listed = plan['resource_changes'];
  const changes: unknown[] = Array.isArray(listed) ? listed : [];
  for (let i = 0; i < changes.length; i += 1) {
    const change = changes[i];
    const address = member(change, 'address');
    // A change of a type no scan reads stands unread, its address left empty (read-plan.ts).
    if (typeof address === 'string' && address !== '') {
      const deposed = member(change, 'deposed');
      const key = typeof deposed === 'string' ? `${address}\u0000${deposed}` : address;
      const first = listedAt.get(key);
      if (first !== undefined)
        return {
          file,
          pointer: `/resource_changes/${i}/address`,
          message: `not a Terraform plan: \`${address}\` is listed twice in \`resource_changes\` (also at /resource_changes/${first})`,
        };
      listedAt.set(key, i);
    }
    const error = checkChange(change, () => `/resource_changes/${i}`);
    if (error !== undefined) return error;
  }
  const deferred = plan['deferred_changes'];
  if (Array.isArray(deferred))
    for (let i = 0; i < deferred.length; i += 1) {
      const error = checkChange(member(deferred[i], 'resource_change'), () => `/deferred_changes/${i}/resource_change`);
      if (error !== undefined) return error;
    }
  return undefined;

  function checkChange(change: unknown, at: () => string): InputError | undefined {
    const type = member(change, 'type');
    if (attributesOf(type) === undefined) return undefined;
    const sides = member(change, 'change');
    return (
      check(type, member(sides, 'before'), () => `${at()}/change/before`) ??
      check(type, member(sides, 'after'), () => `${at()}/change/after`)
    );
  }
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
  const other = otherCommandsInput(file, value) ?? notAPlan(value as Record<string, unknown>);
  if (other !== undefined) return { ok: false, error: { file, pointer: '', message: other } };
  const version = (value as { format_version?: unknown }).format_version;
  const nested = version === undefined ? nestedPlan(value as Record<string, unknown>) : undefined;
  if (nested !== undefined) {
    const select = /^[A-Za-z_]\w*$/.test(nested) ? `.${nested}` : `.[${JSON.stringify(nested)}]`;
    return {
      ok: false,
      error: {
        file,
        pointer: `/${escapePointerToken(nested)}`,
        message: `a plan nested in another document (as policy engines wrap their input), not the output of \`terraform show -json\` itself: scan the plan alone (\`jq '${select}'\`)`,
      },
    };
  }
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
  // Before the schema, whose validator recurses into modules as deep as they go.
  const nesting = checkNesting(file, value as Record<string, unknown>);
  if (nesting !== undefined) return { ok: false, error: nesting };
  const shape = validateShape(value);
  if (!shape.ok) {
    const issue = shape.errors?.[0];
    const pointer = issue?.instancePath ?? '';
    const message =
      issue === undefined
        ? 'unexpected shape'
        : // The schema's `then`: a change that creates or updates an object shows it.
          issue.schemaPath.includes('/then/')
          ? 'a change whose actions create or update the object must show it in `after`, found null'
          : describeIssue(issue.keyword, issue.params, issue.message, () => valueAt(value, pointer));
    return { ok: false, error: { file, pointer, message: `not a Terraform plan: ${message}` } };
  }
  const attributes = checkResources(file, value as Record<string, unknown>);
  if (attributes !== undefined) return { ok: false, error: attributes };
  return { ok: true, plan: value as unknown as PlanJson };
}

/**
 * What a file another iamgate command reads says instead of a missing `format_version`: a
 * CloudFormation template or cloud assembly manifest (`cdk-guard`), a policy document (`iamgate lint`).
 */
function otherCommandsInput(file: string, value: unknown): string | undefined {
  const kind = inputKindOf(value);
  return kind === undefined || kind === 'terraform-plan' || kind === 'terraform-state'
    ? undefined
    : wrongInputMessage(kind, file, 'a Terraform plan');
}

/** What to scan instead of a file that is not a plan: a plan saved, then shown as JSON. */
const SCAN_A_PLAN = 'save a plan with `terraform plan -out tfplan` and scan `terraform show -json tfplan`';

/**
 * Whether a JSON object is one message of the machine-readable log `terraform plan -json` (or
 * `apply -json`) prints, one a line: each has `@level`, `@message` and a `type`.
 */
export function isUiMessage(value: Readonly<Record<string, unknown>>): boolean {
  return typeof value['@message'] === 'string' && typeof value['@level'] === 'string' && 'type' in value;
}

/** What a JSON object that is not a plan holds, told by its members, with what to scan instead. */
export const UI_LOG_MESSAGE = `the machine-readable log of \`terraform plan -json\` (one message a line), not a plan: ${SCAN_A_PLAN}`;

/** Whether `format_version` is one this adapter reads (the checks of `validatePlan` say what is wrong with another). */
function isSupportedVersion(version: unknown): boolean {
  return (
    typeof version === 'string' &&
    /^\d+\.\d+/.test(version) &&
    SUPPORTED_FORMAT_MAJORS.includes(Number(version.split('.')[0]))
  );
}

/**
 * Why a JSON object Terraform wrote is no plan, with what to scan instead; `undefined` for a plan
 * (or anything else, left to the checks that follow). A state shows what exists, not what a plan
 * changes: scanning one instead of the plan would pass a pull request whatever it adds.
 * `terraform show -json` writes `planned_values` in every plan, and never in a state (whose
 * resources are in `values`, absent when the state is empty).
 */
function notAPlan(value: Readonly<Record<string, unknown>>): string | undefined {
  if (isUiMessage(value)) return UI_LOG_MESSAGE;
  // HCP Terraform's API answers with JSON:API documents: a plan's record is not its JSON output.
  const data = value['data'];
  if (
    value['format_version'] === undefined &&
    typeof data === 'object' &&
    data !== null &&
    typeof (data as Record<string, unknown>)['type'] === 'string' &&
    'attributes' in data
  )
    return `a record of the HCP Terraform API (\`${String((data as Record<string, unknown>)['type'])}\`), not a plan: download the plan's \`json-output\` (\`GET /api/v2/plans/PLAN_ID/json-output\`), or scan \`terraform show -json\` of a saved plan`;
  // The configuration alone, as `tofu show -json -config` (or `-module=DIR`) writes it: no plan in it.
  if (
    typeof value['root_module'] === 'object' &&
    !['planned_values', 'resource_changes', 'values', 'configuration'].some((k) => k in value)
  )
    return `the configuration as \`tofu show -json -config\` (or \`-module=DIR\`) shows it, not a plan: scan the .tf files with \`tf-scan --hcl DIR\`, or ${SCAN_A_PLAN}`;
  if (value['format_version'] === undefined && typeof value['version'] === 'number' && 'lineage' in value)
    return `a Terraform state file (\`terraform.tfstate\`), not a plan: ${SCAN_A_PLAN}`;
  if (
    isSupportedVersion(value['format_version']) &&
    !('planned_values' in value) &&
    !('resource_changes' in value) &&
    !('configuration' in value)
  )
    return `the state as \`terraform show -json\` shows it without a plan file (what exists, not what a plan changes): ${SCAN_A_PLAN}`;
  return undefined;
}

/**
 * The member of a document without `format_version` that holds a plan (`{"plan": {...}}`, as
 * policy engines and their test inputs wrap one): an object with a format version or changes,
 * beside planned values or a configuration. `undefined` when there is none.
 */
function nestedPlan(value: Readonly<Record<string, unknown>>): string | undefined {
  for (const [key, member] of Object.entries(value)) {
    if (typeof member !== 'object' || member === null || Array.isArray(member)) continue;
    const inner = member as Record<string, unknown>;
    const versioned = typeof inner['format_version'] === 'string';
    const changes = Array.isArray(inner['resource_changes']);
    if ((versioned && (changes || 'planned_values' in inner || 'configuration' in inner)) || changes) return key;
  }
  return undefined;
}

/**
 * Deepest nesting accepted in `configuration`. Terraform writes a level per module call, block
 * and value of a constant, far below this; extraction walks the configuration recursively.
 */
const MAX_CONFIGURATION_DEPTH = 256;

/** The modules of the values trees nested no deeper than the limit, then the configuration checked. */
function checkNesting(file: string, plan: Record<string, unknown>): InputError | undefined {
  const roots = rootModulesOf(plan);
  for (const [root, pointer] of roots) {
    const stack: [unknown, string, number][] = [[root, pointer, 0]];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const [module, at, depth] = item;
      if (depth > MAX_CONFIGURATION_DEPTH)
        return {
          file,
          pointer: at,
          message: `not a Terraform plan: modules nested deeper than ${MAX_CONFIGURATION_DEPTH} levels`,
        };
      const children = member(module, 'child_modules');
      if (Array.isArray(children))
        children.forEach((child, i) => stack.push([child, `${at}/child_modules/${i}`, depth + 1]));
    }
  }
  return checkConfiguration(file, plan['configuration']);
}

/** The root modules of a plan's values trees (planned, state shown, prior state), each with its pointer. */
function rootModulesOf(plan: Record<string, unknown>): [unknown, string][] {
  return [
    [member(plan['planned_values'], 'root_module'), '/planned_values/root_module'],
    [member(plan['values'], 'root_module'), '/values/root_module'],
    [member(member(plan['prior_state'], 'values'), 'root_module'), '/prior_state/values/root_module'],
  ];
}

function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * What the schema leaves open in `configuration` and extraction relies on: a bounded depth, and
 * `references` lists of strings (anywhere, as extraction looks for them at every level). Walked
 * with an explicit stack, so that no depth overflows it here. The plan reader asks it too, before
 * it looks for the references of the configuration.
 */
export function checkConfiguration(file: string, configuration: unknown): InputError | undefined {
  // Pointers are built only for the error, from each node's way up: most configurations have none.
  const stack: Visit[] = [{ node: configuration, key: 'configuration', up: undefined, depth: 0, constant: false }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const { node, depth, constant } = visit;
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_CONFIGURATION_DEPTH)
      return {
        file,
        pointer: pointerOf(visit),
        message: `not a Terraform plan: nested deeper than ${MAX_CONFIGURATION_DEPTH} levels`,
      };
    const isArray = Array.isArray(node);
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (key === 'references' && !isArray) {
        const strings = Array.isArray(child) && (child as unknown[]).every((r) => typeof r === 'string');
        // Inside a constant, `references` is a user's key: only a list of it is read (as references).
        if (!strings && (!constant || Array.isArray(child)))
          return {
            file,
            pointer: pointerOf({ node: child, key, up: visit, depth: depth + 1, constant }),
            message: 'not a Terraform plan: expected `references` to be an array of strings',
          };
        continue;
      }
      if (child !== null && typeof child === 'object')
        stack.push({ node: child, key, up: visit, depth: depth + 1, constant: constant || key === 'constant_value' });
    }
  }
  return undefined;
}

/** A node of the configuration met in `checkConfiguration`, with the way back up. */
interface Visit {
  readonly node: unknown;
  readonly key: string;
  readonly up: Visit | undefined;
  readonly depth: number;
  readonly constant: boolean;
}

function pointerOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | undefined = visit; at !== undefined; at = at.up) keys.push(escapePointerToken(at.key));
  return '/' + keys.reverse().join('/');
}

/** The value at `pointer` in `root` (the schema's `instancePath`), `undefined` where there is none. */
function valueAt(root: unknown, pointer: string): unknown {
  let at = root;
  for (const token of pointerTokens(pointer))
    at = Array.isArray(at) ? (at as unknown[])[Number(token)] : member(at, token);
  return at;
}

/** The schema's issue in words; a value of the wrong type is named beside the types expected (`found number \`42\``). */
function describeIssue(
  keyword: string,
  params: Record<string, unknown>,
  message: string | undefined,
  found: () => unknown,
): string {
  if (keyword === 'required') return `missing \`${String(params['missingProperty'])}\``;
  if (keyword === 'type') {
    const types = [params['type']].flat().map(String);
    return `expected ${types.length > 1 ? `${types.slice(0, -1).join(', ')} or ${types.at(-1) ?? ''}` : (types[0] ?? '')}, found ${describeFound(found())}`;
  }
  if (keyword === 'maximum' || keyword === 'minimum')
    return `number out of range: expected ${keyword === 'maximum' ? 'at most' : 'at least'} ${String(params['limit'])}`;
  if (keyword === 'enum')
    return `expected one of ${(params['allowedValues'] as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`;
  return message ?? keyword;
}
