/**
 * Condition keys: global `aws:` keys and service keys, with their types. Keys with a variable part
 * (`aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>`, `aws:PrincipalTag/tag-key`,
 * `glacier:ResourceTag/`) match any non-empty text in its place. Keys compare case-insensitively.
 */
import { getAction, listServiceActions } from './actions';
import { getResourceType, listResourceTypes } from './resource-types';
import { readConditionKeys, readGlobalConditionKeys, readServiceKeys, readUnassociatedConditions } from './data';
import { closestMatch } from './suggest';

/** The value type of a condition key, as in the Service Authorization Reference. */
export type ConditionKeyType =
  | 'String'
  | 'ARN'
  | 'Numeric'
  | 'Date'
  | 'Bool'
  | 'IPAddress'
  | 'Binary'
  | 'ArrayOfString'
  | 'ArrayOfARN'
  | 'ArrayOfNumeric'
  | 'ArrayOfDate'
  | 'ArrayOfBool'
  | (string & {});

/** A condition key of the catalog. */
export interface ConditionKeyInfo {
  /** The key as the catalog spells it, e.g. `aws:RequestTag/${TagKey}`. */
  readonly key: string;
  readonly type: ConditionKeyType;
  /** True for keys available in every request context (`aws:` keys and the few global others). */
  readonly global: boolean;
  /** The service whose reference lists the key; undefined for global keys. */
  readonly service: string | undefined;
  /**
   * When an action was given: true if the key applies to it (a global key, or listed for the action
   * or one of its resource types); undefined when no action was given or the action is unknown.
   */
  readonly appliesToAction: boolean | undefined;
}

interface KeyEntry {
  readonly key: string;
  readonly type: string;
  readonly service: string | undefined;
}

/** Keys without a variable, by lowercase key; keys with one as lowercase prefix + suffix. */
interface KeyIndex {
  readonly exact: Map<string, KeyEntry>;
  readonly patterned: { readonly prefix: string; readonly suffix: string; readonly entry: KeyEntry }[];
}

let globalIndex: KeyIndex | undefined;
const serviceIndexes = new Map<string, KeyIndex>();
let serviceKeys: ReadonlySet<string> | undefined;

/** Whether a prefix is a service's (read once: a policy with many conditions asks it per key). */
function isService(prefix: string): boolean {
  serviceKeys ??= new Set(readServiceKeys());
  return serviceKeys.has(prefix);
}

// A key that ends with `/` (`glacier:ResourceTag/`, `sagemaker:ResourceTag/`) is the reference's
// spelling of a name part left blank: Glacier's vault lock examples test `glacier:ResourceTag/LegalHold`.
const VARIABLE = /\$\{[^}]*\}|<[^>]*>|\/tag-key$|\/$/i;

function addKey(index: KeyIndex, entry: KeyEntry): void {
  const match = VARIABLE.exec(entry.key);
  if (!match) {
    index.exact.set(entry.key.toLowerCase(), entry);
    return;
  }
  const lowered = entry.key.toLowerCase();
  // `aws:PrincipalTag/tag-key` is the global list's spelling of `aws:PrincipalTag/${TagKey}`;
  // the name part follows the slash.
  const start = match[0].startsWith('/') ? match.index + 1 : match.index;
  index.patterned.push({
    prefix: lowered.slice(0, start),
    suffix: lowered.slice(match.index + match[0].length),
    entry,
  });
}

function lookup(index: KeyIndex, key: string): KeyEntry | undefined {
  const exact = index.exact.get(key);
  if (exact) return exact;
  for (const { prefix, suffix, entry } of index.patterned) {
    if (key.length > prefix.length + suffix.length && key.startsWith(prefix) && key.endsWith(suffix)) return entry;
  }
  return undefined;
}

function globals(): KeyIndex {
  if (globalIndex === undefined) {
    const index: KeyIndex = { exact: new Map(), patterned: [] };
    for (const raw of readGlobalConditionKeys()) addKey(index, { key: raw.key, type: raw.type, service: undefined });
    globalIndex = index;
  }
  return globalIndex;
}

function serviceIndex(service: string): KeyIndex | undefined {
  let index = serviceIndexes.get(service);
  if (index === undefined) {
    if (!isService(service)) return undefined;
    index = { exact: new Map(), patterned: [] };
    for (const raw of Object.values(readConditionKeys(service)))
      addKey(index, { key: raw.key, type: raw.type, service });
    serviceIndexes.set(service, index);
  }
  return index;
}

/** The services whose reference may list a key with this prefix (`sts` for `accounts.google.com`). */
function servicesForPrefix(prefix: string): readonly string[] {
  if (isService(prefix)) return [prefix];
  return readUnassociatedConditions()[prefix] ?? findUnassociated(prefix);
}

let foreignPrefixes: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * The other services whose reference lists keys of a service's prefix: EC2 Instance Connect
 * lists `ec2:osuser`, Amazon Q `identitystore:GroupId`, IoT Jobs data `iot:JobId`. Read on the
 * first key its own service does not list (a misspelt key, or one of these), once.
 */
function servicesListingPrefix(prefix: string): readonly string[] {
  if (foreignPrefixes === undefined) {
    const found = new Map<string, string[]>();
    for (const service of readServiceKeys()) {
      for (const raw of Object.values(readConditionKeys(service))) {
        const own = raw.key.slice(0, raw.key.indexOf(':')).toLowerCase();
        if (own === service || own === 'aws' || !isService(own)) continue;
        const services = found.get(own) ?? [];
        if (!services.includes(service)) services.push(service);
        found.set(own, services);
      }
    }
    foreignPrefixes = found;
  }
  return foreignPrefixes.get(prefix) ?? [];
}

function findUnassociated(prefix: string): readonly string[] {
  // Prefixes such as `token.actions.githubusercontent.com/${SubPath}` hold a variable too.
  for (const [pattern, services] of Object.entries(readUnassociatedConditions())) {
    const match = /\$\{[^}]*\}/.exec(pattern);
    if (!match) continue;
    const head = pattern.slice(0, match.index).toLowerCase();
    const tail = pattern.slice(match.index + match[0].length).toLowerCase();
    if (prefix.length > head.length + tail.length && prefix.startsWith(head) && prefix.endsWith(tail)) return services;
  }
  return [];
}

/**
 * Keys the Service Authorization Reference types wrongly, with the type the service compares them
 * as. `glacier:ArchiveAgeInDays` is listed as String, but it is a number of days that the Glacier
 * vault lock examples test with `NumericLessThan` (there is no String operator for "less than").
 */
const TYPE_CORRECTIONS: ReadonlyMap<string, string> = new Map([['glacier:archiveageindays', 'Numeric']]);

/**
 * Keys AWS documents that the Service Authorization Reference does not list, with their type.
 * Lake Formation's tag-based cross-account sharing puts `"Bool": {"glue:EvaluatedByLakeFormationTags":
 * true}` in the Data Catalog resource policy (Lake Formation Developer Guide, cross-account
 * prerequisites). A CloudTrail Lake channel's resource policy holds the partner's external ID in
 * `cloudtrail:ExternalId`, which `cloudtrail-data:PutAuditEvents` carries (CloudTrail User Guide,
 * resource-based policy examples for channels; see DOCUMENTED_ACTION_KEYS). Which other actions
 * carry them is not known.
 */
const DOCUMENTED_UNLISTED_KEYS: ReadonlyMap<string, KeyEntry> = new Map([
  ['glue:evaluatedbylakeformationtags', { key: 'glue:EvaluatedByLakeFormationTags', type: 'Bool', service: 'glue' }],
  ['cloudtrail:externalid', { key: 'cloudtrail:ExternalId', type: 'String', service: 'cloudtrail' }],
]);

/**
 * The condition key `key` (case-insensitive), or undefined when the catalog does not know it.
 * With `action`, also whether the key applies to that action.
 */
export function getConditionKey(key: string, action?: string): ConditionKeyInfo | undefined {
  // Kept per key and action: a policy asks the same few many times, one statement after another.
  const memo = `${key}\u0000${action ?? ''}`;
  const known = answers.get(memo);
  if (known !== undefined || answers.has(memo)) return known;
  if (answers.size >= ANSWERS_KEPT) answers.clear();
  const answer = conditionKey(key, action);
  answers.set(memo, answer);
  return answer;
}

const answers = new Map<string, ConditionKeyInfo | undefined>();
const ANSWERS_KEPT = 10_000;

function conditionKey(key: string, action: string | undefined): ConditionKeyInfo | undefined {
  const lowered = key.toLowerCase();
  const colon = lowered.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = lowered.slice(0, colon);
  let entry = lookup(globals(), lowered);
  const global = entry !== undefined;
  if (entry === undefined) {
    for (const service of [...servicesForPrefix(prefix), ...servicesListingPrefix(prefix)]) {
      const index = serviceIndex(service);
      entry = index === undefined ? undefined : lookup(index, lowered);
      if (entry) break;
    }
  }
  // `aws:` keys listed only by services (aws:RequestTag/${TagKey}) are global too.
  if (entry === undefined && prefix === 'aws') entry = findInAction(lowered, action);
  entry ??= DOCUMENTED_UNLISTED_KEYS.get(lowered);
  entry ??= oidcKey(key);
  if (entry === undefined) return undefined;
  const isGlobal = global || prefix === 'aws';
  return {
    key: entry.key,
    type: TYPE_CORRECTIONS.get(lowered) ?? entry.type,
    global: isGlobal,
    service: isGlobal ? undefined : entry.service,
    appliesToAction:
      action === undefined ? undefined : appliesTo(lowered, entry.key.toLowerCase(), isGlobal, action, entry.service),
  };
}

// IAM documents these claims for every OIDC provider (`<provider URL>:sub`), but the catalog
// lists only some providers' keys and, for GitHub, not `sub` and `aud`.
const OIDC_CLAIMS = new Set(['amr', 'aud', 'azp', 'email', 'oaud', 'sub']);

function oidcKey(key: string): KeyEntry | undefined {
  const colon = key.lastIndexOf(':');
  const provider = key.slice(0, colon);
  const claim = key.slice(colon + 1).toLowerCase();
  if (!OIDC_CLAIMS.has(claim) || !/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[^:]*)?$/i.test(provider)) return undefined;
  return { key, type: 'String', service: 'sts' };
}

function findInAction(key: string, action: string | undefined): KeyEntry | undefined {
  const service = action === undefined ? undefined : getAction(action)?.service;
  const index = service === undefined ? undefined : serviceIndex(service);
  return index === undefined ? undefined : lookup(index, key);
}

function appliesTo(
  key: string,
  catalogKey: string,
  global: boolean,
  action: string,
  service: string | undefined,
): boolean | undefined {
  const index = actionKeys(action);
  if (!index) return undefined;
  if (lookup(index, key)) return true;
  if (DOCUMENTED_UNLISTED_KEYS.get(key)?.service === getAction(action)?.service) return undefined;
  // A key of the action's own service that the reference attaches to nothing (`glacier:ResourceTag/`,
  // whatever the tag's name): which actions carry it is not known.
  if (
    !global &&
    service !== undefined &&
    getAction(action)?.service === service &&
    unlistedKeys(service).has(catalogKey)
  )
    return undefined;
  // Global keys apply to every action, except tag keys that the action does not list.
  return global && !/^aws:(requesttag|resourcetag|tagkeys)/.test(key);
}

const unlistedByService = new Map<string, ReadonlySet<string>>();

/**
 * The keys (lowercase) a service's reference defines but lists for none of its actions and
 * resource types. The reference's action table is incomplete there: Step Functions defines
 * `states:HTTPEndpoint` and `states:HTTPMethod`, which its documentation tests on
 * `states:InvokeHTTPEndpoint`, and lists them for no action.
 */
function unlistedKeys(service: string): ReadonlySet<string> {
  let keys = unlistedByService.get(service);
  if (keys === undefined) {
    const listed = new Set<string>();
    const add = (names: readonly string[]): void => {
      for (const name of names) listed.add(name.toLowerCase());
    };
    for (const info of listServiceActions(service)) {
      add(info.conditionKeys);
      for (const rt of info.resourceTypes) add(rt.conditionKeys);
    }
    for (const rt of listResourceTypes(service)) add(rt.conditionKeys);
    keys = new Set(
      Object.values(readConditionKeys(service))
        .map((raw) => raw.key.toLowerCase())
        .filter((key) => !listed.has(key)),
    );
    unlistedByService.set(service, keys);
  }
  return keys;
}

/**
 * Keys AWS documents for an action whose row in the Service Authorization Reference omits them.
 * `aws-marketplace:ProductId` limits `aws-marketplace:Subscribe` to given products (Amazon Bedrock
 * User Guide, model access with a product ID), and AWS's own managed policies (ROSAManageSubscription,
 * AnthropicFullAccess) test it on `aws-marketplace:Unsubscribe` too. The external ID a CloudTrail
 * Lake channel requires of a partner is the `externalId` of `PutAuditEvents`.
 */
const DOCUMENTED_ACTION_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['aws-marketplace:subscribe', ['aws-marketplace:ProductId']],
  ['aws-marketplace:unsubscribe', ['aws-marketplace:ProductId']],
  ['cloudtrail-data:putauditevents', ['cloudtrail:ExternalId']],
]);

const actionIndexes = new Map<string, KeyIndex | null>();

/** The keys listed for an action or its resource types, indexed once per action; `undefined` for an unknown action. */
function actionKeys(action: string): KeyIndex | undefined {
  const lowered = action.toLowerCase();
  let index = actionIndexes.get(lowered);
  if (index === undefined) {
    // Bounded: unknown actions are remembered too, and a policy may invent any number of them.
    if (actionIndexes.size >= ANSWERS_KEPT) actionIndexes.clear();
    const info = getAction(action);
    index = null;
    if (info) {
      const listed = [
        ...info.conditionKeys,
        ...info.resourceTypes.flatMap((rt) => [
          ...rt.conditionKeys,
          // Keys of the resource type itself (aws:ResourceTag/${TagKey}) apply to actions on it.
          ...(getResourceType(info.service, rt.name)?.conditionKeys ?? []),
        ]),
        ...(DOCUMENTED_ACTION_KEYS.get(lowered) ?? []),
      ];
      index = { exact: new Map(), patterned: [] };
      for (const name of listed) addKey(index, { key: name, type: '', service: info.service });
    }
    actionIndexes.set(lowered, index);
  }
  return index ?? undefined;
}

/**
 * Did-you-mean for a condition key the catalog does not know: the closest global key or key of
 * the same service, as the catalog spells it (`aws:SourceIP` -> `aws:SourceIp`). Undefined when
 * the key is known or nothing is close.
 */
export function suggestConditionKey(key: string): string | undefined {
  if (getConditionKey(key) !== undefined) return undefined;
  const colon = key.indexOf(':');
  const prefix = colon > 0 ? key.slice(0, colon).toLowerCase() : '';
  // A key with a name part (`aws:ResourceTags/team`) is compared by what comes before it with the
  // keys that take one (`aws:ResourceTag/${TagKey}`), the name kept.
  const slash = key.indexOf('/');
  if (slash > 0 && prefix === 'aws') {
    const heads = new Map<string, string>();
    for (const { entry } of globals().patterned) {
      const at = entry.key.indexOf('/');
      if (at > 0) heads.set(entry.key.slice(0, at), entry.key.slice(0, at));
    }
    const head = closestMatch(key.slice(0, slash), heads.keys());
    if (head !== undefined) return `${head}${key.slice(slash)}`;
  }
  const candidates = [...globals().exact.values()].map((e) => e.key);
  const services = prefix === '' || prefix === 'aws' ? [] : servicesForPrefix(prefix);
  for (const service of services) {
    const index = serviceIndex(service);
    if (index) candidates.push(...[...index.exact.values()].map((e) => e.key));
  }
  // Keys of this prefix that other services list (`ec2:osuser`), not those services' own keys.
  for (const service of prefix === '' || prefix === 'aws' ? [] : servicesListingPrefix(prefix)) {
    const index = serviceIndex(service);
    for (const entry of index?.exact.values() ?? [])
      if (entry.key.toLowerCase().startsWith(`${prefix}:`)) candidates.push(entry.key);
  }
  return closestMatch(key, candidates);
}
