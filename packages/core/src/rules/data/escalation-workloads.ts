/**
 * Escalation through one workload of the scan that runs with a role: replacing the code of one
 * Lambda function, sending a command to (or opening a session on) one instance, updating one
 * stack or state machine, running a shell command in one AgentCore runtime (or code in one code
 * interpreter, or driving one custom browser) runs the caller's code with the workload's role. The run-as-existing-role
 * path rules only count these actions granted on every resource; here the grant names one
 * workload, and the path is open when the role it runs as holds administrator access or a path to
 * it (escalation-targets.ts decides which roles do).
 *
 * Which actions must name the workload comes from pathfinding.cloud (`permissions.required` of
 * each path, facts only): the actions that change or enter it. Invoking the function afterwards is
 * not required by AWS in the same policy: lambda-003 needs `lambda:UpdateFunctionCode` alone (the
 * function's own triggers run the new code), so lambda-004 (`+ lambda:InvokeFunction`) and
 * lambda-005 (`+ lambda:AddPermission`) are longer forms of it and the shortest is reported.
 * An action that prepares something new (a SageMaker lifecycle configuration) may be granted on any
 * resource. One that only finds the workload (`ec2:DescribeInstances`, `ecs:DescribeTasks`) is not
 * needed when the grant names it: its address or task id can be learnt otherwise (the Pathfinding
 * Labs scenario ec2-003 escalates with `ec2-instance-connect:SendSSHPublicKey` alone).
 */
import { matchPolicyValue } from '../../match/value';
import type { Statement } from '../../model/policy';
import { SymbolicValue, valueToString } from '../../model/symbolic';
import type { Hole, PolicyValue } from '../../model/symbolic';
import type { PrincipalInput, WorkloadInput } from '../../analysis/input';
import type { DeployChoice } from '../../analysis/choices';
import { actionMatches } from '../statement-helpers';
import { ESCALATION_PATHS } from './escalation-paths';
import type { EscalationPath } from './escalation-paths';
import { constrainingClauses, coversAllResourcesOf, leavesEscalationOpen } from './grants';
import type { Grant, TargetHolds } from './escalation-targets';
import { DOCUMENT_ARN, runsOnlyFixedDocuments } from './escalation-documents';

/** What a workload is, whatever the input calls its type. */
type WorkloadKind =
  | 'lambda-function'
  | 'ec2-instance'
  | 'cloudformation-stack'
  | 'state-machine'
  | 'ecs-service'
  | 'apprunner-service'
  | 'sagemaker-notebook'
  | 'codebuild-project'
  | 'agentcore-runtime'
  | 'agentcore-browser'
  | 'agentcore-code-interpreter';

const KIND_OF_TYPE: Readonly<Record<string, WorkloadKind>> = {
  aws_lambda_function: 'lambda-function',
  'AWS::Lambda::Function': 'lambda-function',
  aws_instance: 'ec2-instance',
  'AWS::EC2::Instance': 'ec2-instance',
  aws_cloudformation_stack: 'cloudformation-stack',
  'AWS::CloudFormation::Stack': 'cloudformation-stack',
  aws_sfn_state_machine: 'state-machine',
  'AWS::StepFunctions::StateMachine': 'state-machine',
  aws_ecs_service: 'ecs-service',
  'AWS::ECS::Service': 'ecs-service',
  aws_apprunner_service: 'apprunner-service',
  'AWS::AppRunner::Service': 'apprunner-service',
  aws_sagemaker_notebook_instance: 'sagemaker-notebook',
  'AWS::SageMaker::NotebookInstance': 'sagemaker-notebook',
  aws_codebuild_project: 'codebuild-project',
  'AWS::CodeBuild::Project': 'codebuild-project',
  aws_bedrockagentcore_agent_runtime: 'agentcore-runtime',
  'AWS::BedrockAgentCore::Runtime': 'agentcore-runtime',
  aws_bedrockagentcore_browser: 'agentcore-browser',
  'AWS::BedrockAgentCore::BrowserCustom': 'agentcore-browser',
  aws_bedrockagentcore_code_interpreter: 'agentcore-code-interpreter',
  'AWS::BedrockAgentCore::CodeInterpreterCustom': 'agentcore-code-interpreter',
};

/** How a path of the run-as-existing-role family enters one workload. */
interface Entry {
  readonly kind: WorkloadKind;
  /** The actions whose resource is the workload; the path's other actions may be on any resource. */
  readonly enter: readonly string[];
  /** `ssm:SendCommand` also runs a document, which the grant must name too (its ARN, or every resource). */
  readonly document?: boolean;
  /** Actions of the path that only find the workload, not needed when the grant names it. */
  readonly finds?: readonly string[];
}

const ENTRIES: Readonly<Record<string, Entry>> = {
  'lambda-003': { kind: 'lambda-function', enter: ['lambda:UpdateFunctionCode'] },
  'lambda-004': { kind: 'lambda-function', enter: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'] },
  'lambda-005': { kind: 'lambda-function', enter: ['lambda:UpdateFunctionCode', 'lambda:AddPermission'] },
  'ssm-001': { kind: 'ec2-instance', enter: ['ssm:StartSession'] },
  'ssm-002': { kind: 'ec2-instance', enter: ['ssm:SendCommand'], document: true },
  'ec2instanceconnect-003': {
    kind: 'ec2-instance',
    enter: ['ec2-instance-connect:SendSSHPublicKey'],
    finds: ['ec2:DescribeInstances'],
  },
  'ec2-002': {
    kind: 'ec2-instance',
    enter: ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'],
  },
  'cloudformation-002': { kind: 'cloudformation-stack', enter: ['cloudformation:UpdateStack'] },
  'cloudformation-005': {
    kind: 'cloudformation-stack',
    enter: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
  },
  'stepfunctions-002': { kind: 'state-machine', enter: ['states:UpdateStateMachine', 'states:StartExecution'] },
  'ecs-006': { kind: 'ecs-service', enter: ['ecs:ExecuteCommand'], finds: ['ecs:DescribeTasks'] },
  'apprunner-002': { kind: 'apprunner-service', enter: ['apprunner:UpdateService'] },
  'sagemaker-004': { kind: 'sagemaker-notebook', enter: ['sagemaker:CreatePresignedNotebookInstanceUrl'] },
  'sagemaker-005': {
    kind: 'sagemaker-notebook',
    enter: ['sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance', 'sagemaker:StartNotebookInstance'],
  },
  'codebuild-002': { kind: 'codebuild-project', enter: ['codebuild:StartBuild'] },
  'codebuild-003': { kind: 'codebuild-project', enter: ['codebuild:StartBuildBatch'] },
  'bedrock-004': { kind: 'agentcore-runtime', enter: ['bedrock-agentcore:InvokeAgentRuntimeCommand'] },
  // The automation stream acts on no resource type (granted on `*`): the session names the browser.
  'bedrock-007': { kind: 'agentcore-browser', enter: ['bedrock-agentcore:StartBrowserSession'] },
  'bedrock-002': {
    kind: 'agentcore-code-interpreter',
    enter: ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
  },
};

interface WorkloadRoute {
  readonly path: EscalationPath;
  readonly entry: Entry;
  /** The path's actions this route needs (those that only find the workload aside). */
  readonly actions: readonly string[];
  /** The path's actions that must name the workload, lowercase. */
  readonly enter: ReadonlySet<string>;
}

const ROUTES: readonly WorkloadRoute[] = ESCALATION_PATHS.flatMap((path) => {
  const entry =
    path.family === 'run-as-existing-role' && Object.hasOwn(ENTRIES, path.id) ? ENTRIES[path.id] : undefined;
  if (entry === undefined) return [];
  const finds = new Set((entry.finds ?? []).map((a) => a.toLowerCase()));
  const actions = path.actions.filter((a) => !finds.has(a.toLowerCase()));
  return [{ path, entry, actions, enter: new Set(entry.enter.map((a) => a.toLowerCase())) }];
});

// A route naming no path of the family, or an action its path does not have, is a typo in this table.
for (const [id, entry] of Object.entries(ENTRIES)) {
  const route = ROUTES.find((r) => r.path.id === id);
  const missing = [...entry.enter, ...(entry.finds ?? [])].filter((a) => !route?.path.actions.includes(a));
  if (route === undefined || missing.length > 0)
    throw new Error(`escalation-workloads: \`${id}\` is no run-as-existing-role path with ${missing.join(', ')}`);
}

/** Every action that changes or enters a workload, for the quick test of which statements may. */
const ENTER_ACTIONS: readonly string[] = [...new Set(ROUTES.flatMap((r) => r.entry.enter))];

/** A path open through one workload toward the role it runs as, with the statements that open it. */
export interface WorkloadPath {
  readonly principal: PrincipalInput;
  readonly workload: WorkloadInput;
  readonly role: PrincipalInput;
  readonly path: EscalationPath;
  /** The actions of the path it needs, in the path's order (those that only find the workload aside). */
  readonly actions: readonly string[];
  /** The statement granting each of `actions`. */
  readonly grants: readonly Grant[];
  /** The first grant that names the workload (the finding is anchored there). */
  readonly anchor: Grant;
  readonly roleHolds: TargetHolds;
  /** The deploy choices it is open under: its grants, the workload and what its role holds (absent: every deploy). */
  readonly choice?: DeployChoice;
}

/**
 * A regular expression a policy written as JSON text must match to matter here: it names a
 * service whose actions enter one of the workloads of the scan (undefined without workloads).
 */
export function workloadServices(workloads: readonly WorkloadInput[]): RegExp | undefined {
  const kinds = new Set(workloads.map((w) => kindOf(w)));
  const services = new Set(
    ROUTES.filter((r) => kinds.has(r.entry.kind)).flatMap((r) => r.entry.enter.map((a) => a.split(':')[0] as string)),
  );
  if (services.size === 0) return undefined;
  return new RegExp(`"(?:${[...services].map((s) => s.replace(/[-]/g, '\\-')).join('|')}):`, 'i');
}

/** Whether some Allow of `own` names a resource (not every one) with an action that enters a workload. */
export function entersSomeWorkload(own: readonly Grant[]): boolean {
  return own.some(
    ({ statement }) =>
      statement.effect === 'Allow' &&
      !coversAllResourcesOf(statement) &&
      statement.resource !== undefined &&
      !statement.resource.negated &&
      ENTER_ACTIONS.some((a) => actionMatches(statement, a)),
  );
}

function kindOf(workload: WorkloadInput): WorkloadKind | undefined {
  return Object.hasOwn(KIND_OF_TYPE, workload.type) ? KIND_OF_TYPE[workload.type] : undefined;
}

/**
 * The workloads of the scan indexed once: each with the principal of the scan it runs as (by id,
 * by ARN, or by the role name its ARN ends with). `among` picks those running as a role that holds
 * something, indexed by ARN text and by the ARN's resource part, so that a grant finds the
 * workloads it names without pairing every principal with every workload.
 */
export class WorkloadIndex {
  private readonly withRole: readonly { readonly workload: WorkloadInput; readonly role: PrincipalInput }[];

  constructor(workloads: readonly WorkloadInput[], principals: readonly PrincipalInput[]) {
    const byId = new Map<string, PrincipalInput>();
    const byText = new Map<string, PrincipalInput>();
    for (const p of principals) {
      if (p.kind !== 'role') continue;
      byId.set(p.id, p);
      if (p.arn !== undefined) byText.set(valueToString(p.arn), p);
      if (typeof p.name === 'string') byText.set(`name|${p.name}`, p);
    }
    const out: { workload: WorkloadInput; role: PrincipalInput }[] = [];
    for (const workload of workloads) {
      if (kindOf(workload) === undefined || workload.arn === undefined) continue;
      let role: PrincipalInput | undefined;
      if ('principal' in workload.role) role = byId.get(workload.role.principal);
      else {
        const text = valueToString(workload.role.arn);
        const named = /^arn:[^:]*:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(text);
        role = byText.get(text) ?? (named === null ? undefined : byText.get(`name|${named[1] as string}`));
      }
      if (role !== undefined) out.push({ workload, role });
    }
    this.withRole = out;
  }

  /**
   * The workloads running as a role `holds` has (or, for instances, `onInstance` has: roles that
   * escalate only from code running on an instance), with lookups by what a grant names.
   */
  among(
    holds: ReadonlyMap<PrincipalInput, TargetHolds>,
    onInstance: ReadonlyMap<PrincipalInput, TargetHolds> = holds,
  ): HeldWorkloads | undefined {
    // Those running as an administrator first: a pattern names them before the others.
    const held = this.withRole
      .filter((w) => holds.has(w.role) || (kindOf(w.workload) === 'ec2-instance' && onInstance.has(w.role)))
      .sort((a, b) => Number(holds.get(a.role) !== 'admin') - Number(holds.get(b.role) !== 'admin'));
    return held.length === 0 ? undefined : new HeldWorkloads(held);
  }
}

/** Workloads whose role holds something, by ARN text and by `kind|resource` (region and account aside). */
export class HeldWorkloads {
  private readonly byText = new Map<string, { workload: WorkloadInput; role: PrincipalInput }[]>();
  /** The kinds of workload among them. */
  readonly kinds = new Set<WorkloadKind | undefined>();

  constructor(readonly all: readonly { readonly workload: WorkloadInput; readonly role: PrincipalInput }[]) {
    for (const w of all) {
      this.kinds.add(kindOf(w.workload));
      const arn = w.workload.arn as PolicyValue;
      this.add(valueToString(arn).toLowerCase(), w);
      const tail = resourcePart(arn);
      if (tail !== undefined) this.add(`tail|${tail}`, w);
    }
  }

  private add(key: string, w: { workload: WorkloadInput; role: PrincipalInput }): void {
    const list = this.byText.get(key);
    if (list === undefined) this.byText.set(key, [w]);
    else if (list[list.length - 1] !== w) list.push(w);
  }

  /** The workloads the Allow statements of `own` that enter a workload may name. */
  namedBy(own: readonly Grant[]): readonly { readonly workload: WorkloadInput; readonly role: PrincipalInput }[] {
    const out = new Set<{ workload: WorkloadInput; role: PrincipalInput }>();
    for (const { statement } of own) {
      const set = statement.resource;
      // A grant on every resource names none in particular (the path rule reports it).
      if (statement.effect !== 'Allow' || set === undefined || set.negated || coversAllResourcesOf(statement)) continue;
      if (!ENTER_ACTIONS.some((a) => actionMatches(statement, a))) continue;
      for (const value of set.values) {
        const literal = typeof value === 'string' ? value : value.parts.filter((p) => typeof p === 'string').join('');
        if (/[*?]|\$\{/.test(literal)) return this.all;
        for (const w of this.byText.get(valueToString(value).toLowerCase()) ?? []) out.add(w);
        const tail = resourcePart(value);
        for (const w of tail === undefined ? [] : (this.byText.get(`tail|${tail}`) ?? [])) out.add(w);
      }
    }
    return [...out];
  }
}

/** The resource part of an ARN written out (after the account), lowercase; undefined when not an ARN. */
function resourcePart(value: PolicyValue): string | undefined {
  const fields = arnFields(value);
  if (fields === undefined) return undefined;
  return `${render(fields[2] ?? [])}|${render(fields[5] ?? [])}`.toLowerCase();
}

function render(field: readonly (string | Hole)[]): string {
  return field.map((p) => (typeof p === 'string' ? p : '${' + p.id + '}')).join('');
}

/** An ARN split into its six fields (the last keeps its colons), or undefined when it has fewer. */
function arnFields(value: PolicyValue): (string | Hole)[][] | undefined {
  const fields: (string | Hole)[][] = [[]];
  for (const part of typeof value === 'string' ? [value] : value.parts) {
    if (typeof part !== 'string') {
      (fields[fields.length - 1] as (string | Hole)[]).push(part);
      continue;
    }
    const pieces = part.split(':');
    pieces.forEach((piece, i) => {
      if (i > 0) {
        if (fields.length < 6) fields.push([]);
        else (fields[5] as (string | Hole)[]).push(':');
      }
      if (piece !== '') (fields[fields.length - 1] as (string | Hole)[]).push(piece);
    });
  }
  return fields.length === 6 && render(fields[0] as (string | Hole)[]) === 'arn' ? fields : undefined;
}

/**
 * The written ARN and the workload's, each Region and account only known after deploy as a whole on
 * one side read from the other (as a principal's ARN is matched by its kind and name): the grant
 * and the workload are of the same account and Region unless the input says otherwise.
 */
function inContextOf(arn: PolicyValue, pattern: PolicyValue): { arn: PolicyValue; pattern: PolicyValue } | undefined {
  const own = arnFields(arn);
  const written = arnFields(pattern);
  if (own === undefined || written === undefined) return undefined;
  const wholeHole = (field: readonly (string | Hole)[]): boolean => field.length === 1 && typeof field[0] !== 'string';
  let changed = false;
  for (const i of [3, 4]) {
    const mine = own[i] as (string | Hole)[];
    const theirs = written[i] as (string | Hole)[];
    if (wholeHole(mine)) own[i] = theirs;
    else if (wholeHole(theirs)) written[i] = mine;
    else continue;
    changed = true;
  }
  return changed ? { arn: joinFields(own), pattern: joinFields(written) } : undefined;
}

function joinFields(fields: readonly (readonly (string | Hole)[])[]): PolicyValue {
  const parts: (string | Hole)[] = [];
  fields.forEach((field, i) => {
    if (i > 0) parts.push(':');
    parts.push(...field);
  });
  return parts.every((p) => typeof p === 'string') ? parts.join('') : new SymbolicValue(parts);
}

/** Whether the statement's resources name the workload (its ARN, concrete or symbolic, or a pattern matching it). */
function namesWorkload(statement: Statement, workload: WorkloadInput): boolean {
  const set = statement.resource;
  const arn = workload.arn;
  if (set === undefined || set.negated || arn === undefined) return false;
  // SageMaker writes the names in its ARNs lowercase.
  const options = { ignoreCase: kindOf(workload) === 'sagemaker-notebook' };
  return set.values.some((pattern) => {
    const answer = matchPolicyValue(pattern, arn, options);
    if (answer !== 'unknown') return answer === 'match';
    const placed = inContextOf(arn, pattern);
    return placed !== undefined && matchPolicyValue(placed.pattern, placed.arn, options) === 'match';
  });
}

/** Whether the statement names an SSM document (by ARN) that may run the caller's code, or every resource. */
function namesDocument(statement: Statement): boolean {
  if (coversAllResourcesOf(statement)) return true;
  const set = statement.resource;
  return (
    set !== undefined &&
    !set.negated &&
    set.values.some((v) => DOCUMENT_ARN.test(valueToString(v))) &&
    !runsOnlyFixedDocuments(statement)
  );
}

/** How the paths through workloads read a principal's boundary (escalation-targets.ts memoizes it). */
type BoundaryOf = (principal: PrincipalInput) => readonly Statement[] | undefined;

/** The paths `principals` open through the workloads of `held`, shortest only. */
export function workloadPaths(
  principals: readonly PrincipalInput[],
  statements: ReadonlyMap<PrincipalInput, readonly Grant[]>,
  held: HeldWorkloads,
  holds: ReadonlyMap<PrincipalInput, TargetHolds>,
  boundaryOf: BoundaryOf,
): WorkloadPath[] {
  const found: WorkloadPath[] = [];
  for (const principal of principals) {
    const own = statements.get(principal) ?? [];
    const viable = ROUTES.filter(
      (route) =>
        held.kinds.has(route.entry.kind) &&
        route.actions.every((a) => own.some((g) => g.statement.effect === 'Allow' && actionMatches(g.statement, a))),
    );
    if (viable.length === 0) continue;
    const boundary = boundaryOf(principal);
    // Workloads found per route: a pattern may name thousands running as one role, alike.
    const listed = new Map<WorkloadRoute, number>();
    for (const { workload, role } of held.namedBy(own)) {
      const roleHolds = holds.get(role);
      // Its own workload gives a role nothing it does not hold.
      if (role === principal || roleHolds === undefined) continue;
      const kind = kindOf(workload);
      const open: (WorkloadPath & { route: WorkloadRoute })[] = [];
      for (const route of viable) {
        if (route.entry.kind !== kind || (listed.get(route) ?? 0) >= WORKLOADS_LISTED) continue;
        const opened = openThrough(route, own, boundary, workload);
        if (opened !== undefined)
          open.push({
            ...opened,
            principal,
            workload,
            role,
            path: route.path,
            actions: route.actions,
            roleHolds,
            route,
          });
      }
      for (const { route, ...o } of open)
        if (!open.some((other) => other.route !== route && isStrictSubset(other.actions, o.actions))) {
          found.push(o);
          listed.set(route, (listed.get(route) ?? 0) + 1);
        }
      if (viable.every((route) => (listed.get(route) ?? 0) >= WORKLOADS_LISTED)) break;
    }
  }
  return found;
}

// Workloads listed for one principal and path: those running as an administrator first, a few name the finding.
const WORKLOADS_LISTED = 10;

function openThrough(
  route: WorkloadRoute,
  own: readonly Grant[],
  boundary: readonly Statement[] | undefined,
  workload: WorkloadInput,
): { grants: Grant[]; anchor: Grant } | undefined {
  const grants: Grant[] = [];
  let anchor: Grant | undefined;
  for (const action of route.actions) {
    const enters = route.enter.has(action.toLowerCase());
    const onWorkload = (s: Statement): boolean => coversAllResourcesOf(s) || (enters && namesWorkload(s, workload));
    const grant = own.find(
      (g) =>
        g.statement.effect === 'Allow' &&
        actionMatches(g.statement, action) &&
        (enters
          ? constrainingClauses(g.statement, leavesEscalationOpen).length === 0 && onWorkload(g.statement)
          : g.statement.resource !== undefined),
    );
    if (grant === undefined) return undefined;
    // Denied unconditionally where the path needs it, or left out of the boundary: closed.
    const deny = own.some(
      ({ statement: s }) =>
        s.effect === 'Deny' && actionMatches(s, action) && s.conditions.length === 0 && onWorkload(s),
    );
    const bounded =
      boundary !== undefined &&
      !boundary.some(
        (s) =>
          s.effect === 'Allow' &&
          actionMatches(s, action) &&
          (enters ? onWorkload(s) : s.resource !== undefined && !s.resource.negated),
      );
    if (deny || bounded) return undefined;
    if (enters && anchor === undefined && !coversAllResourcesOf(grant.statement)) anchor = grant;
    grants.push(grant);
  }
  if (
    route.entry.document === true &&
    !own.some(
      (g) =>
        g.statement.effect === 'Allow' &&
        route.entry.enter.some((a) => actionMatches(g.statement, a)) &&
        constrainingClauses(g.statement, leavesEscalationOpen).length === 0 &&
        namesDocument(g.statement),
    )
  )
    return undefined;
  // Granted on every resource: the path rule reports it already.
  return anchor === undefined ? undefined : { grants, anchor };
}

function isStrictSubset(a: readonly string[], b: readonly string[]): boolean {
  const lower = new Set(b.map((x) => x.toLowerCase()));
  return a.length < b.length && a.every((x) => lower.has(x.toLowerCase()));
}

/** A way into a workload of the scan whose role the input does not tell (see {@link hiddenRoleEntries}). */
export interface HiddenRoleEntry {
  readonly workload: WorkloadInput;
  /** The role as the input gives it (`${the value of parameter FunctionRole}`). */
  readonly role: string;
  readonly path: EscalationPath;
  readonly actions: readonly string[];
  /** The statement granting the first action that must name the workload. */
  readonly anchor: Grant;
}

/**
 * Whether a workload runs as a role the input does not tell: given by ARN (an import, a
 * parameter, a variable, a value known after apply) whose role name is not written out, so no
 * role of the scan, nor its permissions, can be told from it.
 */
function hidesItsRole(workload: WorkloadInput): boolean {
  if (!('arn' in workload.role)) return false;
  const arn = workload.role.arn;
  if (typeof arn === 'string') return false;
  const last = arn.parts[arn.parts.length - 1];
  const text = valueToString(arn);
  return typeof last !== 'string' || !/:role\/(?:.*\/)?[^/]+$/.test(text) || /\/[^/]*\$\{[^/]*$/.test(text);
}

/**
 * The ways the statements `own` (a principal's) open into a workload of `workloads` whose role the
 * input does not tell: the caller runs its code as that role, whatever it holds. One per workload,
 * the shortest way.
 */
export function hiddenRoleEntries(
  own: readonly Grant[],
  workloads: readonly WorkloadInput[],
  boundary: readonly Statement[] | undefined,
): HiddenRoleEntry[] {
  const hidden = workloads.filter(hidesItsRole);
  if (hidden.length === 0) return [];
  const found: HiddenRoleEntry[] = [];
  for (const workload of hidden) {
    const kind = kindOf(workload);
    const open = ROUTES.filter((route) => route.entry.kind === kind)
      .map((route) => ({ route, opened: openThrough(route, own, boundary, workload) }))
      .filter((o) => o.opened !== undefined)
      .sort((a, b) => a.route.actions.length - b.route.actions.length);
    const first = open[0];
    if (first?.opened === undefined || !('arn' in workload.role)) continue;
    found.push({
      workload,
      role: valueToString(workload.role.arn),
      path: first.route.path,
      actions: first.route.actions,
      anchor: first.opened.anchor,
    });
  }
  return found;
}
