/**
 * The API Gateway resource policy the SAM transform writes for an `AWS::Serverless::Api`: the
 * statements of `Auth.ResourcePolicy` (on the API, or on one event of type `Api` of a function or a
 * state machine) and a policy already in `DefinitionBody` (`x-amazon-apigateway-policy`). The API becomes the
 * `AWS::ApiGateway::RestApi` the transform creates (same logical id; an event without `RestApiId`
 * goes to the implicit `ServerlessRestApi`), with that policy as `Policy`, so that it is checked
 * like a REST API's own policy.
 *
 * What each key writes, per method path (`execute-api:/<stage>/<METHOD>/<path>`, `*` for `ANY`):
 * `AwsAccountWhitelist`/`Blacklist` an Allow/Deny for `{"AWS": accounts}`; `IpRangeWhitelist`
 * an Allow for `*` and a Deny `NotIpAddress` on `aws:SourceIp`, `IpRangeBlacklist` the same with
 * `IpAddress`; `SourceVpcWhitelist` (and `IntrinsicVpc(e)Whitelist`) an Allow for `*` and a Deny
 * `StringNotEquals` on `aws:SourceVpc` (ids `vpc-...`) / `aws:SourceVpce` (ids `vpce-...`), the
 * blacklists the same with `StringEquals`; `CustomStatements` as written.
 *
 * `Globals.Api` is merged into each SAM API as the transform merges it (sam-globals.ts), into the
 * implicit `ServerlessRestApi` too. An id in `SourceVpcWhitelist`/`Blacklist` that is not text
 * (`!Ref VpcId`), and an `AwsAccountWhitelist`/`Blacklist` that is one value, not a list, are input
 * errors: the transform rejects them.
 *
 * An event whose `RestApiId` names a plain `AWS::ApiGateway::RestApi` gets nothing from the
 * transform but its `AWS::Lambda::Permission`: the translator adds an event's path, integration and
 * `Auth` (with `ResourcePolicy`) only to an OpenAPI definition it manages (`__MANAGE_SWAGGER`, set for
 * an `AWS::Serverless::Api` without `DefinitionBody`/`DefinitionUri`, or `MergeDefinitions`), never
 * to a `RestApi` nor to a definition the user wrote. That API's policy stays its own `Policy` (or its `Body`'s
 * `x-amazon-apigateway-policy`), checked as written; the event's policy, which never deploys, is
 * recorded on the API (`IGNORED_EVENT_POLICIES`) so that the scan says so.
 *
 * `AWS::Serverless::HttpApi` has no counterpart: HTTP APIs take no resource policy (their `Auth` is
 * authorizers and IAM authorization), so the transform writes none.
 */
import { escapePointerToken } from '@iamgate/core';
import { isRecord } from '../resolve/values';
import { transformedFrom } from '../template/includes';
import { withGlobals } from './sam-globals';
import { MADE_BY, REJECTED_POLICIES, type RejectedPolicy } from './serverless';

const IMPLICIT_API = 'ServerlessRestApi';

/** SAM resources whose `Api` events add routes (and their `Auth.ResourcePolicy`) to a REST API. */
const EVENT_SOURCES: ReadonlySet<string> = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);

/**
 * Property added to the `RestApi` made of a SAM API whose OpenAPI definition is not in the input
 * (`DefinitionUri` in S3, a `DefinitionBody` an `AWS::Include` inserts from S3): why, for the
 * message saying that its `x-amazon-apigateway-policy` is not checked.
 */
export const DEFINITION_ELSEWHERE = 'iamgate:definitionElsewhere';

/**
 * Why the OpenAPI definition of a REST API (`Body`/`BodyS3Location`) or SAM API
 * (`DefinitionBody`/`DefinitionUri`) is not in the input, or undefined when it is (or there is none).
 * Local files were inlined before: a location left is in S3 or an expression.
 */
export function definitionElsewhere(
  props: Record<string, unknown>,
  body: string,
  location: string,
): string | undefined {
  const included = transformedFrom(props[body]);
  if (included !== undefined) return `\`${body}\` is ${included}`;
  if (props[body] !== undefined || props[location] === undefined) return undefined;
  return typeof props[location] === 'string' ||
    (isRecord(props[location]) && !Object.keys(props[location]).some((k) => k === 'Ref' || k.startsWith('Fn::')))
    ? `\`${location}\` names S3`
    : `\`${location}\` is chosen by an expression`;
}

/** Property added to a plain `RestApi`: the events (`Function.Event`) whose `Auth.ResourcePolicy` the transform drops. */
export const IGNORED_EVENT_POLICIES = 'iamgate:ignoredEventPolicies';

/** Why an event's policy does not deploy: the API is a plain `RestApi`, or a SAM API with its own definition. */
type IgnoredWhy = 'rest-api' | 'own-definition';

/** One path and method of an API, as SAM names it in the policy resources. */
interface Route {
  readonly path: string;
  readonly method: string;
}

/**
 * The resources of a template, with each SAM REST API that carries a resource policy made the
 * `RestApi` SAM creates; `globals` is the template's `Globals` section, whose `Api` applies to
 * every SAM REST API, the implicit one included.
 */
export function withServerlessApiPolicies(
  resources: Record<string, unknown>,
  globals: Record<string, unknown> = {},
): Record<string, unknown> {
  const routes = new Map<string, Route[]>();
  const eventPolicies = new Map<string, unknown[]>();
  const ignored = new Map<string, [event: string, why: IgnoredWhy][]>();
  const rejected = new Map<string, RejectedPolicy[]>();
  // The function whose event makes the implicit API first: where that API is declared.
  let implicitBy: string | undefined;
  const reject = (apiId: string, problems: RejectedPolicy[]): void => {
    if (problems.length > 0) (rejected.get(apiId) ?? rejected.set(apiId, []).get(apiId))?.push(...problems);
  };
  const propsOf = (apiId: string): Record<string, unknown> => {
    const body = resources[apiId];
    if (body === undefined) return apiId === IMPLICIT_API ? withGlobals({}, globals['Api']) : {};
    return isRecord(body) && body['Type'] === 'AWS::Serverless::Api' ? withGlobals(body, globals['Api']) : {};
  };
  for (const [sourceId, body] of Object.entries(resources)) {
    if (!isRecord(body) || !EVENT_SOURCES.has(String(body['Type'])) || !isRecord(body['Properties'])) continue;
    const events = body['Properties']['Events'];
    for (const [eventId, event] of isRecord(events) ? Object.entries(events) : []) {
      if (!isRecord(event) || event['Type'] !== 'Api' || !isRecord(event['Properties'])) continue;
      const props = event['Properties'];
      const apiId = apiOf(props['RestApiId']);
      if (apiId === undefined || typeof props['Path'] !== 'string' || typeof props['Method'] !== 'string') continue;
      const route = { path: props['Path'], method: props['Method'] };
      if (apiId === IMPLICIT_API) implicitBy ??= sourceId;
      (routes.get(apiId) ?? routes.set(apiId, []).get(apiId))?.push(route);
      const policy = isRecord(props['Auth']) ? props['Auth']['ResourcePolicy'] : undefined;
      const target = resources[apiId];
      const why = isRecord(policy) ? ignoredWhy(target, propsOf(apiId)) : undefined;
      if (why !== undefined) {
        (ignored.get(apiId) ?? ignored.set(apiId, []).get(apiId))?.push([`${sourceId}.${eventId}`, why]);
      } else if (isRecord(policy)) {
        const at = `/Resources/${escapePointerToken(sourceId)}/Properties/Events/${escapePointerToken(eventId)}/Properties/Auth/ResourcePolicy`;
        reject(apiId, rejectedInPolicy(policy, sourceId, at));
        const stage = stageOf(resources[apiId]);
        (eventPolicies.get(apiId) ?? eventPolicies.set(apiId, []).get(apiId))?.push(
          ...statementsFor(policy, [resourceFor(route, stage)]),
        );
      }
    }
  }
  let out: Record<string, unknown> | undefined;
  const apis = new Set([
    ...Object.keys(resources).filter(
      (id) => isRecord(resources[id]) && resources[id]['Type'] === 'AWS::Serverless::Api',
    ),
    ...eventPolicies.keys(),
    // The implicit API takes `Globals.Api` (its `Auth.ResourcePolicy`) too.
    ...(routes.has(IMPLICIT_API) && isRecord(globals['Api']) ? [IMPLICIT_API] : []),
  ]);
  const globalAuth = isRecord(globals['Api']) && isRecord(globals['Api']['Auth']) ? globals['Api']['Auth'] : {};
  for (const apiId of apis) {
    const body = resources[apiId];
    if (body !== undefined && (!isRecord(body) || body['Type'] !== 'AWS::Serverless::Api')) continue;
    const props = propsOf(apiId);
    const ownAuth = isRecord(body) && isRecord(body['Properties']) ? body['Properties']['Auth'] : undefined;
    reject(
      apiId,
      rejectedInPolicy(
        isRecord(ownAuth) ? ownAuth['ResourcePolicy'] : undefined,
        apiId,
        `/Resources/${escapePointerToken(apiId)}/Properties/Auth/ResourcePolicy`,
      ),
    );
    if (isRecord(props['Auth']) && props['Auth']['ResourcePolicy'] !== undefined)
      reject(apiId, rejectedInPolicy(globalAuth['ResourcePolicy'], apiId, '/Globals/Api/Auth/ResourcePolicy'));
    const elsewhere = definitionElsewhere(props, 'DefinitionBody', 'DefinitionUri');
    const definition = isRecord(props['DefinitionBody']) ? props['DefinitionBody'] : {};
    const written = definition['x-amazon-apigateway-policy'];
    const statements: unknown[] = isRecord(written) ? listOf(written['Statement']) : [];
    const auth = isRecord(props['Auth']) ? props['Auth']['ResourcePolicy'] : undefined;
    if (isRecord(auth)) {
      const stage = stageOf(body);
      const all = [...(routes.get(apiId) ?? []), ...definitionRoutes(definition)];
      const list = all.length > 0 ? all.map((r) => resourceFor(r, stage)) : ['execute-api:/*'];
      statements.push(...statementsFor(auth, list));
    }
    statements.push(...(eventPolicies.get(apiId) ?? []));
    if (statements.length === 0 && !ignored.has(apiId) && elsewhere === undefined && !rejected.has(apiId)) continue;
    out ??= { ...resources };
    out[apiId] = {
      Type: 'AWS::ApiGateway::RestApi',
      ...(body === undefined && implicitBy !== undefined ? { [MADE_BY]: implicitBy } : {}),
      ...(isRecord(body) && body['Condition'] !== undefined ? { Condition: body['Condition'] } : {}),
      ...(isRecord(body) && body['Metadata'] !== undefined ? { Metadata: body['Metadata'] } : {}),
      Properties: {
        ...(typeof props['Name'] === 'string' ? { Name: props['Name'] } : {}),
        ...(statements.length === 0 ? {} : { Policy: { Version: '2012-10-17', Statement: statements } }),
        ...(elsewhere === undefined ? {} : { [DEFINITION_ELSEWHERE]: elsewhere }),
        ...(rejected.has(apiId) ? { [REJECTED_POLICIES]: rejected.get(apiId) } : {}),
      },
    };
  }
  for (const [apiId, events] of ignored) {
    const body = (out?.[apiId] ?? resources[apiId]) as Record<string, unknown>;
    const props = isRecord(body['Properties']) ? body['Properties'] : {};
    out ??= { ...resources };
    out[apiId] = { ...body, Properties: { ...props, [IGNORED_EVENT_POLICIES]: events } };
  }
  return out ?? resources;
}

/**
 * Why the transform drops the `Auth.ResourcePolicy` of an event on this API, if it does: the API is a
 * plain `RestApi`, or an `AWS::Serverless::Api` whose definition is the user's (`DefinitionBody` or
 * `DefinitionUri` without `MergeDefinitions: true`), which the translator does not edit per event.
 */
function ignoredWhy(target: unknown, props: Record<string, unknown>): IgnoredWhy | undefined {
  if (!isRecord(target)) return undefined;
  if (target['Type'] === 'AWS::ApiGateway::RestApi') return 'rest-api';
  if (target['Type'] !== 'AWS::Serverless::Api') return undefined;
  const own = props['DefinitionBody'] !== undefined || props['DefinitionUri'] !== undefined;
  return own && props['MergeDefinitions'] !== true ? 'own-definition' : undefined;
}

/** The logical id of the API an event belongs to: `RestApiId: !Ref Api`, or the implicit API. */
function apiOf(raw: unknown): string | undefined {
  if (raw === undefined) return IMPLICIT_API;
  if (isRecord(raw) && typeof raw['Ref'] === 'string') return raw['Ref'];
  return undefined;
}

/** The stage a policy resource names: the API's `StageName` (`Prod` for the implicit API). */
function stageOf(body: unknown): unknown {
  const props = isRecord(body) && isRecord(body['Properties']) ? body['Properties'] : {};
  return props['StageName'] ?? (body === undefined ? 'Prod' : '*');
}

/** The routes a `DefinitionBody` declares (`paths` -> methods). */
function definitionRoutes(definition: Record<string, unknown>): Route[] {
  const paths = isRecord(definition['paths']) ? definition['paths'] : {};
  return Object.entries(paths).flatMap(([path, methods]) =>
    isRecord(methods)
      ? Object.keys(methods)
          .filter((m) => m !== 'parameters')
          .map((method) => ({ path, method }))
      : [],
  );
}

/** `execute-api:/<stage>/<METHOD>/<path>`, greedy path parameters as `*` and no trailing slash, as SAM writes it. */
function resourceFor(route: Route, stage: unknown): unknown {
  const method = /^(any|x-amazon-apigateway-any-method)$/i.test(route.method) ? '*' : route.method.toUpperCase();
  const path = route.path.replace(/\{[A-Za-z0-9._-]+\+?\}/g, '*').replace(/(.)\/$/, '$1');
  const text = `execute-api:/\${__Stage__}/${method}${path}`;
  return { 'Fn::Sub': [text, { __Stage__: stage }] };
}

/** The statements one `ResourcePolicy` object writes on the given resources. */
function statementsFor(policy: Record<string, unknown>, resource: unknown[]): unknown[] {
  const invoke = (effect: string, principal: unknown, condition?: unknown): Record<string, unknown> => ({
    Effect: effect,
    Principal: principal,
    Action: 'execute-api:Invoke',
    Resource: resource,
    ...(condition === undefined ? {} : { Condition: condition }),
  });
  const out: unknown[] = [];
  const list = (key: string): unknown[] | undefined => (policy[key] === undefined ? undefined : listOf(policy[key]));
  const accounts = (key: string, effect: string): void => {
    const given = list(key);
    if (given !== undefined && given.length > 0) out.push(invoke(effect, { AWS: given }));
  };
  accounts('AwsAccountWhitelist', 'Allow');
  accounts('AwsAccountBlacklist', 'Deny');
  const ipRanges = (key: string, operator: string): void => {
    const given = list(key);
    if (given === undefined || given.length === 0) return;
    out.push(invoke('Allow', '*'), invoke('Deny', '*', { [operator]: { 'aws:SourceIp': given } }));
  };
  ipRanges('IpRangeWhitelist', 'NotIpAddress');
  ipRanges('IpRangeBlacklist', 'IpAddress');
  const endpoints = (suffix: 'Whitelist' | 'Blacklist', operator: string): void => {
    const condition: Record<string, unknown[]> = {};
    for (const id of list(`SourceVpc${suffix}`) ?? []) {
      if (typeof id !== 'string') continue;
      if (id.startsWith('vpce-')) (condition['aws:SourceVpce'] ??= []).push(id);
      else if (id.startsWith('vpc-')) (condition['aws:SourceVpc'] ??= []).push(id);
    }
    const vpcs = list(`IntrinsicVpc${suffix}`);
    if (vpcs !== undefined) (condition['aws:SourceVpc'] ??= []).push(...vpcs);
    const vpces = list(`IntrinsicVpce${suffix}`);
    if (vpces !== undefined) (condition['aws:SourceVpce'] ??= []).push(...vpces);
    if (Object.keys(condition).length > 0)
      out.push(invoke('Allow', '*'), invoke('Deny', '*', { [operator]: condition }));
  };
  endpoints('Blacklist', 'StringEquals');
  endpoints('Whitelist', 'StringNotEquals');
  out.push(...(policy['CustomStatements'] === undefined ? [] : listOf(policy['CustomStatements'])));
  return out;
}

/**
 * What the transform rejects in one `ResourcePolicy` object: an entry of `SourceVpcWhitelist` /
 * `SourceVpcBlacklist` that is not text (`!Ref VpcId`), as it takes only ids written out there and
 * points to `IntrinsicVpcWhitelist` / `IntrinsicVpceWhitelist` (and the blacklists) for values from
 * intrinsics; and an `AwsAccountWhitelist` / `AwsAccountBlacklist` given as one value (`123456789012`,
 * a string) instead of a list of account ids or an intrinsic: the transform takes only a list or an
 * object there (an empty value it skips).
 */
function rejectedInPolicy(policy: unknown, owner: string, at: string): RejectedPolicy[] {
  if (!isRecord(policy)) return [];
  const problems: RejectedPolicy[] = [];
  for (const suffix of ['Whitelist', 'Blacklist']) {
    const key = `SourceVpc${suffix}`;
    const given = policy[key];
    if (!Array.isArray(given)) continue;
    for (const [i, entry] of given.entries()) {
      if (typeof entry === 'string') continue;
      problems.push({
        resource: owner,
        pointer: `${at}/${key}/${i}`,
        message: `\`${key}\` takes VPC and VPC endpoint ids written out, not a value of an intrinsic function: the SAM transform rejects it (use \`IntrinsicVpc${suffix}\` or \`IntrinsicVpce${suffix}\`)`,
      });
    }
  }
  for (const key of ['AwsAccountWhitelist', 'AwsAccountBlacklist']) {
    const given = policy[key];
    // The transform skips an empty value (`''`, `0`, `false`, `null`) and wraps an object in a list.
    if (given === undefined || given === null || given === '' || given === 0 || given === false) continue;
    if (Array.isArray(given) || isRecord(given)) continue;
    const shown = typeof given === 'string' || typeof given === 'number' ? String(given) : JSON.stringify(given);
    problems.push({
      resource: owner,
      pointer: `${at}/${key}`,
      message: `\`${key}\` takes a list of account ids, not one value (\`${shown}\`): the SAM transform rejects it (write \`[${shown}]\`)`,
    });
  }
  return problems;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
