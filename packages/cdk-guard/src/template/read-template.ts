/**
 * Reading CloudFormation templates: JSON, or YAML with the short-form intrinsics (`!Ref`,
 * `!GetAtt a.b`, `!Sub`, ...) turned into their long form. Problems are input errors, never thrown.
 */
import { LineCounter, Pair, Scalar, YAMLMap, isScalar, parseDocument, visit } from 'yaml';
import type { Document, YAMLSeq } from 'yaml';
import type { ScalarTag, CollectionTag } from 'yaml';
import { escapePointerToken, inputKindOf, lowerInitial, parseJsonText, wrongInputMessage } from '@iamgate/core';
import type { InputError } from '@iamgate/core';
import { isRecord } from '../resolve/values';
import { expandProperties, expandSection, hasForEach, hasNestedForEach } from './language-extensions';
import { jsonResourceLines, yamlResourceLines } from './resource-lines';
import type { ResourceLines } from './resource-lines';
import { transformedFrom } from './includes';
import { recordJsonDuplicates, recordYamlDuplicates } from './duplicate-keys';

/**
 * A parsed template with the line of each resource in its text (a resource a `Fn::ForEach` loop
 * makes: the line of the loop), or why it is not one.
 */
export type ParsedTemplate =
  { ok: true; template: Record<string, unknown>; lines: ResourceLines } | { ok: false; error: InputError };

const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'GetStackOutput',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'If',
  'Equals',
  'And',
  'Or',
  'Not',
  'Length',
  'ToJsonString',
  // The rule functions of the `Rules` section (`Assertions`, `RuleCondition`).
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
] as const;

function longName(tag: string): string {
  return tag === 'Ref' || tag === 'Condition' ? tag : `Fn::${tag}`;
}

// One scalar and one collection tag per short form: `!Sub 'x'` and `!Sub [x, {..}]` are both valid.
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = ['Ref', 'Condition', ...FUNCTIONS].flatMap((name) => {
  const key = longName(name);
  const scalar: ScalarTag = {
    tag: `!${name}`,
    resolve: (value: string) => {
      if (name === 'GetAtt') {
        const i = value.indexOf('.');
        return { [key]: i < 0 ? [value] : [value.slice(0, i), value.slice(i + 1)] };
      }
      return { [key]: value };
    },
  };
  // The function as the map `{ <key>: <collection> }` of the document, not its plain value: the
  // collection keeps its nodes (where each key is written, keys given twice) and aliases in it
  // resolve as anywhere else.
  const wrap = (value: YAMLMap | YAMLSeq): YAMLMap => {
    const call = new YAMLMap();
    call.items.push(new Pair(new Scalar(key), value));
    return call;
  };
  const seq: CollectionTag = { tag: `!${name}`, collection: 'seq', resolve: wrap };
  const map: CollectionTag = { tag: `!${name}`, collection: 'map', resolve: wrap };
  return [scalar, seq, map];
});

/**
 * CloudFormation reads YAML 1.1, where a plain `yes`, `no`, `on` or `off` (in any of their three
 * casings) is a boolean, which it passes on as `"true"` or `"false"` (`aws:SecureTransport: no`
 * is the `"false"` of a `Bool` condition), and where a plain number with a leading zero is octal
 * when its digits allow (`012345670123`, an account id unquoted, is 1402433619) and a string
 * otherwise (`012345678901`). YAML 1.2 reads both as a string and a decimal: these resolve them as
 * CloudFormation does, ahead of the YAML 1.2 core schema.
 */
const YAML_1_1_SCALARS: ScalarTag[] = [
  {
    tag: 'tag:yaml.org,2002:bool',
    default: true,
    test: /^(?:[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF)$/,
    resolve: (value: string) => /^(?:[Yy]es|YES|[Oo]n|ON)$/.test(value),
  },
  {
    tag: 'tag:yaml.org,2002:int',
    default: true,
    test: /^[-+]?0[0-7_]+$/,
    resolve: (value: string) => (value.startsWith('-') ? -1 : 1) * parseInt(value.replace(/[-+_]/g, ''), 8),
  },
  { tag: 'tag:yaml.org,2002:str', default: true, test: /^[-+]?0[0-9_]+$/, resolve: (value: string) => value },
];

/** Parses of a template at most, each reading its flow closers at their block's indentation one space deeper. */
const MAX_PARSES = 8;

const FLOW_CLOSER = /^\s*[}\]][\s}\],]*(#.*)?$/;

/**
 * Parses YAML text. A line holding only the end of a flow collection (`}]`) written at the
 * indentation of the key that opened it (JSON pasted into YAML: `Statements: [{` ... `}]`) is
 * rejected by the YAML specification but accepted by CloudFormation and SAM; such lines (every
 * one the parser reports, then again for those the fix reveals) are read one space deeper, which
 * changes nothing else.
 */
function parseYaml(text: string): { document: ReturnType<typeof parseDocument>; lineCounter: LineCounter } {
  const lines = text.split('\n');
  for (let parses = 1; ; parses++) {
    const lineCounter = new LineCounter();
    const document = parseDocument(lines.join('\n'), {
      customTags: (tags) => [...YAML_1_1_SCALARS, ...tags, ...CUSTOM_TAGS],
      // Merge keys (`<<: *base`), as YAML 1.1 and the tools that package templates read them.
      merge: true,
      uniqueKeys: false,
      prettyErrors: true,
      lineCounter,
    });
    const closers = document.errors
      .filter((e) => e.code === 'BAD_INDENT')
      .map((e) => (e.linePos?.[0].line ?? 0) - 1)
      .filter((index) => FLOW_CLOSER.test(lines[index] ?? ''));
    if (parses >= MAX_PARSES || closers.length === 0) return { document, lineCounter };
    for (const index of new Set(closers)) lines[index] = ' ' + (lines[index] as string);
  }
}

/**
 * A comment right after a quoted value or a flow collection (`'...:function:audit'#note`): the
 * YAML specification wants a space before `#`, but the parsers CloudFormation and its tools are
 * built on (PyYAML's family) read it as a comment, and so does this one once the error is passed over.
 */
function isUnspacedComment(error: { code: string; message: string }): boolean {
  return error.code === 'MISSING_CHAR' && error.message.startsWith('Comments must be separated from other tokens');
}

/** How a template is read. */
export interface ParseOptions {
  /**
   * The template of a stack CDK synthesized: one without resources (an empty `Stack`) is a stack
   * the CDK CLI does not deploy ("stack has no resources, skipping deployment"), read as empty.
   */
  readonly synthesized?: boolean;
}

/** Parses template text; `file` names it in errors. */
export function parseTemplate(file: string, text: string, options: ParseOptions = {}): ParsedTemplate {
  const trimmed = text.replace(/^\uFEFF/, '');
  if (trimmed.trim() === '')
    return { ok: false, error: { file, message: 'is empty, expected a CloudFormation template' } };
  let value: unknown;
  let lines: ResourceLines;
  if (/^\s*[{[]/.test(trimmed)) {
    const parsed = parseJsonText(trimmed);
    if (!parsed.ok) return { ok: false, error: { file, message: parsed.message } };
    value = parsed.value;
    lines = jsonResourceLines(trimmed);
    if (isRecord(value)) recordJsonDuplicates(trimmed, value);
  } else {
    const { document, lineCounter } = parseYaml(trimmed);
    // An unknown short form (`!Frobnicate`) would be read as a plain value: CloudFormation rejects it.
    const problem =
      document.errors.find((e) => !isUnspacedComment(e)) ??
      document.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (problem !== undefined) {
      const where = problem.linePos?.[0];
      const at = where ? ` at line ${where.line}, column ${where.col}` : '';
      const tag =
        problem.code === 'TAG_RESOLVE_FAILED' ? /Unresolved tag: (\S+)/.exec(problem.message)?.[1] : undefined;
      // The parser's own message ends with where it is (` at line 6, column 1:`), said once in front.
      const what =
        tag === undefined
          ? plainYamlProblem(firstLine(problem.message).replace(/ at line \d+, column \d+:?$/, ''))
          : `unknown intrinsic function \`${tag}\`${tag.startsWith('!Rain::') ? RAIN_HINT : ''}`;
      return { ok: false, error: { file, message: `invalid YAML${at}: ${what}` } };
    }
    // A key that is not a string (`[a]: x`, `!Ref X: y`) has no JSON form: CloudFormation rejects it.
    const key = complexKey(document);
    if (key !== undefined) {
      const { line, col } = lineCounter.linePos(key);
      return {
        ok: false,
        error: { file, message: `invalid YAML at line ${line}, column ${col}: a mapping key must be a plain string` },
      };
    }
    lines = yamlResourceLines(document, lineCounter);
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      return { ok: false, error: { file, message: `invalid YAML: ${plainYamlProblem(firstLine(err))}` } };
    }
    if (isRecord(value)) recordYamlDuplicates(document, value);
  }
  if (!isRecord(value))
    return {
      ok: false,
      error: { file, pointer: '', message: 'expected a CloudFormation template (a JSON or YAML object)' },
    };
  // Local modules are expanded by `aws cloudformation package`; CloudFormation rejects the sections.
  const moduleSection = ['Modules', 'Inputs'].find((name) => name in value);
  if (moduleSection !== undefined)
    return {
      ok: false,
      error: {
        file,
        pointer: `/${moduleSection}`,
        message: `\`${moduleSection}\` is no section of a CloudFormation template${LOCAL_MODULE_HINT}`,
      },
    };
  // A directive of Rain written in its long form (`{"Rain::Embed": path}`): CloudFormation rejects it.
  const rain = rainDirective(value);
  if (rain !== undefined)
    return {
      ok: false,
      error: { file, pointer: rain.pointer, message: `unknown intrinsic function \`${rain.name}\`${RAIN_HINT}` },
    };
  const deep = deeplyNestedFunction(value);
  if (deep !== undefined)
    return {
      ok: false,
      error: {
        file,
        pointer: deep,
        message: `intrinsic functions nest more than ${String(MAX_FUNCTION_NESTING)} deep here: iamgate reads at most ${String(MAX_FUNCTION_NESTING)} (a value it cannot read could be \`*\`)`,
      },
    };
  if (value['Resources'] === undefined && options.synthesized === true) value['Resources'] = {};
  const resources = value['Resources'];
  if (resources === undefined) {
    // CloudFormation requires `Resources`: a version and a description alone deploy nothing and would pass silently.
    if ('AWSTemplateFormatVersion' in value) {
      return {
        ok: false,
        error: { file, pointer: '/Resources', message: '`Resources` is required in a CloudFormation template' },
      };
    }
    // A file another iamgate command reads (a Terraform plan) or writes (a report) names that command.
    const kind = inputKindOf(value);
    const elsewhere =
      kind === undefined || kind === 'policy-document'
        ? undefined
        : wrongInputMessage(kind, file, 'a CloudFormation template');
    return {
      ok: false,
      error: {
        file,
        pointer: '',
        message: elsewhere ?? `not a CloudFormation template: no \`Resources\` section${sourceOfTemplate(value)}`,
      },
    };
  }
  if (!isRecord(resources)) {
    return { ok: false, error: { file, pointer: '/Resources', message: '`Resources` must be an object' } };
  }
  const sections = (['Conditions', 'Resources', 'Outputs'] as const).filter((name) => {
    const section = value[name];
    return isRecord(section) && hasForEach(section);
  });
  const inProperties = Object.values(resources).some(
    (body) => isRecord(body) && hasNestedForEach(body['Properties'], 0),
  );
  if (sections.length === 0 && !inProperties) return parseExpanded(file, value, lines);
  let parameters: Record<string, unknown> = isRecord(value['Parameters']) ? value['Parameters'] : {};
  const expandedTemplate: Record<string, unknown> = { ...value };
  const loops = new Map<string, string>();
  for (const name of sections) {
    const mappings = isRecord(value['Mappings']) ? value['Mappings'] : {};
    const expanded = expandSection(
      value[name] as Record<string, unknown>,
      name,
      parameters,
      mappings,
      name === 'Resources' ? loops : undefined,
    );
    if (!expanded.ok) return { ok: false, error: { file, pointer: expanded.pointer, message: expanded.message } };
    parameters = { ...parameters, ...expanded.parameters };
    expandedTemplate[name] = expanded.resources;
  }
  if (inProperties) {
    const mappings = isRecord(value['Mappings']) ? value['Mappings'] : {};
    const expanded = expandProperties(expandedTemplate['Resources'] as Record<string, unknown>, parameters, mappings);
    if (!expanded.ok) return { ok: false, error: { file, pointer: expanded.pointer, message: expanded.message } };
    parameters = { ...parameters, ...expanded.parameters };
    expandedTemplate['Resources'] = expanded.resources;
  }
  // A resource a loop makes is declared by the loop.
  const written = lines;
  const expandedLines = new Map<string, number>();
  for (const id of Object.keys(expandedTemplate['Resources'] as Record<string, unknown>)) {
    const line = written.get(loops.get(id) ?? id);
    if (line !== undefined) expandedLines.set(id, line);
  }
  return parseExpanded(file, { ...expandedTemplate, Parameters: parameters }, expandedLines);
}

/** The checks of each resource, on a template whose loops are expanded. */
function parseExpanded(file: string, value: Record<string, unknown>, lines: ResourceLines): ParsedTemplate {
  const resources = value['Resources'] as Record<string, unknown>;
  for (const [id, body] of Object.entries(resources)) {
    const at = `/Resources/${escapePointerToken(id)}`;
    // `Fn::Transform` (`AWS::Include`, a macro) may give the section's resources, a whole resource
    // or its properties: valid, and reported as not checked when not in the input.
    if (transformedFrom(id === 'Fn::Transform' ? { 'Fn::Transform': body } : body) !== undefined) continue;
    if (!isRecord(body))
      return { ok: false, error: { file, pointer: at, message: `resource \`${id}\` must be an object` } };
    if (typeof body['Type'] !== 'string' || body['Type'] === '') {
      return {
        ok: false,
        error: { file, pointer: `${at}/Type`, message: `resource \`${id}\` has no \`Type\` (a non-empty string)` },
      };
    }
    // Every resource type is `Provider::Service::Resource` (`Custom::Name`): another is rejected,
    // and its resource, read as of an unknown type, would pass silently.
    if (!RESOURCE_TYPE.test(body['Type'])) {
      const hint = body['Type'] === 'LocalModule' ? LOCAL_MODULE_HINT : '';
      return {
        ok: false,
        error: {
          file,
          pointer: `${at}/Type`,
          message: `\`${body['Type']}\` (the type of resource \`${id}\`) is no CloudFormation resource type${hint}`,
        },
      };
    }
    // Properties that are not an object (CloudFormation takes functions in property values only)
    // would be read as a resource without policies: a silent pass.
    const properties = body['Properties'];
    const call =
      isRecord(properties) && transformedFrom(properties) === undefined ? functionName(properties) : undefined;
    if ((properties !== undefined && properties !== null && !isRecord(properties)) || call !== undefined) {
      const found =
        call !== undefined
          ? `the function \`${call}\``
          : Array.isArray(properties)
            ? 'an array'
            : `a ${typeof properties}`;
      return {
        ok: false,
        error: {
          file,
          pointer: `${at}/Properties`,
          message: `\`Properties\` of resource \`${id}\` must be an object, found ${found}`,
        },
      };
    }
  }
  return { ok: true, template: value, lines };
}

/** The offset of the first mapping key that is a collection or a tagged value, if any. */
function complexKey(document: Document): number | undefined {
  let found: number | undefined;
  visit(document, {
    Pair(_, pair) {
      const key = pair.key;
      if (key === null || (isScalar(key) && (key.tag === undefined || key.tag.startsWith('tag:yaml.org,2002:'))))
        return undefined;
      found = (key as { range?: [number, number, number] }).range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return found;
}

/** The intrinsic function an object calls (`Ref`, `Fn::...`, `Condition`), if it is one. */
function functionName(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  return only !== undefined && (only === 'Ref' || only.startsWith('Fn::')) ? only : undefined;
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? message).slice(0, 200);
}

/** The form of a resource type: `AWS::S3::Bucket`, `Custom::Name`, a registry type `Org::Service::Resource::MODULE`. */
const RESOURCE_TYPE = /^[\w@-]+(::[\w@-]+)+$/;

/** What to do with a template that uses local modules (`Type: LocalModule`, a `Modules` section) or is one. */
const LOCAL_MODULE_HINT =
  ' (local modules: run `aws cloudformation package` on the template that uses them and scan the template it writes)';

/** What to do with a template that holds directives of the Rain CLI (`!Rain::Embed`, `!Rain::Module`). */
const RAIN_HINT = ' (a directive of the Rain CLI: run `rain pkg FILE` and scan the template it writes)';

/**
 * The first one-key object whose key is a Rain directive (`Rain::Embed`), with its pointer. Walked
 * with a stack of its own: a template may nest deeper than the call stack goes.
 */
function rainDirective(value: unknown): { name: string; pointer: string } | undefined {
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, pointer] = next;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push([current[i], `${pointer}/${String(i)}`]);
      continue;
    }
    if (!isRecord(current)) continue;
    const keys = Object.keys(current);
    if (keys.length === 1 && keys[0]?.startsWith('Rain::') === true) return { name: keys[0], pointer };
    for (const key of keys.reverse()) pending.push([current[key], `${pointer}/${escapePointerToken(key)}`]);
  }
  return undefined;
}

/**
 * Intrinsic functions nested in one another at most (a `Fn::Join` in a `Fn::Sub` in ...): templates
 * nest a few; the resolver follows this many and more, so a value is never cut short unread.
 */
const MAX_FUNCTION_NESTING = 100;

/**
 * The pointer of the first intrinsic function nested deeper than {@link MAX_FUNCTION_NESTING}, if
 * any. Walked with a stack of its own: a template may nest deeper than the call stack goes.
 */
function deeplyNestedFunction(value: unknown): string | undefined {
  const pending: [unknown, string, number][] = [[value, '', 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, pointer, functions] = next;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push([current[i], `${pointer}/${String(i)}`, functions]);
      continue;
    }
    if (!isRecord(current)) continue;
    const nested = functions + (functionName(current) === undefined ? 0 : 1);
    if (nested > MAX_FUNCTION_NESTING) return pointer;
    for (const key of Object.keys(current).reverse())
      pending.push([current[key], `${pointer}/${escapePointerToken(key)}`, nested]);
  }
  return undefined;
}

/**
 * For a file another tool turns into a CloudFormation template (a Serverless Framework service, an
 * AWS Copilot manifest) or deploys beside templates (a Customizations for Control Tower manifest,
 * a policy document), how to get what to scan; '' otherwise.
 */
function sourceOfTemplate(value: Record<string, unknown>): string {
  if (Array.isArray(value['resources']) && value['resources'].some((r) => isRecord(r) && 'resource_file' in r))
    return ' (a Customizations for Control Tower manifest: scan the templates its `resource_file` entries name, and lint its `scp` and `rcp` policies with `iamgate lint FILE --type scp` or `--type rcp`)';
  if ('Statement' in value)
    return ' (an IAM policy document: lint it with `iamgate lint FILE`, adding `--type scp` for a service control policy)';
  if ('service' in value && isRecord(value['provider']))
    return ' (a Serverless Framework service file: run `serverless package` and scan `.serverless/cloudformation-template-update-stack.json`)';
  if (typeof value['name'] === 'string' && typeof value['type'] === 'string')
    return ` (an AWS Copilot manifest: run \`copilot ${value['type'] === 'Environment' ? 'env' : 'svc'} package --output-dir DIR\` and scan the template it writes)`;
  return '';
}

/** The parser's message, but its own stack running out said as what it is in the file. */
function plainYamlProblem(message: string): string {
  return /call stack/i.test(message) ? 'nested too deeply' : lowerInitial(message);
}
