/**
 * Resource types and their ARN formats (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`):
 * which resource types an ARN, an ARN pattern or a symbolic ARN can be.
 *
 * A template variable matches one or more characters: in the partition, region and account
 * fields no `:`; in the resource part no `/` (or `:`) when a `/` (or `:`) follows it. A variable
 * that ends the template matches anything (role paths, object keys, log group names) unless
 * another format of the service continues it with `/`: then it stops there, so that an object
 * ARN is an object and not also a bucket whose name contains `/`.
 *
 * For an ARN pattern the answer is every type it can cover (`match`); for a symbolic ARN every
 * type it may be (`unknown`), since the holes decide. A hole is one value, not a wildcard: one that
 * starts inside a name of the format (`arn:aws:s3:::${bucket}`) is that name, and does not run on
 * past the separator that ends it (`/`): it is a bucket, not also an object. A hole that starts
 * before the resource part (`${bucket.arn}/*`, a whole ARN) may still be anything there.
 */
import { getAction } from './actions';
import { readCatalogIndex, readResourceTypes, readServiceKeys } from './data';
import { textWithHolesAs } from '../model/symbolic';
import type { PolicyValue } from '../model/symbolic';
import { hasWildcard, matchWildcard } from '../match/wildcard';
import type { Tristate } from '../match/value';

/** One resource type of the catalog. */
export interface ResourceTypeInfo {
  /** Service prefix whose reference lists the type, e.g. `s3`. */
  readonly service: string;
  /** Type name, e.g. `object`. */
  readonly name: string;
  /** ARN format, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  readonly arnTemplate: string;
  readonly conditionKeys: readonly string[];
}

/** A resource type an ARN is (`match`) or may be (`unknown`, for patterns and symbolic ARNs). */
export interface ArnResourceType {
  readonly resourceType: ResourceTypeInfo;
  readonly certainty: 'match' | 'unknown';
}

// Token codes: a character code, or one of these.
const ANY = -1; // pattern `*` or a hole: any run of characters
const ONE = -2; // pattern `?`
const VAR_BASE = -1000; // template variable: VAR_BASE - excluded code, or VAR_FREE
const VAR_FREE = -3;
const HOLE = -4; // a hole of a symbolic value: any text, but a name it starts in ends it

interface CompiledType {
  readonly info: ResourceTypeInfo;
  readonly arnService: string;
  readonly regex: RegExp;
  /** Literal start of the resource part (after the fifth `:`), checked before the regex. */
  readonly resourcePrefix: string;
  readonly tokens: readonly number[];
  /**
   * The format up to its resource part (its first five fields) as a regex, with the tokens of
   * the resource part, when those fields hold no wildcard: an ARN pattern whose fields are
   * literal is then matched field by field, leaving the shorter resource parts to `overlapsTemplate`.
   */
  readonly fields: RegExp | undefined;
  readonly resourceTokens: readonly number[];
}

/** The formats of one ARN service field, by the first word of their resource part. */
interface ArnServiceGroup {
  readonly all: readonly CompiledType[];
  /** Formats whose resource part starts with a fixed word (`instance/`, `table/`). */
  readonly byWord: ReadonlyMap<string, readonly CompiledType[]>;
  /** Formats whose resource part starts with a variable (`${BucketName}`). */
  readonly open: readonly CompiledType[];
}

const byService = new Map<string, readonly CompiledType[]>();
let byArnService: ReadonlyMap<string, ArnServiceGroup> | undefined;
const actionCandidates = new Map<string, readonly CompiledType[]>();
const arnCache = new Map<string, readonly ArnResourceType[]>();
const ARN_CACHE_LIMIT = 10_000;

function compile(
  service: string,
  name: string,
  template: string,
  conditionKeys: readonly string[],
  siblings: readonly string[],
): CompiledType {
  const pieces = template.split(/(\$\{[^}]*\})/).filter((p) => p !== '');
  let source = '^';
  let colons = 0;
  const tokens: number[] = [];
  // Where the resource part starts (after the fifth `:`), and the regex source up to there.
  let split: { at: number; source: string } | undefined;
  let wildcardInFields = false;
  pieces.forEach((piece, index) => {
    if (piece.startsWith('${')) {
      const following = pieces[index + 1];
      const last = following === undefined;
      let excluded: number | undefined;
      if (colons < 5) excluded = 58;
      else if (!last && (following.startsWith('/') || following.startsWith(':'))) excluded = following.charCodeAt(0);
      else if (last) excluded = continuation(template, siblings);
      if (excluded === 58) source += '[^:]+';
      else if (excluded === 47) source += '[^/]+';
      else source += last && excluded === undefined ? '.+' : '.+?';
      tokens.push(excluded === undefined ? VAR_FREE : VAR_BASE - excluded);
      return;
    }
    for (const ch of piece) {
      if (ch === ':') colons++;
      if (ch === '*') {
        // A few formats hold a literal `*` meaning "any"; it is a wildcard there.
        source += '.*';
        tokens.push(ANY);
        if (split === undefined) wildcardInFields = true;
      } else {
        source += ch.replace(/[\\^$.|?+()[\]{}]/g, '\\$&');
        tokens.push(ch.charCodeAt(0));
        if (colons === 5 && split === undefined) split = { at: tokens.length, source };
      }
    }
  });
  const arnService = template.split(':')[2] ?? '';
  const resource = template.split(':').slice(5).join(':');
  const literalEnd = resource.search(/\$\{|\*/);
  const resourcePrefix = literalEnd < 0 ? resource : resource.slice(0, literalEnd);
  return {
    info: { service, name, arnTemplate: template, conditionKeys },
    arnService,
    regex: new RegExp(source + '$', 's'),
    resourcePrefix,
    tokens,
    fields: split !== undefined && !wildcardInFields ? new RegExp(split.source + '$') : undefined,
    resourceTokens: split !== undefined ? tokens.slice(split.at) : [],
  };
}

/**
 * `/` when another format is this one followed by `/` (bucket and object, table and index).
 * Only `/`: a trailing `:` is how policies write log groups (`log-group:name:*`), and a
 * log-group format that refused it would call the usual idiom a mismatch.
 */
function continuation(template: string, siblings: readonly string[]): number | undefined {
  const extended = template + '/';
  return siblings.some((sibling) => sibling.startsWith(extended)) ? 47 : undefined;
}

function serviceTypes(service: string): readonly CompiledType[] {
  const key = service.toLowerCase();
  let compiled = byService.get(key);
  if (compiled === undefined) {
    compiled = readServiceKeys().includes(key) ? compileService(key) : [];
    byService.set(key, compiled);
  }
  return compiled;
}

/**
 * ARN forms AWS documents for a resource type beside the one template of the catalog. A
 * Multi-Region Access Point is named as an access point without a Region, and so are its objects:
 * `arn:aws:s3::111122223333:accesspoint/abcd.mrap/object/*` (Amazon S3 User Guide, Multi-Region
 * Access Point permissions); the actions on access points and their objects accept them. A method
 * on the root resource of an API has an empty resource path: `arn:aws:execute-api:us-east-1:
 * 111122223333:a1b2c3/prod/POST/` (the `methodArn` a Lambda authorizer receives for `/`).
 */
const OTHER_FORMS: Readonly<Record<string, readonly (readonly [type: string, arn: string])[]>> = {
  'execute-api': [
    ['execute-api-general', 'arn:${Partition}:execute-api:${Region}:${Account}:${ApiId}/${Stage}/${Method}/'],
  ],
  s3: [
    ['accesspoint', 'arn:${Partition}:s3::${Account}:accesspoint/${AccessPointAlias}'],
    ['accesspointobject', 'arn:${Partition}:s3::${Account}:accesspoint/${AccessPointAlias}/object/${ObjectName}'],
  ],
};

/**
 * Types whose resources AWS also owns and names without an account: the Systems Manager documents
 * AWS publishes (`arn:aws:ssm:us-east-1::document/AWS-RunShellScript`) and its public parameters
 * (`arn:aws:ssm:us-east-1::parameter/aws/service/eks/...`, the AMI ids Karpenter reads). Their form
 * is the catalog's template with an empty account field.
 */
const ACCOUNTLESS_FORMS: Readonly<Record<string, readonly string[]>> = {
  ssm: ['document', 'parameter'],
};

/**
 * The separator of two ARN formats in one catalog entry. Where two references share a service
 * prefix (API Gateway and its V2, Lex and its V2, Greengrass and its V2), the catalog merges the
 * types both name into one entry whose format is both, joined: `.../apis/${ApiId}/stages/${StageName},
 * .../restapis/${RestApiId}/stages/${StageName}`. Each is a form of the type.
 */
const JOINED_FORMS = /,\s*(?=arn:)/;

function otherForms(service: string, raw: readonly (readonly [string, string, readonly string[]])[]) {
  const accountless = (ACCOUNTLESS_FORMS[service] ?? []).flatMap((name) => {
    const arn = raw.find(([type]) => type === name)?.[1];
    return arn === undefined ? [] : [[name, arn.replace(':${Account}:', '::')] as const];
  });
  return [...(OTHER_FORMS[service] ?? []), ...accountless];
}

/**
 * Resource types AWS documents that the Service Authorization Reference does not list. A template
 * using the SAM transform needs `cloudformation:CreateChangeSet` on the transform, which AWS owns
 * (`arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31`, CloudFormation User Guide,
 * controlling access with IAM); the actions acting on them are in the action catalog.
 */
const DOCUMENTED_TYPES: Readonly<Record<string, readonly (readonly [string, string, readonly string[]])[]>> = {
  cloudformation: [['transform', 'arn:${Partition}:cloudformation:${Region}:aws:transform/${TransformName}', []]],
};

function compileService(service: string): CompiledType[] {
  // The generated index holds every service's formats in one file; a service file otherwise.
  const indexed = readCatalogIndex()?.services[service]?.resourceTypes;
  const raw = [
    ...(indexed ??
      Object.values(readResourceTypes(service)).map((rt) => [rt.key, rt.arn, rt.conditionKeys ?? []] as const)),
    ...(DOCUMENTED_TYPES[service] ?? []),
  ];
  const formsOf = raw.map(([name, arn, conditionKeys]) => [name, arn.split(JOINED_FORMS), conditionKeys] as const);
  const templates = formsOf.flatMap(([, forms]) => forms);
  const compiled = formsOf.map(([name, forms, conditionKeys]) =>
    compile(service, name, forms[0] ?? '', conditionKeys, templates),
  );
  const joined = formsOf.flatMap(([name, forms]) => forms.slice(1).map((arn) => [name, arn] as const));
  // Another form of a type is matched as that type (its info, the catalog's template, is shared).
  for (const [name, arn] of [...joined, ...otherForms(service, raw)]) {
    const type = compiled.find((c) => c.info.name === name);
    if (type !== undefined)
      compiled.push({ ...compile(service, name, arn, type.info.conditionKeys, templates), info: type.info });
  }
  return compiled;
}

function firstWord(resource: string): string | undefined {
  const end = resource.search(/[/:]/);
  return end < 0 ? undefined : resource.slice(0, end);
}

function arnServiceIndex(): ReadonlyMap<string, ArnServiceGroup> {
  if (byArnService === undefined) {
    const lists = new Map<string, CompiledType[]>();
    for (const service of readServiceKeys()) {
      for (const type of serviceTypes(service)) {
        const list = lists.get(type.arnService) ?? [];
        list.push(type);
        lists.set(type.arnService, list);
      }
    }
    const index = new Map<string, ArnServiceGroup>();
    for (const [arnService, all] of lists) {
      const byWord = new Map<string, CompiledType[]>();
      const open: CompiledType[] = [];
      for (const type of all) {
        const word = firstWord(type.resourcePrefix);
        if (word === undefined) {
          open.push(type);
        } else {
          const list = byWord.get(word) ?? [];
          list.push(type);
          byWord.set(word, list);
        }
      }
      index.set(arnService, { all, byWord, open });
    }
    byArnService = index;
  }
  return byArnService;
}

/** The types of a concrete ARN: only formats starting with the first word of its resource part, or open ones. */
function concreteTypes(group: ArnServiceGroup, arn: string): ArnResourceType[] {
  const result: ArnResourceType[] = [];
  const resource = resourcePart(arn);
  if (resource === undefined) return result;
  const end = resource.search(/[/:]/);
  const fixed = end < 0 ? undefined : group.byWord.get(resource.slice(0, end));
  for (const list of [fixed ?? [], group.open]) {
    for (const c of list) {
      if (resource.startsWith(c.resourcePrefix) && c.regex.test(arn))
        result.push({ resourceType: c.info, certainty: 'match' });
    }
  }
  return result;
}

function remember(arn: string, types: ArnResourceType[]): readonly ArnResourceType[] {
  const result = Object.freeze(types);
  // Scans ask about the same few ARNs again and again.
  if (arnCache.size >= ARN_CACHE_LIMIT) arnCache.clear();
  arnCache.set(arn, result);
  return result;
}

/** The resource type `name` of `service` (case-insensitive), or undefined. */
export function getResourceType(service: string, name: string): ResourceTypeInfo | undefined {
  const lowered = name.toLowerCase();
  return serviceTypes(service).find((t) => t.info.name.toLowerCase() === lowered)?.info;
}

/** The resource types of a service. */
export function listResourceTypes(service: string): ResourceTypeInfo[] {
  return [...new Set(serviceTypes(service).map((t) => t.info))];
}

/**
 * Which resource types (of any service) `arn` is: for an ARN, the types it is (`match`); for an
 * ARN pattern, the types it covers some resource of (`match`); for a symbolic ARN, the types it
 * may be (`unknown`). Results for string ARNs are cached.
 */
export function resourceTypesForArn(arn: PolicyValue): readonly ArnResourceType[] {
  const cached = typeof arn === 'string' ? arnCache.get(arn) : undefined;
  if (cached) return cached;
  const service = serviceField(arn);
  const group = service === undefined ? undefined : arnServiceIndex().get(service);
  let candidates: readonly CompiledType[];
  if (service === undefined) candidates = [...arnServiceIndex().values()].flatMap((g) => g.all);
  else if (group === undefined) candidates = [];
  else if (typeof arn === 'string' && !hasWildcard(arn)) return remember(arn, concreteTypes(group, arn));
  else candidates = group.all;
  const types = classify(arn, candidates);
  return typeof arn === 'string' ? remember(arn, types) : Object.freeze(types);
}

/**
 * Can a Resource value (ARN, ARN pattern or symbolic ARN) stand for a resource the action acts
 * on? `match`: it is (or, for a pattern, covers) a resource of one of the action's types;
 * `no-match`: it can be none of them, or the action only accepts `*` and the value cannot be
 * `*`; `unknown`: it depends on values known only after deploy. Undefined for an unknown action.
 */
export function actionResourceMatch(action: string, arn: PolicyValue): Tristate | undefined {
  // Apps repeat the same action on ARNs of the same shape (a grant per role): the answer depends
  // only on the literal text and where the holes are, not on which values the holes stand for.
  const shape = textWithHolesAs(arn, '\u0001');
  // By action, then by value: no key string is built (a scan asks this of every ARN it reads).
  const byAction = typeof arn === 'string' ? matchCache.strings : matchCache.symbolic;
  let answers = byAction.get(action);
  if (answers === undefined) byAction.set(action, (answers = new Map<string, Tristate | undefined>()));
  const cached = answers.get(shape);
  if (cached !== undefined || answers.has(shape)) return cached;
  const answer = uncachedActionResourceMatch(action, arn);
  if (matchCache.size >= MATCH_CACHE_SIZE) {
    matchCache.strings.clear();
    matchCache.symbolic.clear();
    matchCache.size = 0;
    byAction.set(action, answers);
    answers.clear();
  }
  answers.set(shape, answer);
  matchCache.size++;
  return answer;
}

const MATCH_CACHE_SIZE = 50_000;
// Answers by action, then by ARN (string values) or by shape (symbolic values, holes as `\u0001`).
const matchCache = {
  strings: new Map<string, Map<string, Tristate | undefined>>(),
  symbolic: new Map<string, Map<string, Tristate | undefined>>(),
  size: 0,
};

function uncachedActionResourceMatch(action: string, arn: PolicyValue): Tristate | undefined {
  return new ResourceProbe(arn).match(action);
}

/**
 * A Resource value read once (its resource part, or its pattern tokens) to ask of several actions
 * in turn whether it can be a resource they act on ({@link actionResourceMatch} without its
 * cache): a statement asks this of each of its actions, most of its ARNs are asked about once.
 */
export class ResourceProbe {
  // Undefined until first needed (an action that only accepts `*` needs none); null when no
  // type can fit (no resource part).
  private accepts: ((candidate: CompiledType) => boolean) | null | undefined;
  // Answers by candidate list: actions acting on the same types (`logs:CreateLogStream` and
  // `logs:PutLogEvents` on log streams) share one. Most values meet one list: it is kept in
  // fields, a map made only for a second one.
  private firstList: readonly CompiledType[] | undefined;
  private firstFits = false;
  private fits: Map<readonly CompiledType[], boolean> | undefined;

  constructor(readonly arn: PolicyValue) {}

  /** {@link actionResourceMatch} of this value. */
  match(action: string): Tristate | undefined {
    const arn = this.arn;
    const info = getAction(action);
    if (!info) return undefined;
    if (info.wildcardOnly) {
      // A hole is one specific resource, never `*`.
      return typeof arn === 'string' && matchWildcard(arn, '*') ? 'match' : 'no-match';
    }
    let candidates = actionCandidates.get(info.action);
    if (candidates === undefined) {
      const wanted = new Set(info.resourceTypes.map((rt) => rt.name.toLowerCase()));
      candidates = serviceTypes(info.service).filter((t) => wanted.has(t.info.name.toLowerCase()));
      actionCandidates.set(info.action, candidates);
    }
    let fits = candidates === this.firstList ? this.firstFits : this.fits?.get(candidates);
    if (fits === undefined) {
      if (this.accepts === undefined) this.accepts = acceptor(arn) ?? null;
      // Only whether some type fits matters here: stop at the first.
      fits = this.accepts !== null && candidates.some(this.accepts);
      if (this.firstList === undefined) {
        this.firstList = candidates;
        this.firstFits = fits;
      } else {
        (this.fits ??= new Map()).set(candidates, fits);
      }
    }
    if (!fits) return 'no-match';
    return typeof arn === 'string' ? 'match' : 'unknown';
  }
}

function serviceField(arn: PolicyValue): string | undefined {
  const first = typeof arn === 'string' ? arn : arn.parts[0];
  if (typeof first !== 'string') return undefined;
  const fields = first.split(':');
  if (fields.length < 4 || fields[0] !== 'arn') return undefined;
  const service = fields[2] as string;
  return hasWildcard(service) ? undefined : service;
}

function classify(arn: PolicyValue, candidates: readonly CompiledType[]): ArnResourceType[] {
  const accepts = acceptor(arn);
  if (accepts === undefined) return [];
  const certainty = typeof arn === 'string' ? 'match' : 'unknown';
  return candidates.filter(accepts).map((c) => ({ resourceType: c.info, certainty }));
}

/**
 * Whether a type's format fits the ARN: an ARN is the type when the format's regex matches it; a
 * pattern or symbolic ARN when some ARN fits both. Undefined when none can (no resource part).
 */
function acceptor(arn: PolicyValue): ((candidate: CompiledType) => boolean) | undefined {
  if (typeof arn === 'string' && !hasWildcard(arn)) {
    const resource = resourcePart(arn);
    if (resource === undefined) return undefined;
    return (c) => resource.startsWith(c.resourcePrefix) && c.regex.test(arn);
  }
  const fixed = typeof arn === 'string' ? literalResourcePrefix(arn) : undefined;
  if (typeof arn === 'string' && fixed !== undefined) {
    // The five fields are literal (`arn:aws:s3:::bucket/*`): matched by the format's field regex,
    // and only the resource parts need the search (the same answer, on shorter inputs).
    const resource = resourcePart(arn) as string;
    const head = arn.slice(0, arn.length - resource.length);
    const resourceTokens = arnTokens(resource);
    let tokens: number[] | undefined;
    return (c) => {
      if (!prefixesAgree(fixed, c.resourcePrefix)) return false;
      if (c.fields === undefined || arn.length * c.tokens.length > SEARCH_LIMIT)
        return overlapsTemplate((tokens ??= arnTokens(arn)), c.tokens);
      return c.fields.test(head) && overlapsTemplate(resourceTokens, c.resourceTokens);
    };
  }
  const tokens = arnTokens(arn);
  const head = typeof arn === 'string' ? wholeFieldWildcardHead(arn) : undefined;
  if (typeof arn === 'string' && head !== undefined) {
    // A Region or account written `*` (`arn:aws:ec2:*:111122223333:instance/*`) stands for any
    // one field: the rest of the pattern must still be the resource part of some format.
    const resource = resourcePart(arn) as string;
    const wildcard = resource.search(/[*?]/);
    const prefix = wildcard < 0 ? resource : resource.slice(0, wildcard);
    const resourceTokens = arnTokens(resource);
    return (c) => {
      if (!prefixesAgree(prefix, c.resourcePrefix)) return false;
      if (c.fields === undefined || arn.length * c.tokens.length > SEARCH_LIMIT)
        return overlapsTemplate(tokens, c.tokens);
      return headAgrees(head, c.info.arnTemplate) && overlapsTemplate(resourceTokens, c.resourceTokens);
    };
  }
  return (c) => (fixed === undefined || prefixesAgree(fixed, c.resourcePrefix)) && overlapsTemplate(tokens, c.tokens);
}

/**
 * The first five fields of a pattern whose wildcards there are whole fields (`*`), when it has
 * one; undefined when it has none, or a field only partly a wildcard (`eu-*`).
 */
function wholeFieldWildcardHead(pattern: string): readonly string[] | undefined {
  const resource = resourcePart(pattern);
  if (resource === undefined) return undefined;
  const fields = pattern.slice(0, pattern.length - resource.length - 1).split(':');
  if (!fields.includes('*')) return undefined;
  return fields.every((f) => f === '*' || !hasWildcard(f)) ? fields : undefined;
}

/**
 * Whether each field of a pattern's head (`*`, or literal text) can be that field of a format. A
 * variable field may be empty: AWS's own resources leave the account out
 * (`arn:aws:ssm:*::parameter/aws/service/...`, `arn:aws:ssm:*::document/AWS-RunShellScript`).
 */
function headAgrees(head: readonly string[], template: string): boolean {
  const fields = template.split(':');
  return head.every((field, i) => {
    const own = fields[i] ?? '';
    return field === '*' || own.includes('${') || field === own;
  });
}

/**
 * Does an ARN pattern whose resource part is a literal followed by one `*` (`parameter*`,
 * `function*`) name every resource of some type of the catalog: a type whose ARN template's
 * resource part begins with that literal before any variable (`parameter/${Name}`)? Where the
 * name comes first (`${QueueName}`), the literal is a name prefix: not every resource.
 */
export function coversEveryResourceOfAType(pattern: string): boolean {
  const resource = resourcePart(pattern);
  if (resource === undefined || !resource.endsWith('*')) return false;
  const literal = resource.slice(0, -1);
  if (/[*?]/.test(literal)) return false;
  return resourceTypesForArn(pattern).some(({ resourceType }) => {
    const template = resourcePart(resourceType.arnTemplate);
    if (template === undefined) return false;
    const fixed = template.split('${')[0] ?? '';
    return fixed.startsWith(literal);
  });
}

/**
 * Does `word` (`table/`, `/restapis/`, `function:`) stand where the ARN formats of `service` put
 * a resource type word, rather than a name (`${ApiId}/` of `execute-api`)? False only when no
 * format begins with the word and one begins with a name before the same separator (a variable
 * that is no type placeholder: backup's `${ResourceType}:` stands for `recovery-point:`).
 * Undefined for a service the catalog does not know.
 */
export function isTypeWordOf(service: string, word: string): boolean | undefined {
  const key = `${service}\u0000${word}`;
  if (typeWords.has(key)) return typeWords.get(key);
  const templates = serviceTypes(service).flatMap((t) => resourcePart(t.info.arnTemplate) ?? []);
  const lowered = word.toLowerCase();
  const separator = word.slice(-1);
  const nameFirst = (template: string): boolean => {
    const variable = /^\$\{([A-Za-z]+)\}(.)/.exec(template);
    return variable !== null && variable[2] === separator && !/type/i.test(variable[1] ?? '');
  };
  const answer =
    templates.length === 0
      ? undefined
      : templates.some((t) => t.toLowerCase().startsWith(lowered)) || !templates.some(nameFirst);
  typeWords.set(key, answer);
  return answer;
}

const typeWords = new Map<string, boolean | undefined>();

function resourcePart(arn: string): string | undefined {
  let position = -1;
  for (let i = 0; i < 5; i++) {
    position = arn.indexOf(':', position + 1);
    if (position < 0) return undefined;
  }
  return arn.slice(position + 1);
}

/** The resource part of a pattern up to its first wildcard, when the first five fields are literal. */
function literalResourcePrefix(pattern: string): string | undefined {
  const resource = resourcePart(pattern);
  if (resource === undefined || hasWildcard(pattern.slice(0, pattern.length - resource.length))) return undefined;
  const wildcard = resource.search(/[*?]/);
  return wildcard < 0 ? resource : resource.slice(0, wildcard);
}

function prefixesAgree(a: string, b: string): boolean {
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

function arnTokens(arn: PolicyValue): number[] {
  const tokens: number[] = [];
  if (typeof arn === 'string') addTokens(tokens, arn);
  else {
    for (const part of arn.parts) {
      if (typeof part === 'string') addTokens(tokens, part);
      else tokens.push(part.anyText === true ? ANY : HOLE);
    }
  }
  return tokens;
}

function addTokens(tokens: number[], text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    tokens.push(c === 42 ? ANY : c === 63 ? ONE : c);
  }
}

// Inputs `overlapsTemplate` does not search (it answers yes): pattern length x template length.
const SEARCH_LIMIT = 1_000_000;

/**
 * Is there an ARN both the pattern tokens and the template accept? Dynamic programming over
 * (pattern position, template position, whether the current variable has a character yet, and,
 * at a hole, where the hole started: not yet, on literal text, or inside a variable).
 */
function overlapsTemplate(pattern: readonly number[], template: readonly number[]): boolean {
  const n = pattern.length;
  const m = template.length;
  if (n * m > SEARCH_LIMIT) return true;
  const width = m + 1;
  // state index: ((i * width + j) * 2 + started) << shift | hole, the last field (where the hole
  // at i started) only for patterns with holes. A scan runs this for most ARN patterns: the
  // visited marks and the stack are reused across calls, a state being visited when its mark is
  // this call's number (no clearing, no allocation per call).
  const shift = pattern.includes(HOLE) ? 2 : 0;
  const states = ((n + 1) * width * 2) << shift;
  if (scratch.seen.length < states) {
    scratch.seen = new Uint32Array(Math.max(states, scratch.seen.length * 2));
    scratch.stack = new Int32Array(scratch.seen.length);
    scratch.call = 0;
  }
  if (++scratch.call === 0xffffffff) {
    scratch.seen.fill(0);
    scratch.call = 1;
  }
  const { seen, stack, call } = scratch;
  const at = (i: number, j: number, started: number, hole = HOLE_FRESH): number =>
    (((i * width + j) * 2 + started) << shift) | hole;
  // Where the pattern's trailing run of `*` starts (n without one): a state that reaches it is an
  // overlap, since the `*` can take whatever the rest of the template needs (a pattern ending in
  // `/*` or `:*` stops searching there).
  let open = n;
  while (open > 0 && pattern[open - 1] === ANY) open--;
  let top = 0;
  seen[0] = call;
  stack[top++] = 0;
  while (top > 0) {
    const index = stack[--top] as number;
    let hole = index & ((1 << shift) - 1);
    const rest = index >> shift;
    const started = rest & 1;
    const cell = rest >> 1;
    const i = Math.floor(cell / width);
    const j = cell - i * width;
    if (i === n && j === m && started === 0) return true;
    if (i >= open && open < n) return true;
    const p = i < n ? (pattern[i] as number) : undefined;
    const t = j < m ? (template[j] as number) : undefined;
    const isVar = t !== undefined && t <= VAR_FREE;
    const excluded = t !== undefined && t <= VAR_BASE ? VAR_BASE - t : -1;
    // A hole met inside a variable already begun (`arn:aws:s3:::logs-${env}`) starts in it.
    if (p === HOLE && hole === HOLE_FRESH && isVar && started === 1) hole = HOLE_IN_NAME;
    // Next states, pushed below when not yet visited.
    let next = 0;
    if (isVar && started === 1) moves[next++] = at(i, j + 1, 0, p === HOLE ? hole : HOLE_FRESH);
    if (p === ANY) {
      moves[next++] = at(i + 1, j, started);
      if (t !== undefined) {
        if (isVar) moves[next++] = at(i, j, 1);
        else moves[next++] = at(i, j + 1, 0);
      }
    } else if (p === HOLE) {
      moves[next++] = at(i + 1, j, started);
      if (isVar) moves[next++] = at(i, j, 1, hole === HOLE_FRESH ? HOLE_IN_NAME : hole);
      // A hole that started inside a name does not take the separator that ends the name.
      else if (t !== undefined && !(hole === HOLE_IN_NAME && t === separatorBefore(template, j)))
        moves[next++] = at(i, j + 1, 0, hole === HOLE_FRESH ? HOLE_ON_TEXT : hole);
    } else if (p !== undefined && t !== undefined) {
      if (isVar) {
        if (p === ONE || p !== excluded) moves[next++] = at(i + 1, j, 1);
      } else if (t === ANY) {
        moves[next++] = at(i, j + 1, 0);
        moves[next++] = at(i + 1, j, 0);
      } else if (p === ONE || p === t) {
        moves[next++] = at(i + 1, j + 1, 0);
      }
    } else if (t === ANY) {
      moves[next++] = at(i, j + 1, 0);
    }
    for (let k = 0; k < next; k++) {
      const state = moves[k] as number;
      if (seen[state] !== call) {
        seen[state] = call;
        stack[top++] = state;
      }
    }
  }
  return false;
}

// Where the hole at the current pattern position started: it has taken nothing yet, it started on
// literal text of the format (an ARN or its head: free), or inside a variable (a name: it ends there).
const HOLE_FRESH = 0;
const HOLE_ON_TEXT = 1;
const HOLE_IN_NAME = 2;

/** The character a variable just before `j` excludes (the separator that ends it), or -1. */
function separatorBefore(template: readonly number[], j: number): number {
  const previous = j > 0 ? (template[j - 1] as number) : 0;
  return previous <= VAR_BASE ? VAR_BASE - previous : -1;
}

// Reused by `overlapsTemplate`: visited marks by call number, the stack of states to visit, and
// the successors of one state (at most three).
const scratch = { seen: new Uint32Array(4096), stack: new Int32Array(4096), call: 0 };
const moves = new Int32Array(4);
