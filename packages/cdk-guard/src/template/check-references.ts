/**
 * Checks CloudFormation itself makes before it deploys a template, for the mistakes that would
 * otherwise read as a hole and pass silently: an unknown intrinsic function or one written with
 * the wrong arguments (`Fn::If` of two, in a resource, a condition or a rule), a `Ref` /
 * `Fn::GetAtt` / `${...}` naming nothing the template declares, an unknown condition, and a
 * circular dependency between resources. Each is an input error with the JSON pointer of the expression.
 */
import { closestMatch, escapePointerToken } from '@iamgate/core';
import type { InputError } from '@iamgate/core';
import { RESOURCE_ATTRIBUTES } from '../resolve/resource-attributes';
import { RESOURCE_SHAPES } from '../resolve/resource-shapes';
import { isRecord, ownEntry } from '../resolve/values';

/** Intrinsic functions and rule functions CloudFormation knows (`Fn::ForEach::<name>` aside). */
const KNOWN_FUNCTIONS = new Set([
  'Fn::And',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::Contains',
  'Fn::EachMemberEquals',
  'Fn::EachMemberIn',
  'Fn::Equals',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::GetAtt',
  'Fn::GetStackOutput',
  'Fn::If',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Length',
  'Fn::Not',
  'Fn::Or',
  'Fn::RefAll',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::ToJsonString',
  'Fn::Transform',
  'Fn::ValueOf',
  'Fn::ValueOfAll',
]);

/** What an intrinsic function takes, as CloudFormation checks it before it deploys anything. */
interface Shape {
  readonly takes: string;
  accepts(arg: unknown): boolean;
}

const listOf =
  (min: number, max = min) =>
  (arg: unknown): arg is unknown[] =>
    Array.isArray(arg) && arg.length >= min && arg.length <= max;

/**
 * The argument each function is written with. A function where CloudFormation accepts one (a
 * list given by `Fn::Split`, an index by `Ref`) is accepted.
 */
const SHAPES: Readonly<Record<string, Shape>> = {
  Ref: { takes: 'the name of a parameter or resource', accepts: (arg) => typeof arg === 'string' },
  'Fn::If': {
    takes: 'a list of three: a condition name, the value when it holds and the value when it does not',
    accepts: (arg) => listOf(3)(arg) && typeof arg[0] === 'string',
  },
  'Fn::GetAtt': {
    takes: 'a logical id and an attribute (`[Name, Attribute]` or `Name.Attribute`)',
    accepts: (arg) =>
      typeof arg === 'string'
        ? /^[^.]+\../.test(arg)
        : listOf(2)(arg) && (typeof arg[0] === 'string' || isRecord(arg[0])) && arg[1] !== null && arg[1] !== '',
  },
  'Fn::Join': {
    takes: 'a list of two: a delimiter and the list to join',
    accepts: (arg) => listOf(2)(arg) && (Array.isArray(arg[1]) || isRecord(arg[1])),
  },
  'Fn::Select': {
    takes: 'a list of two: an index (0 or more) and a list',
    accepts: (arg) =>
      listOf(2)(arg) &&
      ((typeof arg[0] === 'number' && Number.isInteger(arg[0]) && arg[0] >= 0) ||
        (typeof arg[0] === 'string' && /^\d+$/.test(arg[0])) ||
        isRecord(arg[0])),
  },
  'Fn::Split': { takes: 'a list of two: a delimiter and a text', accepts: listOf(2) },
  'Fn::Sub': {
    takes: 'a text, or a list of a text and a map of its variables',
    accepts: (arg) =>
      typeof arg === 'string' ||
      (listOf(1, 2)(arg) && typeof arg[0] === 'string' && (arg[1] === undefined || isRecord(arg[1]))),
  },
  'Fn::FindInMap': {
    takes:
      'a list of a map name, a top-level key and a second-level key (and, with `AWS::LanguageExtensions`, a default)',
    accepts: listOf(3, 4),
  },
  'Fn::Cidr': { takes: 'a list of three: an address block, a count and the bits of each', accepts: listOf(3) },
  'Fn::Equals': { takes: 'a list of the two values it compares', accepts: listOf(2) },
  'Fn::Not': { takes: 'a list of one condition', accepts: listOf(1) },
  'Fn::And': { takes: 'a list of 2 to 10 conditions', accepts: listOf(2, 10) },
  'Fn::Or': { takes: 'a list of 2 to 10 conditions', accepts: listOf(2, 10) },
};

/** Under `AWS::LanguageExtensions`, `Ref` also takes a function that gives the name (`Ref: !Sub ${Name}Role`). */
const EXTENDED_SHAPES: Readonly<Record<string, Shape>> = {
  ...SHAPES,
  Ref: {
    takes: 'the name of a parameter or resource, or a function that gives it',
    accepts: (arg) => typeof arg === 'string' || isRecord(arg),
  },
};

/** A value as the error shows it: its JSON, cut to one short line. */
function written(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A reference found in a resource: what it names and where. */
interface Reference {
  /** `transform`: an `Fn::Transform` (a macro) below the resource, whose output is not known here. */
  readonly kind: 'Ref' | 'Fn::GetAtt' | 'Fn::Sub' | 'DependsOn' | 'condition' | 'transform';
  readonly name: string;
  readonly pointer: string;
  /** The attribute a `Fn::GetAtt` (or `${name.attribute}`) reads, when written as text. */
  readonly attribute?: string;
}

/** What to check beyond the names. */
export interface CheckOptions {
  /**
   * Report a circular dependency (default). A template CDK synthesized is checked for names only:
   * a cycle there leaves every value resolvable, and CDK apps write self-references CloudFormation
   * decides on at deploy.
   */
  readonly cycles?: boolean;
}

/** The resource a template pointer is in: its logical id (unescaped) and the pointer prefix of what is below it. */
export function resourcePointer(pointer: string | undefined): { logicalId: string; below: string } | undefined {
  const token = /^\/Resources\/([^/]+)/.exec(pointer ?? '')?.[1];
  if (token === undefined) return undefined;
  return { logicalId: token.replace(/~1/g, '/').replace(/~0/g, '~'), below: `/Resources/${token}/` };
}

/**
 * Whether `error` is read inside a resource that holds what CloudFormation rejects (`rejected`,
 * from `checkReferences`, in the same file): it follows from that one, which is reported alone.
 */
export function followsFrom(error: InputError, rejected: InputError | undefined): boolean {
  const below = resourcePointer(rejected?.pointer)?.below;
  return below !== undefined && error.file === rejected?.file && error.pointer?.startsWith(below) === true;
}

/** The first problem of the template, or undefined. */
export function checkReferences(
  file: string,
  template: Record<string, unknown>,
  options: CheckOptions = {},
): InputError | undefined {
  const resources = isRecord(template['Resources']) ? template['Resources'] : {};
  const parameters = isRecord(template['Parameters']) ? template['Parameters'] : {};
  const conditions = isRecord(template['Conditions']) ? template['Conditions'] : {};
  // A macro may add any resource and rewrite any other: names are not checked then. SAM and the
  // language extensions leave the resources they do not make as written.
  const transforms = transformNames(template['Transform']);
  let macros = transforms.some((name) => !OWN_TRANSFORMS.has(name));
  let transformed = macros;
  // SAM adds resources named after the one that makes them (`<Function>Role`, `<Api>ProdStage`,
  // `<Function>.Alias`) or `Serverless...` (the implicit API): a name that is neither is a
  // reference to nothing, which the transform leaves for CloudFormation to reject.
  const samNames = transforms.includes('AWS::Serverless-2016-10-31');
  const madeBySam = (name: string): boolean =>
    samNames && (name.startsWith('Serverless') || Object.keys(resources).some((id) => name.startsWith(id)));
  const error = (pointer: string, message: string): InputError => ({ file, pointer, message });
  const shapes = transforms.includes('AWS::LanguageExtensions') ? EXTENDED_SHAPES : SHAPES;
  // CloudFormation knows the SAM types only through the transform: without it the template is
  // rejected, whatever a reader that expands them would find in it.
  if (!samNames && !macros) {
    const sam = Object.entries(resources).find(
      ([, body]) => isRecord(body) && typeof body['Type'] === 'string' && body['Type'].startsWith('AWS::Serverless::'),
    );
    // A template with a transform already (`AWS::LanguageExtensions`) lists SAM after it.
    const fix =
      transforms.length === 0
        ? 'add `Transform: AWS::Serverless-2016-10-31` to the template'
        : `add \`AWS::Serverless-2016-10-31\` to the template's \`Transform\`, after ${transforms.map((name) => `\`${name}\``).join(', ')}`;
    if (sam !== undefined)
      return error(
        `/Resources/${escapePointerToken(sam[0])}/Type`,
        `resource \`${sam[0]}\` is of type \`${String((sam[1] as Record<string, unknown>)['Type'])}\`, which CloudFormation knows only through the SAM transform: ${fix}`,
      );
  }

  // A condition or rule written with the wrong arguments (`Fn::Equals` of one) is rejected as a
  // resource is: read, it would be a condition that may hold.
  for (const section of ['Conditions', 'Rules']) {
    const problem = isRecord(template[section]) ? walk(template[section], `/${section}`, [], shapes) : undefined;
    if (problem !== undefined) return error(problem.pointer, problem.message);
  }

  const referencesOf = new Map<string, Reference[]>();
  for (const [id, body] of Object.entries(resources)) {
    const refs: Reference[] = [];
    const at = `/Resources/${escapePointerToken(id)}`;
    const problem = walk(body, at, refs, shapes);
    if (problem !== undefined) return error(problem.pointer, problem.message);
    if (isRecord(body)) {
      const dependsOn = body['DependsOn'];
      const names = typeof dependsOn === 'string' ? [dependsOn] : Array.isArray(dependsOn) ? dependsOn : [];
      names.forEach((n, i) => {
        if (typeof n === 'string')
          refs.push({
            kind: 'DependsOn',
            name: n,
            pointer: `${at}/DependsOn${Array.isArray(dependsOn) ? `/${i}` : ''}`,
          });
      });
      if (typeof body['Condition'] === 'string')
        refs.push({ kind: 'condition', name: body['Condition'], pointer: `${at}/Condition` });
    }
    referencesOf.set(id, refs);
  }
  if ([...referencesOf.values()].some((refs) => refs.some((r) => r.kind === 'transform'))) {
    transformed = true;
    macros = true;
  }

  for (const refs of referencesOf.values()) {
    for (const ref of refs) {
      if (ref.kind === 'condition') {
        if (!Object.hasOwn(conditions, ref.name))
          return error(ref.pointer, `condition \`${ref.name}\` is not defined in \`Conditions\``);
        continue;
      }
      if (ref.kind === 'Fn::GetAtt' && !macros) {
        const unknown = unknownAttribute(resources, ref);
        if (unknown !== undefined) return error(ref.pointer, unknown);
      }
      if (transformed) continue;
      const isResource = Object.hasOwn(resources, ref.name) || madeBySam(ref.name);
      if (ref.kind === 'Fn::GetAtt' || ref.kind === 'DependsOn') {
        if (!isResource)
          return error(ref.pointer, `\`${ref.kind}\` names \`${ref.name}\`, which is not a resource of the template`);
        continue;
      }
      if (!isResource && !Object.hasOwn(parameters, ref.name) && !ref.name.startsWith('AWS::'))
        return error(ref.pointer, `\`${ref.kind}\` names \`${ref.name}\`, which is neither a parameter nor a resource`);
    }
  }
  if (options.cycles === false) return undefined;
  const dependenciesOf = new Map(
    [...referencesOf].map(([id, refs]) => {
      const moved = movedBySam(resources[id], `/Resources/${escapePointerToken(id)}`);
      return [id, moved.length === 0 ? refs : refs.filter((r) => !moved.some((at) => r.pointer.startsWith(at)))];
    }),
  );
  return circularDependency(dependenciesOf, resources, error);
}

// What the SAM transform moves out of a resource into resources of their own: a function's or
// state machine's `Events` become permissions, event source mappings and rules, its embedded
// `Connectors` connectors. A reference there is no dependency of the resource (an API whose
// definition names the function, the function an event of that API).
const SAM_MOVED: ReadonlyMap<string, readonly string[]> = new Map([
  ['AWS::Serverless::Function', ['Events', 'Connectors']],
  ['AWS::Serverless::StateMachine', ['Events', 'Connectors']],
]);

/** The pointers below a resource whose references the SAM transform moves to other resources. */
function movedBySam(body: unknown, at: string): string[] {
  const type = isRecord(body) && typeof body['Type'] === 'string' ? body['Type'] : '';
  return (SAM_MOVED.get(type) ?? []).map((property) => `${at}/Properties/${property}/`);
}

/** Finds a cycle of resources that refer to each other (CloudFormation: "Circular dependency between resources"). */
function circularDependency(
  referencesOf: ReadonlyMap<string, readonly Reference[]>,
  resources: Record<string, unknown>,
  error: (pointer: string, message: string) => InputError,
): InputError | undefined {
  // Depth first, with an explicit stack (a chain of thousands of resources must not overflow).
  const state = new Map<string, 'open' | 'done'>();
  for (const root of referencesOf.keys()) {
    if (state.has(root)) continue;
    const path: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 'open');
    while (path.length > 0) {
      const top = path[path.length - 1] as { id: string; next: number };
      const refs = referencesOf.get(top.id) ?? [];
      if (top.next >= refs.length) {
        state.set(top.id, 'done');
        path.pop();
        continue;
      }
      const ref = refs[top.next++] as Reference;
      if (ref.kind === 'condition' || !Object.hasOwn(resources, ref.name)) continue;
      const seen = state.get(ref.name);
      if (seen === 'open') {
        const ids = path.map((p) => p.id);
        const names = [...ids.slice(ids.indexOf(ref.name)), ref.name].map((n) => `\`${n}\``);
        // A long cycle is shown by its ends: the message stays one readable line.
        const cycle =
          names.length > 8
            ? [...names.slice(0, 4), `... (${names.length - 7} more)`, ...names.slice(-3)].join(' -> ')
            : names.join(' -> ');
        return error(ref.pointer, `circular dependency between resources: ${cycle}`);
      }
      if (seen === undefined) {
        state.set(ref.name, 'open');
        path.push({ id: ref.name, next: 0 });
      }
    }
  }
  return undefined;
}

/** Collects references below `value`; returns the first unknown function found. */
function walk(
  value: unknown,
  pointer: string,
  refs: Reference[],
  shapes: Readonly<Record<string, Shape>>,
  depth = 0,
): { pointer: string; message: string } | undefined {
  if (depth > 200) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], `${pointer}/${i}`, refs, shapes, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const key = keys[0] as string;
    const arg = value[key];
    const at = `${pointer}/${escapePointerToken(key)}`;
    if (key.startsWith('Fn::') && !KNOWN_FUNCTIONS.has(key) && !key.startsWith('Fn::ForEach::'))
      return { pointer: at, message: `unknown intrinsic function \`${key}\`` };
    const shape = Object.hasOwn(shapes, key) ? shapes[key] : undefined;
    if (shape !== undefined && !shape.accepts(arg))
      return { pointer: at, message: `\`${key}\` takes ${shape.takes}, not \`${written(arg)}\`` };
    if (key === 'Ref' && typeof arg === 'string') refs.push({ kind: 'Ref', name: arg, pointer: at });
    if (key === 'Fn::GetAtt') {
      const [target, attribute]: unknown[] =
        typeof arg === 'string' ? splitAtDot(arg) : Array.isArray(arg) ? [arg[0] as unknown, arg[1] as unknown] : [];
      if (typeof target === 'string')
        refs.push({
          kind: 'Fn::GetAtt',
          name: target,
          pointer: at,
          ...(typeof attribute === 'string' ? { attribute } : {}),
        });
    }
    if (key === 'Fn::If' && Array.isArray(arg) && typeof arg[0] === 'string')
      refs.push({ kind: 'condition', name: arg[0], pointer: `${at}/0` });
    if (key === 'Fn::Sub') subReferences(arg, at, refs);
    if (key === 'Fn::Transform') refs.push({ kind: 'transform', name: '', pointer: at });
  }
  for (const key of keys) {
    const found = walk(value[key], `${pointer}/${escapePointerToken(key)}`, refs, shapes, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The names a `Fn::Sub` string refers to, less its own variables and `${!literal}`s. */
function subReferences(arg: unknown, pointer: string, refs: Reference[]): void {
  const template = typeof arg === 'string' ? arg : Array.isArray(arg) ? (arg[0] as unknown) : undefined;
  if (typeof template !== 'string') return;
  const variables = Array.isArray(arg) && isRecord(arg[1]) ? arg[1] : {};
  for (const match of template.matchAll(/\$\{([^}]*)\}/g)) {
    const name = (match[1] ?? '').trim();
    if (name.startsWith('!') || Object.hasOwn(variables, name)) continue;
    const [target, attribute] = splitAtDot(name);
    if (attribute === undefined) refs.push({ kind: 'Fn::Sub', name, pointer });
    else refs.push({ kind: 'Fn::GetAtt', name: target, pointer, attribute });
  }
}

/** `Name.Attribute.Nested` -> [`Name`, `Attribute.Nested`]; the attribute undefined without a dot. */
function splitAtDot(text: string): [string, string | undefined] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text, undefined] : [text.slice(0, dot), text.slice(dot + 1)];
}

const OWN_TRANSFORMS: ReadonlySet<string> = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions']);

/** The names in a template's `Transform` (one name, a list, or `{Name, Parameters}` entries). */
function transformNames(transform: unknown): string[] {
  const entries = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
  return entries.map((entry) =>
    typeof entry === 'string' ? entry : isRecord(entry) && typeof entry['Name'] === 'string' ? entry['Name'] : '',
  );
}

/**
 * Why a `Fn::GetAtt` reads an attribute its resource's type does not have (CloudFormation rejects
 * the template), for the types whose attributes are known; `undefined` when it has it or is not known.
 */
function unknownAttribute(resources: Record<string, unknown>, ref: Reference): string | undefined {
  const body = ownEntry(resources, ref.name);
  const type = isRecord(body) && typeof body['Type'] === 'string' ? body['Type'] : undefined;
  const declared = type === undefined ? undefined : ownEntry(RESOURCE_ATTRIBUTES, type);
  if (type === undefined || declared === undefined || ref.attribute === undefined) return undefined;
  // A name the resolver answers for is accepted too (`DomainArn` of a domain, read by older templates).
  const shaped = Object.keys(ownEntry(RESOURCE_SHAPES, type)?.attributes ?? {});
  const known = [...new Set([...declared, ...shaped])];
  if (known.includes(ref.attribute)) return undefined;
  const what = `\`Fn::GetAtt\` reads \`${ref.name}.${ref.attribute}\`, an attribute \`${type}\` does not have`;
  // `QueueArn`, `RoleArn`: the attribute the name ends with; `RoleName`, `Name`: what `Ref` gives.
  const lower = ref.attribute.toLowerCase();
  const near = known.find((a) => lower.endsWith(a.toLowerCase())) ?? closestMatch(ref.attribute, known);
  if (near !== undefined) return `${what} (did you mean \`${near}\`?)`;
  if (lower.endsWith('name') && ownEntry(RESOURCE_SHAPES, type)?.ref === '{name}')
    return `${what} (\`Ref: ${ref.name}\` gives its name)`;
  const top = known.filter((a) => !a.includes('.'));
  return top.length === 0 ? `${what} (it has none)` : `${what} (it has ${top.map((a) => `\`${a}\``).join(', ')})`;
}
