/**
 * Resolution of CloudFormation intrinsic functions before deploy. What is known becomes a string;
 * what is not becomes a hole that says where it comes from. Resolution never throws: anything it
 * cannot follow becomes a hole too.
 */
import type { ChoiceSide, Hole } from '@iamgate/core';
import { SymbolicValue, canonicalJson, isInputHole } from '@iamgate/core';
import { parseJsonText } from './json-text';
import { RESOURCE_SHAPES } from './resource-shapes';
import { ELEMENT_OF } from '../template/language-extensions';
import { transformedFrom } from '../template/includes';
import { Branches, NO_VALUE, UnknownList, asText, concat, holeText, isRecord, ownEntry } from './values';
import type { Resolved, Text } from './values';

/** One resource of a stack, as the resolver sees it. */
export interface ResourceView {
  readonly logicalId: string;
  readonly type: string;
  /** The raw properties (with intrinsics), read on demand. */
  properties(): Record<string, unknown>;
}

/** The stack the expression lives in. */
export interface StackView {
  /** Qualifies hole ids: the stack name, or the file for a plain template. */
  readonly key: string;
  readonly stackName?: string;
  /** Concrete account and region when the stack's environment is known. */
  readonly account?: string;
  readonly region?: string;
  readonly partition: string;
  resource(logicalId: string): ResourceView | undefined;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, unknown>>;
  readonly conditions: Readonly<Record<string, unknown>>;
  /** The value of an export of another stack of the same input, resolved where it is defined. */
  importValue?(exportName: string): Resolved | undefined;
  /**
   * The value another stack of the same input writes to the SSM parameter `name` for a CDK
   * cross-region reference, resolved where it is defined.
   */
  regionExport?(name: string): Resolved | undefined;
  /**
   * An output of another stack of the same input (`Fn::GetStackOutput`, CDK's weak cross-stack
   * references), resolved where it is defined; `region` when the reference names one.
   */
  stackOutput?(stackName: string, outputName: string, region: string | undefined): Resolved | undefined;
  /** The value a parent stack passes for a parameter of this nested stack, resolved in the parent. */
  parameterValue?(name: string): Resolved | undefined;
  /** An output of the nested stack that resource `logicalId` of this stack creates, resolved in that stack. */
  nestedOutput?(logicalId: string, name: string): Resolved | undefined;
}

/** Resource types whose `Fn::GetAtt` `Outputs.<name>` is an output of the stack they nest. */
const NESTED_STACK_TYPES: ReadonlySet<string> = new Set(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application']);

/** The custom resource behind CDK's `CfnJson`. */
const CFN_JSON = 'Custom::AWSCDKCfnJson';
/** A resource that creates the organization of the account deploying it (`Ref` is its id). */
const ORGANIZATION = 'AWS::Organizations::Organization';

/**
 * The custom resource CDK reads a cross-region reference with (`crossRegionReferences: true`):
 * each attribute is named after the SSM parameter the producing stack's writer fills.
 */
const CROSS_REGION_READER = 'Custom::CrossRegionExportReader';

/** The stack's account (`Ref: AWS::AccountId`) when the stack's environment does not name it. */
export const ACCOUNT_HOLE: Hole = { id: 'AWS::AccountId', source: 'the account of the stack' };
const REGION_HOLE: Hole = { id: 'AWS::Region', source: 'the region of the stack' };

/** What each kind of dynamic reference reads, for hole provenance. */
const DYNAMIC_REFERENCE_SOURCES: Readonly<Record<string, string>> = {
  ssm: 'the SSM parameter',
  'ssm-secure': 'the secure SSM parameter',
  secretsmanager: 'the secret',
};

/**
 * Deepest nesting the resolver follows; deeper values become one unknown instead of overflowing the
 * stack. Deep enough for the intrinsic functions a template may nest (the template reader rejects
 * more than 100 in one another, each a few levels here with its arguments).
 */
const MAX_DEPTH = 384;

/** Mapping entries chosen at deploy each judged as a side of their own, at most (see `mappingChoices`). */
const MAX_NAMED_ENTRIES = 4;

/** Conditions above this count are not worked out together (`deployableSides`): 2^8 ways. */
const MAX_SIDES_NAMED = 8;
/**
 * Ways of what is left of the conditions worked out together at most, as their parameters are
 * given values one after another (`deployableSides`): past it, any sides may go together.
 */
const MAX_SEARCH_STATES = 4_096;
/**
 * Work of that search at most: each value given to what is left counted by the length of what is
 * left, written out (about 50 ms of CPU).
 */
const MAX_SEARCH_WORK = 16_000_000;
/** Comparisons left open by the values given tried both ways together at most (`deployableSides`): 2^6 ways. */
const MAX_OPEN_COMPARISONS = 6;
/** A parameter's value other than every text a condition compares it to. */
const OTHER_TEXT = '\u0000another value';

/**
 * What a walk of the condition grammar makes of each form (`Resolver.foldCondition`): the truth
 * decided before deploy, the tree of truths over other stacks' conditions, the parameters a truth
 * fixes, the texts compared.
 */
interface ConditionReading<T> {
  /** `Condition: name`, at the depth of the reference. */
  named(name: string, depth: number): T;
  /** `Fn::Equals` of the values written (as many as written). */
  equals(values: readonly unknown[], depth: number): T;
  not(value: T): T;
  and(values: T[]): T;
  or(values: T[]): T;
  /** Not a condition form. */
  readonly other: T;
}

/** Resolves one expression in a stack. */
export class Resolver {
  private conditionCache = new Map<string, boolean | undefined>();
  private truthCache = new Map<string, Resolved>();
  /**
   * Parameters the side of an `Fn::If` being walked fixes: on the true side of `!If [IsProd, ...]`
   * with `IsProd: !Equals [!Ref Environment, prod]`, `Environment` is `prod`.
   */
  private assumed: ReadonlyMap<string, string> = new Map();
  private ties?: ReturnType<Resolver['conditionTies']>;
  private readonly sidesCache = new Map<string, Record<string, boolean>[] | undefined>();

  constructor(readonly stack: StackView) {}

  resolve(value: unknown): Resolved {
    return this.walk(value, 0);
  }

  /** The expression as text, or a hole when it is not a string-like value. */
  text(value: unknown, what: string): Text {
    const resolved = this.resolve(value);
    return asText(resolved) ?? holeText({ id: `${this.stack.key}:expr:${stableJson(value)}`, source: what });
  }

  /**
   * `Fn::GetAtt` of a resource as if it were in `region`: a replica of a global table is the table
   * of that name in the replica's Region, not in the stack's.
   */
  attributeInRegion(logicalId: string, attribute: string, region: Text): Text {
    const resource = this.stack.resource(logicalId);
    const attributes = resource === undefined ? undefined : ownEntry(RESOURCE_SHAPES, resource.type)?.attributes;
    if (resource === undefined || attributes === undefined)
      return this.text({ 'Fn::GetAtt': [logicalId, attribute] }, `the ${attribute} of \`${logicalId}\``);
    return this.shaped(resource, ownEntry(attributes, attribute), attribute, region);
  }

  private walk(value: unknown, depth: number): Resolved {
    if (depth > MAX_DEPTH) return this.opaque(value, `a value nesting deeper than ${MAX_DEPTH} levels`);
    if (typeof value === 'string') return this.dynamicReferences(value);
    if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map((v) => this.walk(v, depth + 1));
    if (!isRecord(value)) return this.opaque(value, 'an unsupported value');
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const key = keys[0] as string;
      const arg = value[key];
      if (key === 'Ref') return this.ref(arg, depth);
      if (key === 'Condition' && typeof arg === 'string') return this.conditionValue(arg, depth);
      if (key.startsWith('Fn::')) return this.fn(key, arg, value, depth);
    }
    const out: Record<string, Resolved> = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.walk(v, depth + 1);
    return out;
  }

  /**
   * A string with dynamic references (`{{resolve:ssm:/app/role-arn}}`): CloudFormation puts the
   * referenced value in their place at deploy, so each is a hole that names what it reads.
   */
  private dynamicReferences(text: string): Text {
    if (!text.includes('{{resolve:')) return text;
    const parts: Text[] = [];
    const pattern = /\{\{resolve:([a-z-]+):([^}]*)\}\}/g;
    let last = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      parts.push(text.slice(last, match.index));
      const [whole, service = '', reference = ''] = match;
      const name = reference.split(':')[0] ?? reference;
      const what = ownEntry(DYNAMIC_REFERENCE_SOURCES, service) ?? `the \`${service}\` dynamic reference`;
      parts.push(holeText({ id: `dynref:${whole}`, source: `${what} \`${name}\`` }));
      last = match.index + whole.length;
    }
    parts.push(text.slice(last));
    return concat(parts);
  }

  /**
   * A value that is not text where text is expected: a list known at deploy only (a list parameter
   * used whole in a string) stands for whatever text it makes, anything when it comes from an input.
   */
  private inText(value: Resolved, what: string): SymbolicValue {
    if (!(value instanceof UnknownList)) return this.opaque(value, what);
    return holeText({
      id: `${this.stack.key}:expr:${stableJson(value.hole.id)}`,
      source: `${value.hole.source}, a list, in a string`,
      ...fromInput([value.hole]),
    });
  }

  private opaque(value: unknown, what: string): SymbolicValue {
    return holeText({ id: `${this.stack.key}:expr:${stableJson(value)}`, source: what });
  }

  /**
   * `Fn::FindInMap` with a key known only at deploy (`!Ref Environment`): CloudFormation deploys it
   * only when the key is one of the mapping's (one of the parameter's `AllowedValues` when it lists
   * them), so the value is one of theirs. Text values become one value known at deploy that lists
   * them, lists a list each of whose elements is one of their elements, so that a check judges
   * each; other values (functions, `!Sub` of the account) a choice between them, each resolved and
   * judged as `Fn::If` branches are; undefined when the mapping has none of the keys.
   */
  private mappingChoices(
    whole: unknown,
    map: string,
    top: Text | undefined,
    second: Text | undefined,
    depth: number,
  ): Resolved | undefined {
    const mapping = this.stack.mappings[map];
    if (!isRecord(mapping) || top === undefined || second === undefined) return undefined;
    const keys = (key: Text, level: Record<string, unknown>): string[] => {
      if (typeof key === 'string') return [key];
      const only = key.parts.length === 1 ? key.parts[0] : undefined;
      const allowed = typeof only === 'object' ? only.values : undefined;
      return Object.keys(level).filter((k) => allowed === undefined || allowed.includes(k));
    };
    const found: { key: string; first: string; name: string; value: unknown }[] = [];
    for (const first of keys(top, mapping)) {
      const level = mapping[first];
      if (!isRecord(level)) continue;
      for (const name of keys(second, level))
        if (Object.hasOwn(level, name)) found.push({ key: `${first}.${name}`, first, name, value: level[name] });
    }
    if (found.length === 0) return undefined;
    const keySources = [top, second].flatMap((k) => {
      if (typeof k === 'string') return [];
      const only = k.parts.length === 1 ? k.parts[0] : undefined;
      return [typeof only === 'object' ? only.source : `\`${k.toString()}\``];
    });
    const hole = {
      id: `${this.stack.key}:expr:${stableJson(whole)}`,
      source: `a value of mapping \`${map}\` chosen by ${keySources.join(' and ')}`,
    };
    const values = found.map((f) => f.value);
    // A few lists that say different things (the actions of each stage): each judged as a side of
    // its own, so that a finding names the entry. Texts stay one value that lists them (a `Principal`
    // of one text is read as the principal it names).
    const named =
      found.length <= MAX_NAMED_ENTRIES &&
      new Set(values.map((v) => JSON.stringify(v))).size > 1 &&
      values.every((v) => Array.isArray(v) && v.every(isScalar));
    if (!named && values.every(isScalar)) return holeText(listed(hole, values.map(String)));
    if (!named && values.every((v) => Array.isArray(v) && v.every(isScalar)))
      return new UnknownList(listed(hole, (values as unknown[][]).flat().map(String)));
    // Two look-ups by the same keys take the same entry.
    const chosenBy = [top, second].map(chooserId);
    return chooseAtDeploy(
      found.map((f) => ({
        condition: `${this.stack.key}:choice:${chosenBy.join('/')}=${f.key}`,
        value: f.value,
        says: chosenAs([top, f.first], [second, f.name]).map((side) =>
          'choice' in side ? { ...side, entry: `Mappings/${map}/${f.first}/${f.name}` } : side,
        ),
      })),
      (value) => this.walk(value, depth + 1),
    );
  }

  /**
   * `Fn::Select` at an index known only at deploy (a parameter) from a list written in the
   * template: one of its elements. Texts become one value that lists them, others a choice
   * between them, each judged.
   */
  private selectedAtDeploy(id: string, index: SymbolicValue, list: readonly Resolved[]): Resolved {
    const elements = list.filter((e) => e !== NO_VALUE);
    const source = `an element of \`Fn::Select\` at ${index.toString()}`;
    if (elements.every((e) => typeof e === 'string' || typeof e === 'number'))
      return holeText(listed({ id, source }, elements.map(String)));
    const chosenBy = chooserId(index);
    return chooseAtDeploy(
      elements.map((value, i) => ({
        condition: `${this.stack.key}:choice:${chosenBy}=${String(i)}`,
        value,
        says: chosenAs([index, String(i)]),
      })),
      (value) => value as Resolved,
    );
  }

  private fn(name: string, arg: unknown, whole: unknown, depth: number): Resolved {
    switch (name) {
      case 'Fn::GetAtt': {
        const [written, attribute]: readonly unknown[] =
          typeof arg === 'string'
            ? splitOnce(arg, '.')
            : Array.isArray(arg)
              ? [arg[0] as unknown, arg[1] as unknown]
              : [];
        // `AWS::LanguageExtensions`: the logical id may be a function (`!Sub '${Name}Queue'`).
        const logicalId = isRecord(written) ? this.logicalName(written, depth) : written;
        if (logicalId instanceof SymbolicValue) return this.opaque(whole, 'an attribute of a resource named at deploy');
        if (typeof logicalId !== 'string') return this.opaque(whole, 'a malformed `Fn::GetAtt`');
        const attr = asText(this.walk(attribute, depth + 1));
        if (typeof attr !== 'string') return this.opaque(whole, `an attribute of \`${logicalId}\``);
        return this.getAtt(logicalId, attr);
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) return this.opaque(whole, 'a malformed `Fn::Join`');
        return this.lift([this.walk(arg[0], depth + 1), this.walk(arg[1], depth + 1)], ([delimiter, list]) => {
          const sep = asText(delimiter as Resolved);
          if (sep === undefined) return this.opaque(whole, 'a `Fn::Join` with an unknown delimiter');
          if (list instanceof UnknownList)
            return holeText({
              id: `${this.stack.key}:expr:${stableJson(whole)}`,
              source: `the \`Fn::Join\` of ${list.hole.source}`,
              ...fromInput([list.hole]),
            });
          if (!Array.isArray(list)) return this.opaque(whole, 'a `Fn::Join` of a list known after deploy');
          const parts: Text[] = [];
          let first = true;
          for (const element of list as Resolved[]) {
            if (element === NO_VALUE) continue;
            const text = asText(element);
            if (!first) parts.push(sep);
            parts.push(text ?? this.inText(element, 'an element of `Fn::Join`'));
            first = false;
          }
          return concat(parts);
        });
      }
      case 'Fn::Sub':
        return this.sub(arg, whole, depth);
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return this.opaque(whole, 'a malformed `Fn::Select`');
        return this.lift([this.walk(arg[0], depth + 1), this.walk(arg[1], depth + 1)], ([index, list]) => {
          const position = asText(index as Resolved);
          const i = Number(position);
          const id = `${this.stack.key}:expr:${stableJson(whole)}`;
          if (position instanceof SymbolicValue && Array.isArray(list))
            return this.selectedAtDeploy(id, position, list as Resolved[]);
          if (Array.isArray(list) && Number.isInteger(i) && i >= 0 && i < list.length)
            return (list as Resolved[])[i] as Resolved;
          if (list instanceof UnknownList) {
            const values = list.hole.values;
            return holeText({
              id,
              source: `element ${position === undefined ? '' : `${position.toString()} `}of ${list.hole.source}`,
              ...fromInput([list.hole, ...(position instanceof SymbolicValue ? position.holes() : [])]),
              ...(values === undefined ? {} : { values }),
            });
          }
          return holeText({ id, source: 'an element of a list known after deploy' });
        });
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) return this.opaque(whole, 'a malformed `Fn::Split`');
        return this.lift([this.walk(arg[0], depth + 1), this.walk(arg[1], depth + 1)], ([delimiter, source]) => {
          const sep = asText(delimiter as Resolved);
          const text = asText(source as Resolved);
          if (typeof sep !== 'string' || sep === '' || text === undefined) {
            return new UnknownList({
              id: `${this.stack.key}:expr:${stableJson(whole)}`,
              source: 'a list split from a value known after deploy',
              ...fromInput([
                ...(source instanceof SymbolicValue ? source.holes() : []),
                ...(source instanceof UnknownList ? [source.hole] : []),
              ]),
            });
          }
          // A parameter whose `AllowedValues` are lists (`s3:GetObject,s3:PutObject`): each element
          // of the list is one of their elements.
          const only = text instanceof SymbolicValue && text.parts.length === 1 ? text.parts[0] : undefined;
          if (typeof only === 'object' && only.values?.some((v) => v.includes(sep)) === true)
            return new UnknownList({
              id: `${this.stack.key}:expr:${stableJson(whole)}`,
              source: `each element split from ${only.source}`,
              values: [...new Set(only.values.flatMap((v) => v.split(sep)))],
            });
          // An input may hold the delimiter (an import of `a,b`): how many elements it makes, and
          // what each is, is known only at deploy.
          const given =
            text instanceof SymbolicValue
              ? text.holes().filter((h) => isInputHole(h) && h.values?.every((v) => !v.includes(sep)) !== true)
              : [];
          if (given.length > 0)
            return new UnknownList({
              id: `${this.stack.key}:expr:${stableJson(whole)}`,
              source: `a list split from ${given.map((h) => h.source).join(' and ')}`,
              input: true,
            });
          return splitText(text, sep);
        });
      }
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string')
          return this.opaque(whole, 'a malformed `Fn::If`');
        const decided = this.condition(arg[0], depth);
        if (decided === true) return this.walk(arg[1], depth + 1);
        if (decided === false) return this.walk(arg[2], depth + 1);
        // Qualified by the stack: a nested stack's `IsProd` is its own, not its parent's of the same name.
        const own = `${this.stack.key}:condition:${arg[0]}`;
        const form = this.truthOf(arg[0], depth);
        const everySide = sameOnEverySide(form);
        if (everySide === true) return this.walk(arg[1], depth + 1);
        if (everySide === false) return this.walk(arg[2], depth + 1);
        // Each side is what CloudFormation deploys when the condition takes it: a parameter the
        // condition compares to a text is that text there (a mapping looked up by it, one entry).
        const condition: string = arg[0];
        const whenTrue = (): Resolved =>
          this.assuming(this.fixedBy({ Condition: condition }, true, 0), () => this.walk(arg[1], depth + 1));
        const whenFalse = (): Resolved =>
          this.assuming(this.fixedBy({ Condition: condition }, false, 0), () => this.walk(arg[2], depth + 1));
        if (form instanceof Branches) return this.byTruth(form, own, whenTrue, whenFalse);
        return new Branches(own, whenTrue(), whenFalse());
      }
      case 'Fn::ImportValue': {
        const exportName = asText(this.walk(arg, depth + 1));
        const exported = typeof exportName === 'string' ? this.stack.importValue?.(exportName) : undefined;
        if (exported !== undefined) return exported;
        const label =
          exportName === undefined ? 'an imported value' : `the value exported as \`${String(exportName)}\``;
        return holeText({
          id: `import:${exportName === undefined ? stableJson(arg) : String(exportName)}`,
          source: label,
        });
      }
      case 'Fn::GetStackOutput': {
        if (!isRecord(arg)) return this.opaque(whole, 'a malformed `Fn::GetStackOutput`');
        const [stackName, outputName, region] = ['StackName', 'OutputName', 'Region'].map((k) =>
          arg[k] === undefined ? undefined : asText(this.walk(arg[k], depth + 1)),
        );
        // A role to read the output with is a stack of another account: not one of the input.
        if (typeof stackName === 'string' && typeof outputName === 'string' && arg['RoleArn'] === undefined) {
          // Without `Region`, the stack of the consuming stack's region.
          const output = this.stack.stackOutput?.(
            stackName,
            outputName,
            typeof region === 'string' ? region : this.stack.region,
          );
          if (output !== undefined) return output;
        }
        return this.opaque(
          whole,
          typeof stackName === 'string' && typeof outputName === 'string'
            ? `output \`${outputName}\` of stack \`${stackName}\``
            : 'the result of `Fn::GetStackOutput`',
        );
      }
      case 'Fn::FindInMap': {
        if (!Array.isArray(arg) || arg.length < 3) return this.opaque(whole, 'a malformed `Fn::FindInMap`');
        const [map, top, second] = arg.slice(0, 3).map((a) => asText(this.walk(a, depth + 1)));
        if (typeof map === 'string' && typeof top === 'string' && typeof second === 'string') {
          const found = (this.stack.mappings[map] as Record<string, Record<string, unknown>> | undefined)?.[top]?.[
            second
          ];
          if (found !== undefined) return this.walk(found, depth + 1);
          // `AWS::LanguageExtensions`: a fourth argument `{ DefaultValue: ... }` for keys the mapping lacks.
          const fallback: unknown = arg[3];
          if (isRecord(fallback) && Object.hasOwn(fallback, 'DefaultValue'))
            return this.walk(fallback['DefaultValue'], depth + 1);
        }
        const chosen = typeof map === 'string' ? this.mappingChoices(whole, map, top, second, depth) : undefined;
        return chosen ?? this.opaque(whole, `a value of mapping \`${String(map)}\``);
      }
      case 'Fn::GetAZs':
        return new UnknownList({ id: `${this.stack.key}:azs`, source: 'the availability zones of the region' });
      case 'Fn::Base64': {
        const inner = this.walk(arg, depth + 1);
        return typeof inner === 'string' ? Buffer.from(inner).toString('base64') : this.opaque(whole, 'a base64 value');
      }
      case 'Fn::ToJsonString': {
        // `AWS::LanguageExtensions`: the JSON text of the value. Strings known only after deploy
        // stay holes inside their JSON string, so that a policy written this way (a log
        // destination policy naming `${AWS::AccountId}` or an organization parameter) is read.
        const inner = this.walk(arg, depth + 1);
        if (isPlainJson(inner)) return JSON.stringify(inner);
        return jsonText(inner) ?? this.opaque(whole, 'a JSON text of values known after deploy');
      }
      case 'Fn::Length': {
        // A list given at deploy in the list (`[!Ref AdminPrincipals]`) may be read as its
        // elements, any number of them: the length is not known, and neither is a condition on it.
        const inner = this.walk(arg, depth + 1);
        return Array.isArray(inner) && !inner.some((e) => e instanceof UnknownList)
          ? inner.filter((e) => e !== NO_VALUE).length
          : this.opaque(whole, 'a list length known after deploy');
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not': {
        const decided = this.evaluate(whole, depth);
        return decided === undefined ? this.opaque(whole, 'a condition known after deploy') : String(decided);
      }
      case 'Fn::Transform':
        return this.opaque(whole, transformedFrom(whole) ?? 'the output of a macro');
      default:
        return this.opaque(whole, `the result of \`${name}\``);
    }
  }

  /** Applies `fn` to arguments, once per branch when an argument is a `Fn::If`. */
  private lift(args: Resolved[], fn: (args: Resolved[]) => Resolved): Resolved {
    const index = args.findIndex((a) => a instanceof Branches);
    if (index >= 0) {
      const b = args[index] as Branches;
      const withValue = (v: Resolved): Resolved[] => args.map((a, i) => (i === index ? v : a));
      return new Branches(
        b.condition,
        this.lift(withValue(b.whenTrue), fn),
        this.lift(withValue(b.whenFalse), fn),
        b.sides,
      );
    }
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (!Array.isArray(arg)) continue;
      const j = (arg as Resolved[]).findIndex((e) => e instanceof Branches);
      if (j < 0) continue;
      const b = (arg as Resolved[])[j] as Branches;
      const withElement = (v: Resolved): Resolved[] =>
        args.map((a, k) => (k === i ? (arg as Resolved[]).map((e, m) => (m === j ? v : e)) : a));
      return new Branches(
        b.condition,
        this.lift(withElement(b.whenTrue), fn),
        this.lift(withElement(b.whenFalse), fn),
        b.sides,
      );
    }
    return fn(args);
  }

  private sub(arg: unknown, whole: unknown, depth: number): Resolved {
    const [template, variables]: [unknown, unknown] =
      typeof arg === 'string'
        ? [arg, {}]
        : Array.isArray(arg)
          ? [arg[0] as unknown, (arg[1] as unknown) ?? {}]
          : [undefined, undefined];
    if (typeof template !== 'string' || !isRecord(variables)) return this.opaque(whole, 'a malformed `Fn::Sub`');
    const vars = new Map(Object.entries(variables).map(([k, v]) => [k, this.walk(v, depth + 1)] as const));
    const pieces: Resolved[] = [];
    const pattern = /\$\{(!?)([^}]*)\}/g;
    let last = 0;
    for (let match = pattern.exec(template); match !== null; match = pattern.exec(template)) {
      pieces.push(this.dynamicReferences(template.slice(last, match.index)));
      const name = (match[2] ?? '').trim();
      if (match[1] === '!') pieces.push('${' + name + '}');
      else if (vars.has(name)) pieces.push(vars.get(name) as Resolved);
      else if (name.includes('.')) {
        const [logicalId, attribute] = splitOnce(name, '.');
        pieces.push(this.getAtt(logicalId, attribute));
      } else pieces.push(this.ref(name));
      last = match.index + match[0].length;
    }
    pieces.push(this.dynamicReferences(template.slice(last)));
    return this.lift(pieces, (parts) => concat(parts.map((p) => asText(p) ?? this.inText(p, 'a value in `Fn::Sub`'))));
  }

  /**
   * The logical name a function gives `Ref` or `Fn::GetAtt` under `AWS::LanguageExtensions`; in the
   * output template of a loop over a collection known only at deploy, a name made from its
   * identifier (`EC2Instance${SubnetKey}`) is the logical id as written there.
   */
  private logicalName(expression: Record<string, unknown>, depth: number): string | SymbolicValue | undefined {
    const name = asText(this.walk(expression, depth + 1));
    if (!(name instanceof SymbolicValue)) return name;
    const prefix = `${this.stack.key}:param:`;
    let written = '';
    for (const part of name.parts) {
      if (typeof part === 'string') {
        written += part;
        continue;
      }
      const parameter = part.id.startsWith(prefix) ? part.id.slice(prefix.length) : '';
      const declared = this.stack.parameters[parameter];
      if (!isRecord(declared) || typeof declared[ELEMENT_OF] !== 'string') return name;
      written += '${' + parameter + '}';
    }
    return this.stack.resource(written) !== undefined ? written : name;
  }

  private ref(name: unknown, depth = 0): Resolved {
    if (isRecord(name)) {
      const logical = this.logicalName(name, depth);
      if (typeof logical === 'string') return this.ref(logical, depth);
      return this.opaque(
        { Ref: name },
        logical === undefined ? 'a malformed `Ref`' : 'a resource or parameter named at deploy',
      );
    }
    if (typeof name !== 'string') return this.opaque({ Ref: name }, 'a malformed `Ref`');
    switch (name) {
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::Partition':
        return this.stack.partition;
      case 'AWS::URLSuffix':
        return this.urlSuffix();
      case 'AWS::AccountId':
        return this.account();
      case 'AWS::Region':
        return this.region();
      case 'AWS::StackName':
        return (
          this.stack.stackName ?? holeText({ id: `${this.stack.key}:AWS::StackName`, source: 'the name of the stack' })
        );
      case 'AWS::StackId':
        return holeText({ id: `${this.stack.key}:AWS::StackId`, source: 'the id of the stack' });
      case 'AWS::NotificationARNs':
        return new UnknownList({
          id: `${this.stack.key}:AWS::NotificationARNs`,
          source: 'the notification ARNs of the stack',
        });
    }
    const parameter = this.stack.parameters[name];
    if (parameter !== undefined) {
      const type = isRecord(parameter) && typeof parameter['Type'] === 'string' ? parameter['Type'] : '';
      // A text a condition fixes, in what it decides (one passed a parameter of the parent as well).
      const fixed = this.assumed.get(name);
      if (fixed !== undefined) return fixed;
      const passed = this.stack.parameterValue?.(name);
      if (passed !== undefined) return asParameter(passed, type);
      const element = isRecord(parameter) ? parameter[ELEMENT_OF] : undefined;
      const source =
        typeof element === 'string' ? `each element of ${element} (\`${name}\`)` : `the value of parameter \`${name}\``;
      const hole: Hole = { id: `${this.stack.key}:param:${name}`, source, ...allowedValues(parameter, element) };
      return /^(List<|CommaDelimitedList)/.test(type) ? new UnknownList(hole) : holeText(hole);
    }
    const resource = this.stack.resource(name);
    if (resource === undefined)
      return holeText({ id: `${this.stack.key}:ref:${name}`, source: `the value of \`${name}\`` });
    if (resource.type === ORGANIZATION) return this.ownOrganization(resource);
    return this.shaped(resource, ownEntry(RESOURCE_SHAPES, resource.type)?.ref, 'Ref');
  }

  /**
   * The id of an organization the input creates (`Ref` or `Fn::GetAtt Id` of one): the organization
   * of the account that deploys it, so the deployer's own, not one an input may name.
   */
  private ownOrganization(resource: ResourceView): SymbolicValue {
    return holeText({
      id: `${this.stack.key}/${resource.logicalId}#Id`,
      source: `the id of organization \`${resource.logicalId}\``,
      ownOrganization: true,
    });
  }

  private getAtt(logicalId: string, attribute: string): Resolved {
    const resource = this.stack.resource(logicalId);
    if (resource === undefined) {
      return holeText({
        id: `${this.stack.key}/${logicalId}#${attribute}`,
        source: `the ${attribute} of \`${logicalId}\``,
      });
    }
    if (resource.type === CFN_JSON && attribute === 'Value') return this.cfnJsonValue(resource);
    if (resource.type === ORGANIZATION && attribute === 'Id') return this.ownOrganization(resource);
    // The organization's ARN names its management account, the one that creates it: the stack's.
    if (resource.type === ORGANIZATION && attribute === 'Arn') {
      const account = this.account();
      return new SymbolicValue([
        `arn:${this.stack.partition}:organizations::`,
        ...(typeof account === 'string' ? [account] : account.parts),
        ':organization/',
        ...this.ownOrganization(resource).parts,
      ]);
    }
    if (resource.type === CROSS_REGION_READER) {
      const exported = this.stack.regionExport?.(attribute);
      if (exported !== undefined) return exported;
    }
    if (NESTED_STACK_TYPES.has(resource.type) && attribute.startsWith('Outputs.')) {
      const output = this.stack.nestedOutput?.(logicalId, attribute.slice('Outputs.'.length));
      if (output !== undefined) return output;
    }
    const attributes = ownEntry(RESOURCE_SHAPES, resource.type)?.attributes;
    return this.shaped(resource, attributes === undefined ? undefined : ownEntry(attributes, attribute), attribute);
  }

  /**
   * The object a CDK `CfnJson` stands for: its custom resource parses the JSON text of `Value` at
   * deploy, so that tokens can appear in keys (`StringEquals: { "<issuer>:sub": ... }`).
   */
  private cfnJsonValue(resource: ResourceView): Resolved {
    const unknown = (): SymbolicValue =>
      holeText({
        id: `${this.stack.key}/${resource.logicalId}#Value`,
        source: `the JSON value of \`${resource.logicalId}\``,
      });
    let raw: unknown;
    try {
      raw = resource.properties()['Value'];
    } catch {
      return unknown();
    }
    const value = this.resolve(raw);
    if (isRecord(value) || Array.isArray(value)) return value;
    const text = asText(value);
    const parsed = text === undefined ? undefined : parseJsonText(text);
    return parsed === undefined ? unknown() : (parsed.value as Resolved);
  }

  private shaped(resource: ResourceView, template: string | undefined, what: string, region?: Text): Text {
    const shape = ownEntry(RESOURCE_SHAPES, resource.type);
    const label = shape?.label ?? resource.type;
    const base = `${this.stack.key}/${resource.logicalId}`;
    if (template === undefined) {
      const noun = what === 'Ref' ? 'physical id' : what;
      return holeText({ id: `${base}#${what}`, source: `the ${noun} of ${label} \`${resource.logicalId}\`` });
    }
    const properties = (): Record<string, unknown> => {
      try {
        return resource.properties();
      } catch {
        return {};
      }
    };
    const parts: Text[] = [];
    const placeholder = /\{(\w+)\}/g;
    let last = 0;
    for (let match = placeholder.exec(template); match !== null; match = placeholder.exec(template)) {
      parts.push(template.slice(last, match.index));
      last = match.index + match[0].length;
      switch (match[1]) {
        case 'partition':
          parts.push(this.stack.partition);
          break;
        case 'region':
          parts.push(region ?? this.region());
          break;
        case 'account':
          parts.push(this.account());
          break;
        case 'urlSuffix':
          parts.push(this.urlSuffix());
          break;
        case 'path': {
          const path = properties()['Path'];
          parts.push(
            path === undefined
              ? '/'
              : this.literalOr(path, `${base}#Path`, `the path of ${label} \`${resource.logicalId}\``),
          );
          break;
        }
        case 'name': {
          const name = shape?.nameProperty === undefined ? undefined : properties()[shape.nameProperty];
          parts.push(
            name === undefined
              ? holeText({ id: `${base}#name`, source: `the name of ${label} \`${resource.logicalId}\`` })
              : this.literalOr(name, `${base}#name`, `the name of ${label} \`${resource.logicalId}\``),
          );
          break;
        }
        case 'url': {
          const url = properties()['Url'];
          const text = url === undefined ? undefined : asText(this.resolve(url));
          if (typeof text === 'string') parts.push(text.replace(/^https:\/\//, ''));
          else if (text instanceof SymbolicValue) {
            // The provider's ARN names the URL without its scheme, known only after deploy or not.
            const [first, ...rest] = text.parts;
            parts.push(
              typeof first === 'string' ? new SymbolicValue([first.replace(/^https:\/\//, ''), ...rest]) : text,
            );
          } else parts.push(holeText({ id: `${base}#url`, source: `the URL of ${label} \`${resource.logicalId}\`` }));
          break;
        }
        case 'issuerId':
          parts.push(
            holeText({ id: `${base}#issuerId`, source: `the OIDC issuer id of ${label} \`${resource.logicalId}\`` }),
          );
          break;
        case 'suffix':
          parts.push(
            holeText({ id: `${base}#suffix`, source: `the generated suffix of ${label} \`${resource.logicalId}\`` }),
          );
          break;
        default:
          parts.push(holeText({ id: `${base}#id`, source: `the id of ${label} \`${resource.logicalId}\`` }));
      }
    }
    parts.push(template.slice(last));
    return concat(parts);
  }

  private literalOr(value: unknown, id: string, source: string): Text {
    const resolved = this.resolve(value);
    return asText(resolved) ?? holeText({ id, source });
  }

  private account(): Text {
    return this.stack.account ?? holeText(ACCOUNT_HOLE);
  }

  private region(): Text {
    return this.stack.region ?? holeText(REGION_HOLE);
  }

  private urlSuffix(): string {
    return this.stack.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  }

  private conditionValue(name: string, depth: number): Resolved {
    const decided = this.condition(name, depth);
    return decided === undefined
      ? holeText({ id: `${this.stack.key}:condition:${name}`, source: `condition \`${name}\`` })
      : String(decided);
  }

  /** The value of `Fn::If` on a condition whose truth follows other stacks' conditions (`truth`). */
  private byTruth(form: Resolved, own: string, whenTrue: () => Resolved, whenFalse: () => Resolved): Resolved {
    if (form instanceof Branches)
      return new Branches(
        form.condition,
        this.byTruth(form.whenTrue, own, whenTrue, whenFalse),
        this.byTruth(form.whenFalse, own, whenTrue, whenFalse),
        form.sides,
      );
    if (form === true) return whenTrue();
    if (form === false) return whenFalse();
    return new Branches(own, whenTrue(), whenFalse());
  }

  /**
   * The value of the named condition when it is decidable before deploy (`undefined`: either). A
   * condition on a value a parent stack passes as its own `Fn::If` is decided when every side the
   * parent may take decides it the same way (`!If [IsProd, prod, staging]` is never `dev`).
   */
  decide(name: string): boolean | undefined {
    return this.condition(name, 0) ?? sameOnEverySide(this.truthOf(name, 0));
  }

  /**
   * Where the value at `pointer` of what `raw` resolves to is written in `raw`. A `Fn::If` decided
   * before deploy resolves to one of its sides, so `pointer` has no step for it: its step is put
   * back (`/Statement/0/Fn::If/1` found under `!If [Always, !If [C, ...], ...]` is written at
   * `/Statement/0/Fn::If/1/Fn::If/1`), decided as when resolved, under the sides of the `Fn::If`s
   * above it. Steps past what can be followed (a JSON text, another intrinsic) are kept as given.
   */
  writtenPointer(raw: unknown, pointer: string): string {
    const steps = pointer === '' ? [] : pointer.split('/').slice(1);
    const written: string[] = [];
    let node = raw;
    let fixed: ReadonlyMap<string, string> = new Map();
    let i = 0;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const branches = isRecord(node) && Object.keys(node).length === 1 ? node['Fn::If'] : undefined;
      if (Array.isArray(branches) && branches.length === 3 && typeof branches[0] === 'string') {
        const condition: string = branches[0];
        const decided = this.assuming(fixed, () => this.decide(condition));
        const taken = steps[i] === 'Fn::If' && (steps[i + 1] === '1' || steps[i + 1] === '2');
        if (decided === undefined && !taken) break;
        const truth = decided ?? steps[i + 1] === '1';
        if (decided === undefined) {
          fixed = new Map([...fixed, ...this.fixedBy({ Condition: condition }, truth, 0)]);
          i += 2;
        }
        written.push('Fn::If', truth ? '1' : '2');
        node = branches[truth ? 1 : 2];
        continue;
      }
      const step = steps[i];
      if (step === undefined) break;
      const key = step.replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(node) && /^\d+$/.test(key) && Number(key) < node.length) node = node[Number(key)];
      else if (isRecord(node) && Object.hasOwn(node, key)) node = node[key];
      else break;
      written.push(step);
      i++;
    }
    return [...written, ...steps.slice(i)].map((step) => `/${step}`).join('');
  }

  /**
   * The parameters a condition expression fixes when it has the given truth: `Fn::Equals` of a
   * parameter (one this stack is not passed, or passed only a parameter of its parent, of a text
   * type) and a text, through `Condition`,
   * `Fn::Not`, a true `Fn::And` and a false `Fn::Or`. Empty when it fixes none.
   */
  private fixedBy(expression: unknown, truth: boolean, depth: number): ReadonlyMap<string, string> {
    type Fixes = (truth: boolean) => ReadonlyMap<string, string>;
    const none: Fixes = () => new Map();
    const all =
      (parts: readonly Fixes[], each: boolean): Fixes =>
      () =>
        new Map(parts.flatMap((part) => [...part(each)]));
    const reading: ConditionReading<Fixes> = {
      named: (name, at) => (t) => this.foldCondition(this.stack.conditions[name], reading, at + 1)(t),
      not: (part) => (t) => part(!t),
      and: (parts) => (t) => (t ? all(parts, true)(t) : new Map()),
      or: (parts) => (t) => (t ? new Map() : all(parts, false)(t)),
      equals: (list) => (t) => {
        const compared = t ? this.comparisonOf(list) : undefined;
        return compared === undefined ? new Map() : new Map([[compared.parameter, compared.text]]);
      },
      other: none,
    };
    return this.foldCondition(expression, reading, depth)(truth);
  }

  /** The parameter and the text of an `Fn::Equals` of a parameter (`fixableParameter`) and a text. */
  private comparisonOf(list: readonly unknown[]): { parameter: string; text: string } | undefined {
    if (list.length !== 2) return undefined;
    const [a, b] = list;
    const first = this.fixableParameter(a);
    const parameter = first ?? this.fixableParameter(b);
    const text = first === undefined ? a : b;
    return parameter !== undefined && typeof text === 'string' ? { parameter, text } : undefined;
  }

  /**
   * `comparisonOf`, or of `AWS::Region` or `AWS::AccountId` unknown before deploy and a text: what
   * the search of `deployableSides` gives values, as one value of a parameter each deploy.
   */
  private searchedComparisonOf(list: readonly unknown[]): { parameter: string; text: string } | undefined {
    const compared = this.comparisonOf(list);
    if (compared !== undefined || list.length !== 2) return compared;
    const [a, b] = list;
    const pseudo = (value: unknown): string | undefined => {
      const name = isRecord(value) && Object.keys(value).length === 1 ? value['Ref'] : undefined;
      return (name === 'AWS::Region' || name === 'AWS::AccountId') && typeof this.resolve(value) !== 'string'
        ? name
        : undefined;
    };
    const first = pseudo(a);
    const parameter = first ?? pseudo(b);
    const text = first === undefined ? a : b;
    return parameter !== undefined && typeof text === 'string' ? { parameter, text } : undefined;
  }

  /**
   * The parameters a condition can fix (`fixableParameter`) that `value` reads, by `Ref` or in an
   * `Fn::Sub` text, however deep.
   */
  private readParameters(value: unknown, into: Set<string>, depth = 0): Set<string> {
    if (depth > MAX_DEPTH) return into;
    if (Array.isArray(value)) for (const part of value) this.readParameters(part, into, depth + 1);
    else if (isRecord(value)) {
      const name = this.fixableParameter(value);
      if (name !== undefined) into.add(name);
      for (const [key, part] of Object.entries(value)) {
        const sub: unknown = key === 'Fn::Sub' ? part : undefined;
        const text: unknown = Array.isArray(sub) ? (sub as unknown[])[0] : sub;
        if (typeof text === 'string')
          for (const [, named] of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
            const ref = named === undefined ? undefined : this.fixableParameter({ Ref: named.trim() });
            if (ref !== undefined) into.add(ref);
          }
        this.readParameters(part, into, depth + 1);
      }
    }
    return into;
  }

  /** The name of the parameter `value` refers to, when a condition on it can fix its text. */
  private fixableParameter(value: unknown): string | undefined {
    const name = isRecord(value) && Object.keys(value).length === 1 ? value['Ref'] : undefined;
    if (typeof name !== 'string' || !Object.hasOwn(this.stack.parameters, name)) return undefined;
    const parameter = this.stack.parameters[name];
    const type = isRecord(parameter) && typeof parameter['Type'] === 'string' ? parameter['Type'] : '';
    if (/^(List<|CommaDelimitedList)/.test(type) || (isRecord(parameter) && parameter[ELEMENT_OF] !== undefined))
      return undefined;
    return this.stack.parameterValue?.(name) === undefined || this.passedParameter(name) !== undefined
      ? name
      : undefined;
  }

  /** Whether two parameters of this stack hold one value: the same, or passed one value by the parent. */
  private sameValue(a: string, b: string): boolean {
    return a === b || (this.passedParameter(a)?.id ?? a) === (this.passedParameter(b)?.id ?? b);
  }

  /**
   * The one value unknown before deploy a parameter of this nested stack is passed, as its hole,
   * when that is all it is passed (`Env: !Ref ParentEnv`, `Env: !Ref Bucket`): a condition on it is
   * one on that value, fixed and searched as this stack's own parameter, within the values the
   * parent's parameter allows, if it is one. One value, never two texts at once.
   */
  private passedParameter(name: string): Hole | undefined {
    const passed = this.stack.parameterValue?.(name);
    if (!(passed instanceof SymbolicValue) || passed.parts.length !== 1) return undefined;
    const [hole] = passed.parts;
    return typeof hole === 'object' && hole.anyText !== true ? hole : undefined;
  }

  /**
   * `walk` with the parameters `fixed` holding their texts. The conditions decided meanwhile hold
   * only there, so they are not kept for the rest of the stack.
   */
  private assuming<T>(fixed: ReadonlyMap<string, string>, walk: () => T): T {
    if (fixed.size === 0 || [...fixed].every(([name, text]) => this.assumed.get(name) === text)) return walk();
    const saved = { assumed: this.assumed, conditions: this.conditionCache, truths: this.truthCache };
    this.assumed = new Map([...this.assumed, ...fixed]);
    this.conditionCache = new Map();
    this.truthCache = new Map();
    try {
      return walk();
    } finally {
      this.assumed = saved.assumed;
      this.conditionCache = saved.conditions;
      this.truthCache = saved.truths;
    }
  }

  /**
   * `read` run as for a resource CloudFormation creates only when its `Condition` holds: a
   * parameter the condition compares to a text is that text (`Condition: IsProd` with
   * `IsProd: !Equals [!Ref Env, prod]`: `Env` is `prod` in everything the resource holds).
   */
  whenCreated<T>(condition: string | undefined, read: () => T): T {
    return condition === undefined ? read() : this.assuming(this.fixedBy({ Condition: condition }, true, 0), read);
  }

  /**
   * The sides the named conditions of this stack, and those they are tied to, may take together in
   * one deploy, each a side per condition by its name (`IsProd`: true):
   * those some values of the parameters they compare to texts give them (`IsProd: Env == prod` and
   * `IsDev: Env == dev`, or `IsDev: !Not [IsProd]`, are never both true). Tied: one names the other
   * (`Condition`), or both compare one parameter. A condition these values do not decide may take
   * either side. Undefined when not worked out (a name of no condition of this stack, too many
   * conditions or values to try).
   */
  deployableSides(named: readonly string[]): Record<string, boolean>[] | undefined {
    if (named.length === 0 || named.some((name) => !Object.hasOwn(this.stack.conditions, name))) return undefined;
    const { compared, tiedTo } = this.conditionTies();
    const names = new Set(named);
    for (let grown = true; grown && names.size <= MAX_SIDES_NAMED;) {
      grown = false;
      for (const [name, texts] of compared) {
        if (names.has(name)) continue;
        const tied = [...names].some(
          (other) =>
            tiedTo.get(other)?.has(name) === true ||
            tiedTo.get(name)?.has(other) === true ||
            [...texts.keys()].some((parameter) =>
              [...(compared.get(other)?.keys() ?? [])].some((read) => this.sameValue(read, parameter)),
            ),
        );
        if (!tied) continue;
        names.add(name);
        grown = true;
      }
    }
    if (names.size > MAX_SIDES_NAMED) return undefined;
    // Policies of one stack often name the same conditions: each set of them is worked out once.
    const key = JSON.stringify([[...names].sort(), [...this.assumed]]);
    if (!this.sidesCache.has(key)) this.sidesCache.set(key, this.sidesTogether([...names]));
    return this.sidesCache.get(key);
  }

  /**
   * `deployableSides` of the conditions `names`, tied together already. Each parameter they compare
   * to texts takes one of the texts or one other value (its allowed values that no condition names
   * behave alike), one parameter after another: what is left of each condition once a value is
   * given is kept, and the values that leave the same are tried on together, so conditions on
   * parameters apart cost their sum, not their product. Undefined past `MAX_SEARCH_STATES` ways of
   * what is left, or past `MAX_SEARCH_WORK`.
   */
  private sidesTogether(names: readonly string[]): Record<string, boolean>[] | undefined {
    const { compared, readWhole } = this.conditionTies();
    // Parameters of a nested stack its parent passes one value (`A: !Ref Env`, `B: !Ref Env`) take
    // one text together: searched as one, keyed by that value.
    const texts = new Map<string, Set<string>>();
    const members = new Map<string, Set<string>>();
    const readers = new Map<string, number>();
    for (const name of names)
      for (const [parameter, values] of compared.get(name) ?? []) {
        const key = this.passedParameter(parameter)?.id ?? parameter;
        texts.set(key, new Set([...(texts.get(key) ?? []), ...values]));
        members.set(key, new Set([...(members.get(key) ?? []), parameter]));
        readers.set(key, (readers.get(key) ?? 0) + 1);
      }
    const domains = [...texts].map(([key, values]) => {
      const parameters = [...(members.get(key) ?? [])];
      // CloudFormation checks what a parent passes against the nested stack's `AllowedValues` too
      // (of each parameter it is passed to).
      let allowed = this.passedParameter(parameters[0] ?? key)?.values;
      for (const parameter of parameters) {
        const own = allowedValues(this.stack.parameters[parameter], undefined).values;
        if (own !== undefined) allowed = allowed === undefined ? own : allowed.filter((value) => own.includes(value));
      }
      // Read by more than a comparison with a text (`!Join`, `!FindInMap`, another parameter): each
      // allowed value is its own, and another value leaves what reads it unknown.
      if (parameters.some((parameter) => readWhole.has(parameter)))
        return [key, parameters, allowed ?? [...values, OTHER_TEXT]] as const;
      const named = allowed === undefined ? [...values] : [...new Set(allowed.filter((v) => values.has(v)))];
      const other = allowed === undefined || allowed.some((v) => !values.has(v));
      return [key, parameters, other ? [...named, OTHER_TEXT] : named] as const;
    });
    // The parameters most conditions read first: what is left of them is decided soonest.
    domains.sort(([a], [b]) => (readers.get(b) ?? 0) - (readers.get(a) ?? 0));
    const first = names.map((name) => this.residual({ Condition: name }, 0, new Set()));
    const settle = (values: readonly unknown[], given: readonly (readonly [string, string])[]): Residual =>
      this.assuming(new Map(given.filter(([, value]) => value !== OTHER_TEXT)), () =>
        this.decidedReading.equals(values, 0),
      ) ?? { values, waiting: [], given };
    let states = new Map([[JSON.stringify(first), first]]);
    let work = 0;
    for (const [, parameters, values] of domains) {
      // Each value given costs about the length of what is left, written out.
      for (const key of states.keys()) work += values.length * key.length;
      if (work > MAX_SEARCH_WORK) return undefined;
      const next = new Map<string, Residual[]>();
      for (const left of states.values())
        for (const value of values) {
          const given = left.map((r) =>
            parameters.reduce((residual, parameter) => withValue(residual, parameter, value, settle), r),
          );
          next.set(JSON.stringify(given), given);
        }
      if (next.size > MAX_SEARCH_STATES) return undefined;
      states = next;
    }
    const sides = new Map<string, Record<string, boolean>>();
    for (const left of [...states.values()].flatMap(eachWayOpen)) {
      let ways: Record<string, boolean>[] = [{}];
      for (const [i, name] of names.entries()) {
        // A condition these values leave undecided (it reads a value known only at deploy, past
        // `MAX_OPEN_COMPARISONS`) may take either side.
        const truth = left[i];
        ways = ways.flatMap((way) =>
          typeof truth === 'boolean'
            ? [{ ...way, [name]: truth }]
            : [
                { ...way, [name]: true },
                { ...way, [name]: false },
              ],
        );
      }
      for (const way of ways) sides.set(JSON.stringify(way), way);
    }
    return [...sides.values()];
  }

  /**
   * A condition expression as far as it is decided before the parameters compared to texts are
   * given: those comparisons stay (`Residual`), the rest is decided (`evaluate`) or unknown.
   */
  private residual(expression: unknown, depth: number, active: ReadonlySet<string>): Residual {
    const reading: ConditionReading<Residual> = {
      named: (name, at) =>
        active.has(name) ? null : this.residual(this.stack.conditions[name], at + 1, new Set([...active, name])),
      equals: (list, at) => {
        const compared = this.searchedComparisonOf(list);
        if (compared !== undefined) return compared;
        const decided = this.decidedReading.equals(list, at);
        if (decided !== undefined) return decided;
        // Decided once the parameters it reads are given (`Fn::Join` of one, two compared); else
        // tried both ways, alike wherever written.
        const waiting = [...this.readParameters(list, new Set())].sort();
        return { values: list, waiting, given: [] };
      },
      not: negated,
      and: (parts) => joined('and', parts),
      or: (parts) => joined('or', parts),
      other: null,
    };
    return this.foldCondition(expression, reading, depth);
  }

  /**
   * For each condition of this stack, the texts it compares each parameter to (none for one it
   * reads otherwise) and the conditions it names; the parameters read otherwise than compared to a
   * text by any.
   */
  private conditionTies(): {
    compared: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
    tiedTo: ReadonlyMap<string, ReadonlySet<string>>;
    readWhole: ReadonlySet<string>;
  } {
    if (this.ties !== undefined) return this.ties;
    const compared = new Map<string, Map<string, Set<string>>>();
    const tiedTo = new Map<string, Set<string>>();
    const readWhole = new Set<string>();
    for (const name of Object.keys(this.stack.conditions)) {
      const texts = new Map<string, Set<string>>();
      const seen = new Set([name]);
      this.comparedTexts(this.stack.conditions[name], texts, seen, readWhole, 0);
      compared.set(name, texts);
      tiedTo.set(name, seen);
    }
    this.ties = { compared, tiedTo, readWhole };
    return this.ties;
  }

  /**
   * The texts `expression` compares each parameter it can fix to (`Fn::Equals`), into `texts`, the
   * parameters its other comparisons read, into `texts` and `readWhole`, and the conditions it
   * names, into `seen`.
   */
  private comparedTexts(
    expression: unknown,
    texts: Map<string, Set<string>>,
    seen: Set<string>,
    readWhole: Set<string>,
    depth: number,
  ): void {
    const reading: ConditionReading<undefined> = {
      named: (name, at) => {
        if (!seen.has(name)) {
          seen.add(name);
          this.foldCondition(this.stack.conditions[name], reading, at + 1);
        }
        return undefined;
      },
      not: () => undefined,
      and: () => undefined,
      or: () => undefined,
      equals: (list) => {
        const compared = this.searchedComparisonOf(list);
        const { parameter, text } = compared ?? {};
        if (parameter !== undefined && text !== undefined)
          texts.set(parameter, (texts.get(parameter) ?? new Set()).add(text));
        else
          for (const read of this.readParameters(list, new Set())) {
            texts.set(read, texts.get(read) ?? new Set());
            readWhole.add(read);
          }
        return undefined;
      },
      other: undefined,
    };
    this.foldCondition(expression, reading, depth);
  }

  /** `truth` of a named condition, computed once. */
  private truthOf(name: string, depth: number): Resolved {
    if (!this.truthCache.has(name)) this.truthCache.set(name, this.truth({ Condition: name }, depth, new Set()));
    return this.truthCache.get(name) ?? null;
  }

  /**
   * The truth of a condition expression over the conditions of the stacks its values come from: a
   * tree of `Branches` with `true`, `false` or `null` (unknown) leaves.
   */
  private truth(expression: unknown, depth: number, active: ReadonlySet<string>): Resolved {
    const three = (values: Resolved[], fn: (v: (boolean | null)[]) => boolean | null): Resolved =>
      this.lift(values, (leaves) => fn(leaves.map((v) => (typeof v === 'boolean' ? v : null))));
    const reading: ConditionReading<Resolved> = {
      // A condition that refers back to itself is unknown.
      named: (name, at) =>
        active.has(name) ? null : this.truth(this.stack.conditions[name], at + 1, new Set([...active, name])),
      equals: (list, at) => {
        if (list.length !== 2) return null;
        return this.lift(
          list.map((v) => this.walk(v, at + 1)),
          ([a, b]) => sameScalars(a, b) ?? null,
        );
      },
      not: (part) => three([part], ([v]) => (v === null || v === undefined ? null : !v)),
      and: (parts) => three(parts, (v) => (v.includes(false) ? false : v.every((x) => x === true) ? true : null)),
      or: (parts) => three(parts, (v) => (v.includes(true) ? true : v.every((x) => x === false) ? false : null)),
      other: null,
    };
    return this.foldCondition(expression, reading, depth);
  }

  /** The value of a named condition when it is decidable before deploy. */
  private condition(name: string, depth: number): boolean | undefined {
    if (this.conditionCache.has(name)) return this.conditionCache.get(name);
    this.conditionCache.set(name, undefined); // guards against cycles
    const decided = this.evaluate(this.stack.conditions[name], depth + 1);
    this.conditionCache.set(name, decided);
    return decided;
  }

  private evaluate(expression: unknown, depth: number): boolean | undefined {
    return this.foldCondition(expression, this.decidedReading, depth);
  }

  /** How `evaluate` reads a condition: decided before deploy, or `undefined`. */
  private readonly decidedReading: ConditionReading<boolean | undefined> = {
    named: (name, depth) => this.condition(name, depth),
    equals: (list, depth) => {
      const [a, b] = list.map((v) => this.walk(v, depth + 1));
      return sameScalars(a, b);
    },
    not: (inner) => (inner === undefined ? undefined : !inner),
    and: (values) => (values.includes(false) ? false : values.every((v) => v === true) ? true : undefined),
    or: (values) => (values.includes(true) ? true : values.every((v) => v === false) ? false : undefined),
    other: undefined,
  };

  /**
   * The one walk of the condition grammar (`Condition`, `Fn::Equals`, `Fn::Not`, `Fn::And`,
   * `Fn::Or`): each form read as `reading` says. A named condition is followed by the reading
   * (each guards against cycles its own way); anything else, or deeper than `MAX_DEPTH`, is `other`.
   */
  private foldCondition<T>(expression: unknown, reading: ConditionReading<T>, depth: number): T {
    if (depth > MAX_DEPTH || !isRecord(expression)) return reading.other;
    const [key] = Object.keys(expression);
    const arg = key === undefined ? undefined : expression[key];
    const list = Array.isArray(arg) ? (arg as unknown[]) : [];
    const parts = (): T[] => list.map((part) => this.foldCondition(part, reading, depth + 1));
    switch (key) {
      case 'Condition':
        return typeof arg === 'string' ? reading.named(arg, depth) : reading.other;
      case 'Fn::Equals':
        return reading.equals(list, depth);
      case 'Fn::Not':
        return reading.not(this.foldCondition(list[0], reading, depth + 1));
      case 'Fn::And':
        return reading.and(parts());
      case 'Fn::Or':
        return reading.or(parts());
      default:
        return reading.other;
    }
  }
}

/**
 * What is left of a condition before the parameters it compares to texts are given: a truth,
 * unknown (`null`), a comparison of a parameter with a text, or `Fn::Not`, `Fn::And`, `Fn::Or` of
 * these (see `Resolver.residual`).
 */
type Residual =
  | boolean
  | null
  | { readonly parameter: string; readonly text: string }
  /** Another `Fn::Equals`, until the parameters it reads are given. */
  | {
      readonly values: readonly unknown[];
      readonly waiting: readonly string[];
      readonly given: readonly (readonly [string, string])[];
    }
  | { readonly not: Residual }
  | { readonly and: readonly Residual[] }
  | { readonly or: readonly Residual[] };

function negated(value: Residual): Residual {
  if (value === null || typeof value === 'boolean') return value === null ? null : !value;
  return 'not' in value ? value.not : { not: value };
}

/** `Fn::And` or `Fn::Or` of `parts`, decided when they decide it (three-valued, as `evaluate`). */
function joined(kind: 'and' | 'or', parts: readonly Residual[]): Residual {
  const decisive = kind === 'or';
  const kept: Residual[] = [];
  for (const part of parts) {
    if (part === decisive) return decisive;
    if (part !== !decisive) kept.push(part);
  }
  if (kept.length === 0) return !decisive;
  if (kept.every((part) => part === null)) return null;
  if (kept.length === 1) return kept[0] ?? null;
  return kind === 'and' ? { and: kept } : { or: kept };
}

/** A string or a number: what `Fn::Equals` and a mapping's entries compare as text. */
function isScalar(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

/** Whether two values `Fn::Equals` compares are equal, as texts; undefined when either is not known. */
function sameScalars(a: unknown, b: unknown): boolean | undefined {
  return isScalar(a) && isScalar(b) ? String(a) === String(b) : undefined;
}

/**
 * `left` with each way its comparisons left open (an `Fn::Equals` the values given do not decide:
 * `AWS::Region` compared to a parameter, one read with another value) may go: each open comparison
 * alike in every condition, so a condition and its `Fn::Not` never hold together. Past
 * `MAX_OPEN_COMPARISONS`, `left` as it is.
 */
function eachWayOpen(left: readonly Residual[]): (readonly Residual[])[] {
  const open = new Set<string>();
  const collect = (r: Residual): void => {
    if (r === null || typeof r === 'boolean' || 'parameter' in r) return;
    if ('values' in r) open.add(openKey(r));
    else if ('not' in r) collect(r.not);
    else for (const part of 'and' in r ? r.and : r.or) collect(part);
  };
  left.forEach(collect);
  if (open.size === 0 || open.size > MAX_OPEN_COMPARISONS) return [left];
  let ways = [new Map<string, boolean>()];
  for (const key of open)
    ways = ways.flatMap((way) => [true, false].map((truth) => new Map<string, boolean>([...way, [key, truth]])));
  return ways.map((truths) => left.map((r) => decidedBy(r, truths)));
}

/** What identifies an open comparison: what it compares, and the values given to what it reads. */
function openKey(r: {
  readonly values: readonly unknown[];
  readonly given: readonly (readonly [string, string])[];
}): string {
  return JSON.stringify([r.values, r.given]);
}

/** `residual` with its open comparisons given the truths `truths` (by `openKey`). */
function decidedBy(residual: Residual, truths: ReadonlyMap<string, boolean>): Residual {
  if (residual === null || typeof residual === 'boolean' || 'parameter' in residual) return residual;
  if ('values' in residual) return truths.get(openKey(residual)) ?? null;
  const each = (r: Residual): Residual => decidedBy(r, truths);
  if ('not' in residual) return negated(each(residual.not));
  return 'and' in residual ? joined('and', residual.and.map(each)) : joined('or', residual.or.map(each));
}

/**
 * `residual` with `parameter` holding `value`; `settle` decides an `Fn::Equals` once every
 * parameter it reads is given.
 */
function withValue(
  residual: Residual,
  parameter: string,
  value: string,
  settle: (values: readonly unknown[], given: readonly (readonly [string, string])[]) => Residual,
): Residual {
  if (residual === null || typeof residual === 'boolean') return residual;
  if ('parameter' in residual) return residual.parameter === parameter ? residual.text === value : residual;
  if ('values' in residual) {
    if (!residual.waiting.includes(parameter)) return residual;
    const waiting = residual.waiting.filter((name) => name !== parameter);
    const given = [...residual.given, [parameter, value] as const];
    return waiting.length === 0 ? settle(residual.values, given) : { values: residual.values, waiting, given };
  }
  const each = (r: Residual): Residual => withValue(r, parameter, value, settle);
  if ('not' in residual) return negated(each(residual.not));
  return 'and' in residual ? joined('and', residual.and.map(each)) : joined('or', residual.or.map(each));
}

/** The truth of a condition when it is the same on every side a deploy can take (`truth`). */
function sameOnEverySide(form: Resolved): boolean | undefined {
  const leaves = new Set<Resolved>();
  collectLeaves(form, new Map(), leaves);
  const [only] = leaves;
  return leaves.size === 1 && typeof only === 'boolean' ? only : undefined;
}

/**
 * The leaves of a tree of `Branches` a deploy can reach: a condition met again below itself takes
 * the side it took above.
 */
function collectLeaves(tree: Resolved, taken: ReadonlyMap<string, boolean>, leaves: Set<Resolved>): void {
  if (!(tree instanceof Branches)) {
    leaves.add(tree);
    return;
  }
  const side = taken.get(tree.condition);
  if (side !== false) collectLeaves(tree.whenTrue, new Map([...taken, [tree.condition, true]]), leaves);
  if (side !== true) collectLeaves(tree.whenFalse, new Map([...taken, [tree.condition, false]]), leaves);
}

/**
 * A value passed to a parameter as the parameter holds it: a list type takes a comma-separated
 * text, each member trimmed, as CloudFormation reads it; other types hold the text.
 */
function asParameter(value: Resolved, type: string): Resolved {
  if (!/^(List<|CommaDelimitedList)/.test(type)) return value;
  if (Array.isArray(value)) return value as readonly Resolved[];
  const text = asText(value);
  if (typeof text === 'string') return text.split(',').map((member) => member.trim());
  return value instanceof Branches
    ? new Branches(value.condition, asParameter(value.whenTrue, type), asParameter(value.whenFalse, type), value.sides)
    : text === undefined
      ? value
      : splitText(text, ',');
}

/** Splits a text on a literal delimiter; holes are assumed not to contain it. */
function splitText(text: Text, delimiter: string): Text[] {
  if (typeof text === 'string') return text.split(delimiter);
  const out: Text[][] = [[]];
  for (const part of text.parts) {
    if (typeof part !== 'string') {
      (out[out.length - 1] as Text[]).push(holeText(part));
      continue;
    }
    const pieces = part.split(delimiter);
    pieces.forEach((piece, i) => {
      if (i > 0) out.push([]);
      (out[out.length - 1] as Text[]).push(piece);
    });
  }
  return out.map(concat);
}

function splitOnce(text: string, separator: string): [string, string] {
  const i = text.indexOf(separator);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

/** Key-order independent JSON, for hole ids of opaque expressions; cut below `MAX_DEPTH` levels. */
function stableJson(value: unknown, depth = 0): string {
  // The resolver hands over values it found too deep, so this must not recurse without bound either.
  if (depth > MAX_DEPTH) return '"…"';
  if (Array.isArray(value)) return '[' + value.map((v) => stableJson(v, depth + 1)).join(',') + ']';
  if (isRecord(value)) {
    return (
      '{' +
      Object.keys(value)
        .sort()
        .map((k) => JSON.stringify(k) + ':' + stableJson(value[k], depth + 1))
        .join(',') +
      '}'
    );
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * The JSON text of a value whose strings may hold holes, `AWS::NoValue` left out as CloudFormation
 * does; `undefined` when its shape is not known before deploy (a branch, a list known after deploy).
 */
function jsonText(value: Resolved): Text | undefined {
  if (value instanceof SymbolicValue) {
    return concat([
      '"',
      ...value.parts.map((p) => (typeof p === 'string' ? JSON.stringify(p).slice(1, -1) : holeText(p))),
      '"',
    ]);
  }
  if (value instanceof Branches || value instanceof UnknownList || value === NO_VALUE) return undefined;
  if (Array.isArray(value)) {
    const elements = (value as Resolved[]).filter((e) => e !== NO_VALUE).map(jsonText);
    if (elements.some((e) => e === undefined)) return undefined;
    return concat(['[', ...elements.flatMap((e, i) => (i === 0 ? [e as Text] : [',', e as Text])), ']']);
  }
  if (isRecord(value)) {
    const members: Text[] = [];
    for (const [key, member] of Object.entries(value)) {
      if (member === NO_VALUE) continue;
      const text = jsonText(member);
      if (text === undefined) return undefined;
      members.push(concat([members.length === 0 ? '' : ',', JSON.stringify(key), ':', text]));
    }
    return concat(['{', ...members, '}']);
  }
  return JSON.stringify(value);
}

/** True when the value holds no symbolic part, branch, unknown list or `AWS::NoValue`. */
function isPlainJson(value: Resolved): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return true;
  if (Array.isArray(value)) return (value as Resolved[]).every(isPlainJson);
  if (isRecord(value)) return Object.values(value).every((v) => isPlainJson(v));
  return false;
}

/**
 * The values a parameter may take when it lists them (`AllowedValues` of text and numbers): a
 * check judges each. None for the element of a loop (its collection, not the parameter, decides).
 */
function allowedValues(parameter: unknown, element: unknown): { values?: readonly string[] } {
  const allowed = isRecord(parameter) && element === undefined ? parameter['AllowedValues'] : undefined;
  if (!Array.isArray(allowed) || allowed.length === 0) return {};
  const values = allowed.map((v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined));
  return values.every((v): v is string => v !== undefined) ? { values } : {};
}

/**
 * `{ input: true }` when one of the holes is an input given at deploy (or computed from one): a
 * value computed from it may be anything of its shape, `*` as well as one name.
 */
function fromInput(holes: readonly Hole[]): { input?: true } {
  return holes.some(isInputHole) ? { input: true } : {};
}

/**
 * A hole that is one of `values`, chosen at deploy. One holding a wildcard (a mapping's `dev: '*'`)
 * may be any value: it is marked so, where a check cannot judge each.
 */
function listed(hole: Hole, values: readonly string[]): Hole {
  const unique = [...new Set(values)];
  return { ...hole, values: unique, ...(unique.some((v) => /[*?]/.test(v)) ? { input: true } : {}) };
}

/**
 * One of several values, chosen at deploy: a chain of `Branches`, one named condition per value
 * but the last, so that each is judged as a branch of `Fn::If` is.
 */
function chooseAtDeploy(
  choices: readonly { condition: string; value: unknown; says: readonly ChoiceSide[] }[],
  resolve: (value: unknown) => Resolved,
): Resolved {
  const last = choices[choices.length - 1];
  if (last === undefined) return NO_VALUE;
  let value = resolve(last.value);
  for (let i = choices.length - 2; i >= 0; i--) {
    const choice = choices[i] as { condition: string; value: unknown; says: readonly ChoiceSide[] };
    // The other side is the next choice, which says which it is, or the last one left.
    const otherwise = i === choices.length - 2 ? last.says : undefined;
    value = new Branches(choice.condition, resolve(choice.value), value, [choice.says, otherwise]);
  }
  return value;
}

/**
 * The sides of a choice made at deploy, from the keys it is made by and what each takes
 * (`\`Stage\`` is `\`dev\``); keys written out say nothing.
 */
function chosenAs(...keys: readonly (readonly [Text, string])[]): readonly ChoiceSide[] {
  const said = keys.flatMap(([key, taken]): ChoiceSide[] => {
    if (typeof key === 'string') return [];
    const who = key.holes().map((h) => {
      const parameter = /:param:([^:]+)$/.exec(h.id)?.[1];
      return parameter === undefined ? h.source : `\`${parameter}\``;
    });
    return [{ choice: who.join(' and '), value: `\`${taken}\``, key: chooserId(key) }];
  });
  return said.length > 0
    ? said
    : [{ choice: `the entry ${keys.map(([, taken]) => `\`${taken}\``).join(' ')}`, value: 'chosen' }];
}

/**
 * What a choice made at deploy is keyed on: the text of a key written out, or the whole key (its
 * literal text and the ids of the inputs in it). Two choices by the same keys take the same entry,
 * so their branches pair up; `${Env}-x` is another key than `Env`, which takes its own entry.
 */
function chooserId(key: Text): string {
  return typeof key === 'string' ? key : canonicalJson(key);
}
