/** Wording of "what this plan changes", shared by the text, markdown and HTML formatters. */
import type {
  AdmissionDelta,
  BoundaryChange,
  ChangeTarget,
  PermissionChange,
  PermissionDelta,
} from '../analysis/changes';
import { getAction, listServiceActions, listServices } from '../catalog/actions';

/** One line of a change: the actions gained (or lost) on one resource, with how they are reached. */
export interface ChangeLine {
  /** `+` widens, `-` narrows, `~` swaps one thing for another (a boundary replaced). */
  readonly sign: '+' | '-' | '~';
  readonly actions: readonly string[];
  readonly resource: string;
  /** Further patterns the same actions change on alike (one statement naming two buckets): one line, not one each. */
  readonly alsoOn?: readonly string[];
  /** On every resource of `resource` but these patterns (what `NotResource` or a Deny spares). */
  readonly except?: readonly string[];
  /** Of `except`, those too long to compare with `resource` (where they meet it is not decided). */
  readonly undecided?: readonly string[];
  /** `under conditions`, `depends on deploy-time values`, `now unconditionally`, or empty. */
  readonly qualifier: string;
  /** The conditions behind the qualifier (lines under different ones are not merged). */
  readonly conditions?: string;
  /**
   * For who a trust or resource policy admits: the principal as shown (`\`*\` (anyone)`,
   * `\`arn:...:oidc-provider/x\` with \`sub\` \`repo:o/*\``), and which policy kind admits it.
   */
  readonly admitted?: { readonly who: string; readonly by: 'trust' | 'resource' };
  /** A permissions boundary set, removed or replaced (no actions: what it cuts is on the other lines). */
  readonly boundary?: BoundaryChange;
  /** S3 Block Public Access turned off (`+`) or on (`-`) for the policy (what it changes is on the other lines). */
  readonly publicAccessBlock?: 'off' | 'on';
  /** An SCP's or RCP's row: what it newly permits (`+`) or no longer permits (`-`). */
  readonly permits?: 'scp' | 'rcp';
}

/**
 * `role \`aws_iam_role.app\``, `resource \`aws_s3_bucket_policy.b\``; an SCP or RCP with where
 * it applies: `scp \`aws_organizations_policy_attachment.sandbox\` attached to OU \`ou-ab12-34567890\``.
 */
export function changeSubject(change: PermissionChange): string {
  const subject = `${change.kind} \`${change.subject}\``;
  if (change.targets === undefined) return subject;
  const targets = change.targets;
  // The input holds its attachments and keeps none.
  if (targets.length === 0) return `${subject} attached nowhere in this plan`;
  const where = (t: ChangeTarget): string =>
    t.targetKind !== 'unknown'
      ? `${TARGET_KINDS[t.targetKind]} \`${t.target}\``
      : t.target === ''
        ? 'a target known after apply'
        : `\`${t.target}\``;
  const shown = targets.slice(0, MAX_TARGETS_SHOWN).map(where).join(', ');
  const rest = targets.length - MAX_TARGETS_SHOWN;
  const list = rest > 0 ? `${shown} and ${rest} more` : shown;
  const change0 = targets[0]?.change;
  const verb = change0 === 'attached' ? 'attached to' : change0 === 'detached' ? 'detached from' : 'on';
  return `${subject} ${verb} ${list}`;
}

const TARGET_KINDS: Readonly<Record<Exclude<ChangeTarget['targetKind'], 'unknown'>, string>> = {
  root: 'root',
  ou: 'OU',
  account: 'account',
};

/** Roots, OUs and accounts named in a subject before the rest are counted. */
const MAX_TARGETS_SHOWN = 3;

/**
 * Why some policies of a change are not compared: `\`p\` is unknown until apply: what it grants is
 * not compared`, or not a valid policy (its `policy-validity/invalid-policy` finding says where),
 * or valid now but not before.
 */
export function notComparedNotes(change: PermissionChange): string[] {
  const what = change.kind === 'scp' || change.kind === 'rcp' ? 'what it permits' : 'what it grants';
  return [
    ...(change.unresolved ?? []).map((name) => `\`${name}\` is unknown until apply: ${what} is not compared`),
    ...(change.invalid ?? []).map(
      (name) =>
        `\`${name}\` is not a valid policy (the \`policy-validity/invalid-policy\` finding says where): ${what} is not compared`,
    ),
    ...(change.invalidBefore ?? []).map(
      (name) => `the previous content of \`${name}\` is not a valid policy: what changed is not compared`,
    ),
  ];
}

/**
 * The lines of a change: gains first, then losses, then who a changed trust or resource policy
 * newly admits and no longer admits; actions sharing a resource and qualifier on one line.
 */
export function changeLines(change: PermissionChange): ChangeLine[] {
  const by = change.kind === 'resource' ? 'resource' : 'trust';
  // A resource policy's gains and losses, whoever they go to, are said per principal by `admits`.
  const perPrincipal = by === 'resource' && change.admits !== undefined;
  // An SCP or RCP grants nothing itself: its rows say what it permits.
  const kind = change.kind;
  const rows = (sign: '+' | '-', deltas: readonly PermissionDelta[]): readonly ChangeLine[] =>
    kind === 'scp' || kind === 'rcp'
      ? group(sign, deltas).map((line) => ({ ...line, permits: kind }))
      : group(sign, deltas);
  return [
    ...(change.boundary === undefined ? [] : [boundaryLine(change.boundary)]),
    ...(change.publicAccessRestricted === undefined ? [] : [publicAccessLine(change.publicAccessRestricted.after)]),
    ...(perPrincipal ? [] : rows('+', change.gained)),
    ...(perPrincipal ? [] : rows('-', change.lost)),
    ...groupAdmissions('+', change.admits?.gained ?? [], by),
    ...groupAdmissions('-', change.admits?.lost ?? [], by),
  ];
}

const NOW_CONDITIONAL = 'now only under conditions';

/** Block Public Access turned off widens who a public policy admits; turned on, it narrows it. */
function publicAccessLine(restricted: boolean): ChangeLine {
  return {
    sign: restricted ? '-' : '+',
    actions: [],
    resource: '',
    qualifier: '',
    publicAccessBlock: restricted ? 'on' : 'off',
  };
}

/** A boundary removed widens what the principal may do, one set narrows it; a swap may do either. */
function boundaryLine(boundary: BoundaryChange): ChangeLine {
  const sign = boundary.after === undefined ? '+' : boundary.before === undefined ? '-' : '~';
  return { sign, actions: [], resource: '', qualifier: '', boundary };
}

/** Actions named on one line before the rest are counted (`--format json` lists them all). */
export const MAX_ACTIONS_SHOWN = 8;

/**
 * `gains \`s3:PutObject\`, \`s3:DeleteObject\` on \`arn:aws:s3:::b/*\` (under conditions)`; past
 * {@link MAX_ACTIONS_SHOWN} actions, `and N more actions`.
 */
export function describeChangeLine(line: ChangeLine): string {
  if (line.publicAccessBlock === 'off')
    return 'S3 Block Public Access no longer restricts its public grants (`RestrictPublicBuckets` off)';
  if (line.publicAccessBlock === 'on')
    return 'S3 Block Public Access now restricts its public grants (`RestrictPublicBuckets` on)';
  const boundary = line.boundary;
  if (boundary !== undefined) {
    const { before, after } = boundary;
    const cut = after === undefined ? 'cut' : 'cuts';
    const unknown =
      boundary.notCompared === true ? ` (its document is not in the input: what it ${cut} is not compared)` : '';
    if (after === undefined) return `permissions boundary \`${before ?? ''}\` removed${unknown}`;
    if (before === undefined) return `permissions boundary \`${after}\` set${unknown}`;
    return `permissions boundary \`${before}\` replaced by \`${after}\`${unknown}`;
  }
  const except = line.except?.length ? ` except ${exceptList(line.except, line.undecided)}` : '';
  // An RCP limits what may be done to the resources of the member accounts under its targets; AWS
  // Organizations never applies it to the management account's resources.
  const every = line.permits === 'rcp' ? RCP_EVERY : 'every resource';
  const patterns = patternList([line.resource, ...(line.alsoOn ?? [])]);
  const where = line.resource === '*' ? `on ${every}${except}` : `on ${patterns}${except}`;
  const qualifier = line.qualifier ? ` (${line.qualifier})` : '';
  if (line.admitted !== undefined) {
    const actions = actionList(line.actions);
    const who = line.admitted.who;
    // Narrowed to conditions: still admitted, only under them.
    if (line.qualifier === NOW_CONDITIONAL)
      return line.admitted.by === 'trust'
        ? `may now be assumed by ${who} only under conditions (${actions})`
        : `now admits ${who} to ${actions} ${where} only under conditions`;
    if (line.admitted.by === 'trust')
      return `${line.sign === '+' ? 'may now' : 'may no longer'} be assumed by ${who} (${actions})${qualifier}`;
    return `${line.sign === '+' ? 'now admits' : 'no longer admits'} ${who} to ${actions} ${where}${qualifier}`;
  }
  const verb = line.permits
    ? line.sign === '+'
      ? 'newly permits'
      : 'no longer permits'
    : line.sign === '+'
      ? 'gains'
      : 'loses';
  return `${verb} ${actionList(line.actions)} ${where}${qualifier}`;
}

/** Where an RCP's `*` row is true: the resources of the member accounts under its targets. */
const RCP_EVERY = 'every resource of the member accounts it applies to';

/** What a row says where two patterns were too long to compare. */
const UNDECIDED = 'not decided: the patterns are too long to compare';

/** Patterns a line is not true of named before the rest are counted (`--format json` lists them all). */
const MAX_EXCEPT_SHOWN = 3;

/**
 * `\`b/logs/*\`, \`b/tmp/*\``; past {@link MAX_EXCEPT_SHOWN}, counted first so the breadth reads
 * before the examples: `14 resources: \`a\`, \`b\`, \`c\` and 11 more`. Those not decided come
 * first, so that a shortened list still says the row is not decided there.
 */
function exceptList(except: readonly string[], undecided: readonly string[] = []): string {
  const ordered = [...except.filter((r) => undecided.includes(r)), ...except.filter((r) => !undecided.includes(r))];
  const shown = ordered
    .slice(0, MAX_EXCEPT_SHOWN)
    .map((r) => (undecided.includes(r) ? `\`${r}\` (${UNDECIDED})` : `\`${r}\``));
  const rest = except.length - shown.length;
  if (rest <= 0) return shown.join(', ');
  return `${except.length} resources: ${shown.join(', ')} and ${rest} more`;
}

/** The patterns of a line; past {@link MAX_EXCEPT_SHOWN}, counted first as {@link exceptList} does. */
function patternList(patterns: readonly string[]): string {
  const shown = patterns.slice(0, MAX_EXCEPT_SHOWN).map((r) => `\`${r}\``);
  const rest = patterns.length - shown.length;
  return rest <= 0 ? shown.join(', ') : `${patterns.length} resources: ${shown.join(', ')} and ${rest} more`;
}

/**
 * `\`s3:GetObject\`, \`s3:PutObject\``, `every action (\`*\`)`, `every \`s3\` action (but
 * \`s3:GetObject\`)`, cut past {@link MAX_ACTIONS_SHOWN}.
 */
function actionList(actions: readonly string[]): string {
  const named = summarized(actions);
  const only = named.length === 1 ? named[0] : undefined;
  // Alone on its line: what follows the actions it leaves out is the resource.
  if (only?.action === '*') return `every action (\`*\`)${only.but === undefined ? '' : ` but ${butList(only.but)}`}`;
  const shown = named.slice(0, MAX_ACTIONS_SHOWN).map(summaryText);
  const rest = named.length - shown.length;
  if (rest <= 0) return shown.join(', ');
  // A list cut across services is counted, its examples those a reviewer weighs first: what must be
  // taken in is its breadth (AdministratorAccess where ReadOnlyAccess was gains some of every service).
  const services = new Set(actions.map((a) => a.slice(0, a.indexOf(':')).toLowerCase())).size;
  if (services < 2) return `${shown.join(', ')} and ${rest} more action${rest === 1 ? '' : 's'}`;
  const where = services >= listServices().length ? 'every service' : `${services} services`;
  // One example per service first, the sensitive services before the others; a service but a few
  // actions is shown by its actions, as an example reads best.
  const plain = named.flatMap((summary) =>
    summary.but === undefined
      ? [summary]
      : actions.filter((a) => a.toLowerCase().startsWith(summary.action.slice(0, -1))).map((action) => ({ action })),
  );
  const seen = new Map<string, number>();
  const ranked = plain.map((summary, i) => {
    const service = summary.action.slice(0, summary.action.indexOf(':')).toLowerCase();
    const nth = seen.get(service) ?? 0;
    seen.set(service, nth + 1);
    const sensitive = SENSITIVE_SERVICES.indexOf(service);
    return { summary, nth, weight: sensitive < 0 ? SENSITIVE_SERVICES.length : sensitive, i };
  });
  const examples = ranked
    .sort((a, b) => a.nth - b.nth || a.weight - b.weight || a.i - b.i)
    .slice(0, MAX_ACTIONS_SHOWN)
    .map(({ summary }) => summaryText(summary));
  return `${actions.length} actions of ${where} (${examples.join(', ')}, ...)`;
}

/**
 * An action as a line names it: `\`s3:GetObject\``, `\`s3:*\``, `every \`s3\` action (but
 * \`s3:GetObject\`)`: bracketed, as a list of actions may follow (`..., \`sqs:SendMessage\``).
 */
function summaryText(summary: ActionSummary): string {
  if (summary.but === undefined) return `\`${summary.action}\``;
  return `every \`${summary.action.slice(0, summary.action.indexOf(':'))}\` action (but ${butList(summary.but)})`;
}

/** `\`s3:GetObject\`, \`s3:PutObject\``: the actions a summary leaves out (they change otherwise, or not at all). */
function butList(but: readonly string[]): string {
  return but.map((a) => `\`${a}\``).join(', ');
}

/** Services whose actions a reviewer weighs first, named first among the examples of a long list. */
const SENSITIVE_SERVICES: readonly string[] = [
  'iam',
  'sts',
  'organizations',
  'kms',
  'secretsmanager',
  's3',
  'ec2',
  'lambda',
];

/** An action, or a service's (`s3:*`) or the catalog's (`*`) but a few, as a line names it. */
interface ActionSummary {
  readonly action: string;
  /** The actions of the service (of the catalog, for `*`) the summary leaves out. */
  readonly but?: readonly string[];
}

/**
 * Actions as a reader takes them in: every action of a service as `service:*`, every action of
 * the catalog as `*` (what `AdministratorAccess` grants), all but a few as `service:*` or `*` but
 * those few (`s3:*` narrowed to `s3:GetObject` loses every s3 action but it), the others as they are.
 */
function summarized(actions: readonly string[]): readonly ActionSummary[] {
  let named = summaries.get(actions);
  if (named === undefined) {
    named = summarizeOnce(actions);
    summaries.set(actions, named);
  }
  return named;
}

const summaries = new WeakMap<readonly string[], readonly ActionSummary[]>();

function summarizeOnce(actions: readonly string[]): ActionSummary[] {
  if (actions.length < 2) return actions.map((action) => ({ action }));
  const byService = new Map<string, string[]>();
  for (const action of actions) {
    const service = action.slice(0, action.indexOf(':')).toLowerCase();
    const list = byService.get(service);
    if (list === undefined) byService.set(service, [action]);
    else list.push(action);
  }
  const out: ActionSummary[] = [];
  const left: string[] = [];
  let whole = 0;
  for (const [service, list] of byService) {
    const missing = leftOut(service, list);
    if (missing === undefined) {
      out.push(...list.map((action) => ({ action })));
      continue;
    }
    whole++;
    left.push(...missing);
    const all = listServiceActions(service).length;
    // A service of one action is named by it.
    if (all === 1) out.push({ action: list[0] as string });
    else out.push({ action: `${service}:*`, ...(missing.length > 0 ? { but: missing } : {}) });
  }
  const all = whole === byService.size ? everyServiceBut(byService, left) : undefined;
  if (all === undefined) return out;
  return [{ action: '*', ...(all.length > 0 ? { but: all } : {}) }];
}

/**
 * The actions left out, sorted, when `held` (its services each held whole but `left`) holds every
 * service of the catalog but at most {@link FEW_LEFT_OUT} actions (those of the services absent
 * included); undefined otherwise.
 */
function everyServiceBut(held: ReadonlyMap<string, unknown>, left: readonly string[]): string[] | undefined {
  const services = listServices();
  if (held.size < services.length - FEW_LEFT_OUT || left.length > FEW_LEFT_OUT) return undefined;
  const all = [...left];
  for (const { prefix } of services) {
    if (held.has(prefix)) continue;
    all.push(...listServiceActions(prefix).map((a) => a.action));
    if (all.length > FEW_LEFT_OUT) return undefined;
  }
  return all.sort();
}

/** Actions a summary may leave out (`every \`s3\` action but ...`) before the actions are listed instead. */
const FEW_LEFT_OUT = 6;

/**
 * The actions of `service` (in catalog case) `list` does not hold, when it holds all but at most
 * `most` of them (by default {@link FEW_LEFT_OUT}, what a line reads as `every \`s3\` action (but
 * ...)`) and more than it leaves out; undefined otherwise.
 */
function leftOut(
  service: string,
  list: readonly string[],
  most: (all: number) => number = () => FEW_LEFT_OUT,
): string[] | undefined {
  const all = listServiceActions(service);
  const bound = most(all.length);
  if (all.length === 0 || list.length < all.length - bound) return undefined;
  // Looked up as written (catalog case) first: lowercased only for an action not found so.
  const held = new Set(list);
  let lowered: Set<string> | undefined;
  const missing: string[] = [];
  for (const { action } of all) {
    if (held.has(action)) continue;
    lowered ??= new Set(list.map((a) => a.toLowerCase()));
    if (lowered.has(action.toLowerCase())) continue;
    missing.push(action);
    if (missing.length > bound) return undefined;
  }
  return missing.length === 0 || list.length > missing.length ? missing : undefined;
}

/**
 * The actions a JSON row `service:*` may leave out: fewer than half the service (at least
 * {@link FEW_LEFT_OUT}), so that its `exceptActions`, listed whole, names fewer actions than the
 * rows it stands for and says as exactly what changes (a role moved from read-only to power-user
 * access gains more than half the actions of 400 services: 11,000 rows were 1.8 MB).
 */
function mostLeftOutOfRow(all: number): number {
  return Math.max(FEW_LEFT_OUT, Math.ceil(all / 2) - 1);
}

/** Lines of each list of deltas, made once: principals that share an analysis share their lists. */
const grouped: Record<'+' | '-', WeakMap<readonly PermissionDelta[], ChangeLine[]>> = {
  '+': new WeakMap(),
  '-': new WeakMap(),
};

function group(sign: '+' | '-', deltas: readonly PermissionDelta[]): ChangeLine[] {
  let lines = grouped[sign].get(deltas);
  if (lines === undefined) {
    lines = groupOnce(sign, deltas);
    grouped[sign].set(deltas, lines);
  }
  return lines;
}

function groupOnce(sign: '+' | '-', deltas: readonly PermissionDelta[]): ChangeLine[] {
  const lines = new Map<
    string,
    {
      actions: string[];
      resource: string;
      except?: readonly string[];
      undecided?: readonly string[];
      qualifier: string;
      conditions?: string;
    }
  >();
  for (const d of deltas) {
    const qualifier = qualifierOf(sign, d);
    const key = `${d.resource}\u0000${exceptKey(d)}\u0000${qualifier}\u0000${d.conditions ?? ''}`;
    const line = lines.get(key) ?? {
      actions: [],
      resource: d.resource,
      ...(d.except === undefined ? {} : { except: d.except }),
      ...(d.undecided === undefined ? {} : { undecided: d.undecided }),
      qualifier,
      ...(d.conditions === undefined ? {} : { conditions: d.conditions }),
    };
    line.actions.push(d.action);
    lines.set(key, line);
  }
  return alike([...lines.values()].map((l) => ({ sign, ...l })));
}

/**
 * Lines that change the same actions alike on several patterns (a statement naming two buckets
 * under one condition) as one line naming them all; a line on `*` or with exceptions, or under
 * other conditions, stays apart.
 */
function alike(lines: readonly ChangeLine[]): ChangeLine[] {
  const first = new Map<string, number>();
  const more = new Map<number, string[]>();
  const out: ChangeLine[] = [];
  for (const line of lines) {
    const key = [line.admitted?.who ?? '', line.qualifier, line.conditions ?? '', ...line.actions].join('\u0000');
    const at = line.resource === '*' || line.except !== undefined ? undefined : first.get(key);
    if (at === undefined) {
      if (line.resource !== '*' && line.except === undefined) first.set(key, out.length);
      out.push(line);
    } else more.set(at, [...(more.get(at) ?? []), line.resource]);
  }
  for (const [at, alsoOn] of more) out[at] = { ...(out[at] as ChangeLine), alsoOn };
  return out;
}

/** What rows must share of `except` and `undecided` to be one row. */
export function exceptKey(d: PermissionDelta): string {
  return [...(d.except ?? []), '', ...(d.undecided ?? [])].join('\u0000');
}

function qualifierOf(sign: '+' | '-', d: PermissionDelta): string {
  if (d.before === 'unknown' && d.after === 'unknown') return UNDECIDED;
  if (d.after === 'unknown') return 'depends on deploy-time values';
  // Conditions before and after, the new ones admitting requests the old did not (or the reverse).
  if (d.before === 'conditional' && d.after === 'conditional') return 'under changed conditions';
  if (sign === '+') {
    if (d.after === 'conditional') return 'under conditions';
    return d.before === 'conditional' ? 'now unconditionally' : '';
  }
  if (d.after === 'conditional') return NOW_CONDITIONAL;
  return d.before === 'conditional' ? 'was under conditions' : '';
}

/** One line per principal, resource and qualifier, its actions together. */
function groupAdmissions(sign: '+' | '-', deltas: readonly AdmissionDelta[], by: 'trust' | 'resource'): ChangeLine[] {
  return alike(groupAdmissionsOnce(sign, deltas, by));
}

function groupAdmissionsOnce(
  sign: '+' | '-',
  deltas: readonly AdmissionDelta[],
  by: 'trust' | 'resource',
): ChangeLine[] {
  const lines = new Map<string, ChangeLine & { actions: string[] }>();
  for (const d of deltas) {
    const who = describeGrantee(d);
    const resource = d.resource ?? '*';
    const qualifier = qualifierOf(sign, { action: d.action, resource, before: d.before, after: d.after });
    const key = `${who}\u0000${resource}\u0000${(d.except ?? []).join('\u0000')}\u0000${qualifier}`;
    const line = lines.get(key) ?? {
      sign,
      actions: [],
      resource,
      ...(d.except === undefined ? {} : { except: d.except }),
      qualifier,
      admitted: { who, by },
    };
    line.actions.push(d.action);
    lines.set(key, line);
  }
  return [...lines.values()];
}

/** `\`*\` (anyone)`, `\`arn:aws:iam::999988887777:root\``, `\`arn:...\` with \`sub\` \`repo:o/*\``. */
function describeGrantee(d: AdmissionDelta): string {
  if (d.principal === '*') return '`*` (anyone)';
  if (d.sub === undefined) return `\`${d.principal}\``;
  return d.sub === '*' ? `\`${d.principal}\` (any \`sub\`)` : `\`${d.principal}\` with \`sub\` \`${d.sub}\``;
}

/**
 * Rows of a change for the JSON report, one per action, with the actions of a service that all
 * change alike (same resource, same before and after) as one `service:*` row, and `*` when every
 * service of the catalog does: a policy of every action taken away is one row, not 20,000. More
 * than half the actions of a service (all but a few of the catalog) are one `service:*` (`*`)
 * row whose `exceptActions` lists the others (they change otherwise, or not at all).
 */
export function compactRows<T extends { readonly action: string }>(
  rows: readonly T[],
  sameChange: (row: T) => string,
): (T & { readonly exceptActions?: readonly string[] })[] {
  // Per change kind, the rows of each service; each row keeps its group (a policy that loses every
  // action has 20,000 rows, and a plan may have thousands of such policies).
  const kinds = new Map<string, ChangeKind>();
  const groupOf: ServiceGroup[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as T;
    const key = sameChange(row);
    let kind = kinds.get(key);
    if (kind === undefined) kinds.set(key, (kind = { services: new Map(), whole: 0, left: [], emitted: false }));
    // An action the catalog does not know (a resource policy names it as written) stays a row of
    // its own: a `service:*` row is read back from the catalog, which would leave it out.
    const colon = row.action.indexOf(':');
    const service = colon > 0 && getAction(row.action) !== undefined ? row.action.slice(0, colon).toLowerCase() : '';
    let group = kind.services.get(service);
    if (group === undefined)
      kind.services.set(service, (group = { service, kind, rows: [], whole: false, emitted: new Set() }));
    group.rows.push(i);
    groupOf.push(group);
  }
  // The services each change kind holds whole, or but a few actions.
  for (const kind of kinds.values())
    for (const group of kind.services.values()) {
      if (group.service === '') continue;
      const missing = leftOut(
        group.service,
        group.rows.map((i) => (rows[i] as T).action),
        mostLeftOutOfRow,
      );
      if (missing === undefined) continue;
      group.whole = true;
      if (missing.length > 0) group.but = missing;
      kind.left.push(...missing);
      kind.whole += 1;
    }
  for (const kind of kinds.values()) {
    if (kind.whole !== kind.services.size) continue;
    const all = everyServiceBut(kind.services, kind.left);
    if (all !== undefined) kind.all = all;
  }
  const out: (T & { readonly exceptActions?: readonly string[] })[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as T;
    const group = groupOf[i] as ServiceGroup;
    if (!group.whole) {
      out.push(row);
      continue;
    }
    // Every service of the catalog (but a few actions): one `*` row for the kind.
    const all = group.kind.all;
    if (all !== undefined) {
      if (!group.kind.emitted) out.push({ ...row, action: '*', ...(all.length > 0 ? { exceptActions: all } : {}) });
      group.kind.emitted = true;
      continue;
    }
    // A service of one action is named by it.
    const action = listServiceActions(group.service).length > 1 ? `${group.service}:*` : row.action;
    if (group.emitted.has(action)) continue;
    group.emitted.add(action);
    out.push({ ...row, action, ...(group.but !== undefined ? { exceptActions: group.but } : {}) });
  }
  return out;
}

/** The rows of one change kind (same resource, before and after), by service. */
interface ChangeKind {
  readonly services: Map<string, ServiceGroup>;
  /** How many of its services it holds whole (but a few actions). */
  whole: number;
  /** The actions its services leave out. */
  readonly left: string[];
  /** Every service of the catalog but these actions: one `*` row. */
  all?: readonly string[];
  /** Whether its `*` row is out. */
  emitted: boolean;
}

interface ServiceGroup {
  readonly service: string;
  readonly kind: ChangeKind;
  readonly rows: number[];
  /** Holds every action of the service, but those of `but`. */
  whole: boolean;
  but?: readonly string[];
  /** The actions of its rows already out (`service:*`, or the one action of a one-action service). */
  readonly emitted: Set<string>;
}
