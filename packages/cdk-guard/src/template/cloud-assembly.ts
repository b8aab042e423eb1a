/**
 * Reading inputs from disk: a cloud assembly directory (`cdk.out`: manifest.json -> each stack's
 * template, nested assemblies of stages) or template files. Problems are input errors.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DEVICE, decodeDataBytes, escapePointerToken, parseJsonText, readFailure, readInputFile } from '@iamgate/core';
import type { InputError } from '@iamgate/core';
import { isRecord } from '../resolve/values';
import { templateSource } from '../extract/stack-source';
import type { PassedParameters, StackSource } from '../extract/stack-source';
import { parseTemplate } from './read-template';
import type { ResourceLines } from './resource-lines';
import { checkReferences } from './check-references';
import { withLocalIncludes } from './includes';
import { nestedStacks } from './nested-stacks';
import { POLICY_REPORT_FILE, readPolicyReport, withPrecreatedRoles } from './precreated-roles';
import type { PrecreatedRole } from './precreated-roles';
import { withParentValues } from './sub-template-body';
import { addFileAssets, assetManifestFiles, withAssetApiBodies, withLocalApiBodies } from './api-bodies';
import type { AssetFiles } from './api-bodies';

/** Stacks read from the inputs, and the problems met. */
export interface LoadedStacks {
  readonly stacks: StackSource[];
  readonly errors: InputError[];
}

/** How standard input is named in findings and errors. */
const STDIN = '<stdin>';

/** Reads each argument: a directory is a cloud assembly, a file a template, `-` a template on standard input. */
export async function loadInputs(
  inputs: readonly string[],
  cwd: string,
  readStdin?: () => Promise<Buffer>,
): Promise<LoadedStacks> {
  let stdin: StdinBytes | undefined;
  if (readStdin !== undefined && inputs.includes('-')) {
    try {
      stdin = { ok: true, bytes: await readStdin() };
    } catch (err) {
      stdin = { ok: false, message: readFailure(err) };
    }
  }
  return readInputs(inputs, cwd, stdin);
}

/** Standard input, read before the rest (or why it could not be). */
type StdinBytes = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly message: string };

/**
 * `loadInputs`, synchronously, standard input read already (`stdin`): for the validation plugin,
 * which CDK calls synchronously, reading the cloud assembly it is given.
 */
export function readInputs(inputs: readonly string[], cwd: string, stdin?: StdinBytes): LoadedStacks {
  const out: LoadedStacks = { stacks: [], errors: [] };
  const given = new Set<string>();
  // What each template given yields (its stacks and errors, by index range) and the templates it nests.
  const files: { absolute: string; stacks: [number, number]; errors: [number, number]; nests: Set<string> }[] = [];
  for (const input of inputs) {
    // `-`: a template on standard input, its nested templates found from the working directory.
    const isStdin = input === '-' && stdin !== undefined;
    const absolute = isStdin ? path.join(cwd, STDIN) : path.resolve(cwd, input);
    if (given.has(absolute)) continue;
    given.add(absolute);
    if (isStdin) {
      if (!stdin.ok) {
        out.errors.push({ file: STDIN, message: stdin.message });
        continue;
      }
      loadTemplateFile(absolute, STDIN, out, new Set(), undefined, stdin.bytes);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (err) {
      out.errors.push({ file: input, message: readFailure(err) });
      continue;
    }
    if (isDirectory) {
      const before = { stacks: out.stacks.length, errors: out.errors.length };
      const precreated = readPrecreatedRoles(absolute, input, out);
      loadAssembly(absolute, input, out, 0, precreated);
      // A role of the report whose stack is not found would pass unchecked.
      for (const role of precreated.roles)
        if (!precreated.claimed.has(role) && !precreated.partial)
          out.errors.push({
            file: path.join(input, POLICY_REPORT_FILE),
            pointer: role.pointer,
            message: `role \`${shorten(role.constructPath)}\` of the IAM policy report is in no stack of the assembly`,
          });
      // An assembly with nothing to check would pass silently: a manifest of another tool, or broken.
      if (out.stacks.length === before.stacks && out.errors.length === before.errors)
        out.errors.push({
          file: path.join(input, 'manifest.json'),
          pointer: '/artifacts',
          message: 'the cloud assembly has no stack: no artifact of type `aws:cloudformation:stack`',
        });
    } else {
      const before = { stacks: out.stacks.length, errors: out.errors.length };
      const nests = new Set<string>();
      loadTemplateFile(absolute, input, out, nests);
      files.push({
        absolute,
        stacks: [before.stacks, out.stacks.length],
        errors: [before.errors, out.errors.length],
        nests,
      });
    }
  }
  // A template given that another one given nests is checked at each nesting, with the parameters
  // passed there, not once more on its own (unless the two nest each other).
  const dropStacks = new Set<number>();
  const dropErrors = new Set<number>();
  for (const file of files) {
    const nestedElsewhere = files.some(
      (other) => other !== file && other.nests.has(file.absolute) && !file.nests.has(other.absolute),
    );
    if (!nestedElsewhere) continue;
    for (let i = file.stacks[0]; i < file.stacks[1]; i++) dropStacks.add(i);
    for (let i = file.errors[0]; i < file.errors[1]; i++) dropErrors.add(i);
  }
  // A template nested twice with an error is one error.
  const seen = new Set<string>();
  const errors = out.errors.filter((e, i) => {
    const key = JSON.stringify([e.file, e.pointer ?? '', e.message]);
    return !dropErrors.has(i) && !seen.has(key) && seen.add(key) !== undefined;
  });
  return { stacks: out.stacks.filter((_, i) => !dropStacks.has(i)), errors };
}

/** Deepest chain of local nested stack templates followed. */
const MAX_NESTING = 8;

/** Nested stack instances followed from one template given on the command line, beyond which the rest is not checked. */
const MAX_NESTED_INSTANCES = 256;

/** Where a nested instance sits: its logical id path from the template given, and its parent. */
interface Nesting {
  /** Logical ids of the nested stack resources from the given template down, joined by `/`. */
  readonly path: string;
  /** Absolute paths of the templates above it (a template that nests itself is not followed). */
  readonly ancestors: ReadonlySet<string>;
  readonly parent: StackSource;
  readonly values: Readonly<Record<string, unknown>>;
  /** Instances left to follow from the template given on the command line. */
  readonly budget: { left: number };
  /** A stack set's `TemplateBody`: its text is a string in the parent's file, its lines none of the file's. */
  readonly inParentText?: true;
  /** A `TemplateBody` written as `Fn::Sub` or `Fn::ToJsonString`: the parameters standing for the parent's values in its text. */
  readonly parentValues?: readonly string[];
}

function loadTemplateFile(
  absolute: string,
  shown: string,
  out: LoadedStacks,
  nests: Set<string>,
  nesting?: Nesting,
  given?: Buffer,
): StackSource | undefined {
  let bytes: Buffer;
  try {
    bytes = given ?? readInputFile(absolute);
  } catch (err) {
    out.errors.push({ file: shown, message: unreadable(err) });
    return undefined;
  }
  const text = decodeDataBytes(bytes);
  if (!text.ok) {
    out.errors.push({ file: shown, message: text.message });
    return undefined;
  }
  const parsed = parseTemplate(shown, text.text);
  if (!parsed.ok) {
    out.errors.push(parsed.error);
    return undefined;
  }
  if (nesting?.parentValues !== undefined)
    parsed.template = withParentValues(parsed.template, nesting.parentValues) ?? parsed.template;
  // Templates written by hand: names that resolve to nothing would be holes and pass silently.
  const problem = checkReferences(shown, parsed.template);
  if (problem !== undefined) {
    out.errors.push(problem);
    return undefined;
  }
  const included = withLocalIncludes(parsed.template, absolute, shown);
  out.errors.push(...included.errors);
  const bodies = withLocalApiBodies(included.template, absolute, shown);
  out.errors.push(...bodies.errors);
  // Local nested templates are read too, once per nesting: each nested stack resource is its own
  // stack instance with its own parameters. The others are reported as not checked.
  const unscanned = new Map<string, string>();
  const ancestors = new Set([...(nesting?.ancestors ?? []), absolute]);
  const budget = nesting?.budget ?? { left: MAX_NESTED_INSTANCES };
  const children: {
    absolute: string;
    shown: string;
    logicalId: string;
    values: Readonly<Record<string, unknown>>;
    /** A stack set's template body, read from the parent's text. */
    body?: { text: string; pointer: string };
    /** A stack set's template: its outputs are not the parent's to read. */
    stackSet?: true;
    parentValues?: readonly string[];
  }[] = [];
  for (const nested of nestedStacks(bodies.template)) {
    if (nested.parentValues !== undefined && !readableSubstitutedBody(shown, nested.body, nested.parentValues)) {
      unscanned.set(nested.logicalId, 'its template body, a `Fn::Sub` whose text is no template before deploy');
      continue;
    }
    if (nested.body !== undefined && ancestors.size <= MAX_NESTING && budget.left > 0) {
      budget.left--;
      children.push({
        absolute: `${absolute}#${nested.logicalId}`,
        shown,
        logicalId: nested.logicalId,
        values: nested.parameters ?? {},
        body: { text: nested.body, pointer: nested.pointer },
        stackSet: true,
        ...(nested.parentValues === undefined ? {} : { parentValues: nested.parentValues }),
      });
      continue;
    }
    if (nested.localPath === undefined || ancestors.size > MAX_NESTING) {
      unscanned.set(nested.logicalId, nested.shown);
      continue;
    }
    const child = path.resolve(path.dirname(absolute), nested.localPath);
    try {
      if (!statSync(child).isFile()) throw new Error('not a file');
    } catch {
      out.errors.push({
        file: shown,
        pointer: nested.pointer,
        message: `nested stack template \`${nested.localPath}\` of \`${nested.logicalId}\`: no such file`,
      });
      continue;
    }
    // A template that nests itself would nest without end; too many instances would not finish.
    if (ancestors.has(child) || budget.left <= 0) {
      unscanned.set(
        nested.logicalId,
        ancestors.has(child)
          ? `${nested.shown}, which nests itself`
          : `${nested.shown}, beyond the ${MAX_NESTED_INSTANCES} nested stack instances followed`,
      );
      continue;
    }
    budget.left--;
    nests.add(child);
    const childShown = path.isAbsolute(nested.localPath)
      ? nested.localPath
      : path.join(path.dirname(shown), nested.localPath);
    children.push({
      absolute: child,
      shown: childShown,
      logicalId: nested.logicalId,
      values: nested.parameters ?? {},
      ...(nested.stackSet === true ? { stackSet: true as const } : {}),
    });
  }
  // Filled once the nested templates are read: `Fn::GetAtt [Nested, Outputs.Name]` looks into them.
  const nestedSources = new Map<string, StackSource>();
  const stack = templateSource(bodies.template, {
    file: shown,
    ...(nesting?.inParentText === true ? {} : { lines: parsed.lines }),
    nestedStack: (logicalId) => nestedSources.get(logicalId),
    ...(unscanned.size > 0 ? { unscannedNestedStacks: unscanned } : {}),
    ...(nesting === undefined
      ? {}
      : { nestingPath: nesting.path, passedParameters: { parent: nesting.parent, values: nesting.values } }),
  });
  out.stacks.push(stack);
  for (const child of children) {
    const errorsBefore = out.errors.length;
    const nested = loadTemplateFile(
      child.absolute,
      child.shown,
      out,
      nests,
      {
        path: nesting === undefined ? child.logicalId : `${nesting.path}/${child.logicalId}`,
        ancestors,
        parent: stack,
        values: child.values,
        budget,
        ...(child.body === undefined ? {} : { inParentText: true as const }),
        ...(child.parentValues === undefined ? {} : { parentValues: child.parentValues }),
      },
      child.body === undefined ? undefined : Buffer.from(child.body.text, 'utf8'),
    );
    // A stack set deploys its template in other accounts: it has no outputs for the parent to read.
    if (nested !== undefined && child.stackSet !== true) nestedSources.set(child.logicalId, nested);
    if (child.body !== undefined) locateInBody(out, errorsBefore, shown, child.logicalId, child.body.pointer);
  }
  return stack;
}

/**
 * True when the text of a `TemplateBody` written as `Fn::Sub` reads as a template once the
 * parent's values stand as parameters in it. When it does not (a value that is a whole block of
 * the template, a logical id made of one), the template is known only at deploy: not checked, and
 * said so, rather than an input error of a template CloudFormation may well accept.
 */
function readableSubstitutedBody(file: string, body: string | undefined, parentValues: readonly string[]): boolean {
  if (body === undefined) return false;
  const parsed = parseTemplate(file, body);
  const template = parsed.ok ? withParentValues(parsed.template, parentValues) : undefined;
  return template !== undefined && checkReferences(file, template, { cycles: false }) === undefined;
}

/**
 * The template a stack set of a cloud assembly deploys, parsed from its `TemplateBody`; an input
 * error (said of `TemplateBody`) and `undefined` when CloudFormation would reject it.
 */
function stackSetTemplate(
  out: LoadedStacks,
  file: string,
  logicalId: string,
  body: string,
  pointer: string,
): Record<string, unknown> | undefined {
  const parsed = parseTemplate(file, body);
  const problem = parsed.ok ? checkReferences(file, parsed.template, { cycles: false }) : parsed.error;
  if (problem === undefined && parsed.ok) return parsed.template;
  if (problem !== undefined) {
    const inner = problem.pointer === undefined ? '' : `${problem.pointer}: `;
    out.errors.push({
      file,
      pointer,
      message: `template body of stack set \`${logicalId}\`: ${inner}${problem.message}`,
    });
  }
  return undefined;
}

/**
 * The input errors of a stack set's template body, said of the property that holds it: their own
 * pointer and line are in the body's text, not in the file.
 */
function locateInBody(out: LoadedStacks, from: number, file: string, logicalId: string, pointer: string): void {
  for (let i = from; i < out.errors.length; i++) {
    const error = out.errors[i];
    if (error === undefined || error.file !== file) continue;
    const inner = error.pointer === undefined ? '' : `${error.pointer}: `;
    out.errors[i] = {
      file,
      pointer,
      message: `template body of stack set \`${logicalId}\`: ${inner}${error.message}`,
    };
  }
}

/** The roles of an assembly's IAM policy report (`Role.customizeRoles`), each claimed by the stack it is in. */
interface PrecreatedRoles {
  readonly roles: readonly PrecreatedRole[];
  readonly claimed: Set<PrecreatedRole>;
  /** The report is of an enclosing assembly, whose other stages are not read: a role may be in one. */
  readonly partial: boolean;
}

/** The IAM policy report of the assembly in `directory`, if CDK wrote one (it covers the stages too). */
function readPrecreatedRoles(directory: string, shown: string, out: LoadedStacks): PrecreatedRoles {
  // CDK writes the report at the top of the output directory: a stage's assembly reads its parent's.
  const top = enclosingAssembly(directory);
  const reportFile = path.join(top, POLICY_REPORT_FILE);
  const none = { roles: [], claimed: new Set<PrecreatedRole>(), partial: false };
  if (!existsSync(reportFile)) return none;
  const file = path.join(shown, path.relative(directory, top), POLICY_REPORT_FILE);
  const text = readText(reportFile);
  const decoded = text.ok ? parseJsonText(text.text) : text;
  if (!decoded.ok) {
    out.errors.push({ file, message: `IAM policy report: ${decoded.message}` });
    return none;
  }
  const { roles, errors } = readPolicyReport(decoded.value, file);
  out.errors.push(...errors);
  return { roles, claimed: new Set(), partial: top !== directory };
}

/**
 * The outermost cloud assembly `directory` belongs to: itself, or the assembly whose manifest lists
 * it as the nested assembly of a stage (`cdk.out` for `cdk.out/assembly-Prod`), and so on up.
 */
export function enclosingAssembly(directory: string): string {
  let current = directory;
  for (;;) {
    const parent = path.dirname(current);
    if (parent === current || !listsNestedAssembly(parent, path.basename(current))) return current;
    current = parent;
  }
}

function listsNestedAssembly(directory: string, name: string): boolean {
  const text = readText(path.join(directory, 'manifest.json'));
  const manifest = text.ok ? parseJsonText(text.text) : text;
  const artifacts = manifest.ok && isRecord(manifest.value) ? manifest.value['artifacts'] : undefined;
  return (
    isRecord(artifacts) &&
    Object.values(artifacts).some(
      (a) =>
        isRecord(a) &&
        a['type'] === 'cdk:cloud-assembly' &&
        isRecord(a['properties']) &&
        a['properties']['directoryName'] === name,
    )
  );
}

function loadAssembly(
  directory: string,
  shown: string,
  out: LoadedStacks,
  depth: number,
  precreated: PrecreatedRoles,
): void {
  const manifestFile = path.join(shown, 'manifest.json');
  let bytes: Buffer;
  try {
    bytes = readInputFile(path.join(directory, 'manifest.json'));
  } catch (err) {
    out.errors.push({
      file: manifestFile,
      message: unreadable(err, 'not a cloud assembly: no `manifest.json` in the directory'),
    });
    return;
  }
  const text = decodeDataBytes(bytes);
  const decoded = text.ok ? parseJsonText(text.text) : text;
  if (!decoded.ok) {
    out.errors.push({ file: manifestFile, message: `cloud assembly manifest: ${decoded.message}` });
    return;
  }
  const manifest = decoded.value;
  const artifacts = isRecord(manifest) ? manifest['artifacts'] : undefined;
  if (!isRecord(artifacts)) {
    out.errors.push({
      file: manifestFile,
      pointer: '/artifacts',
      message: 'the cloud assembly manifest has no `artifacts`',
    });
    return;
  }
  // API definitions the app wrote as assets (`ApiDefinition.fromAsset`) are read from their files.
  const assetFiles = new Map<string, string>();
  for (const file of assetManifestFiles(artifacts)) {
    const text = readText(path.join(directory, file));
    if (text.ok) addFileAssets(text.text, directory, assetFiles);
  }
  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    if (!isRecord(artifact)) continue;
    const properties = isRecord(artifact['properties']) ? artifact['properties'] : {};
    const at = `/artifacts/${escapePointerToken(artifactId)}/properties`;
    // A stack or a nested assembly that cannot be found would leave its policies unchecked.
    const member = artifact['type'] === 'cdk:cloud-assembly' ? 'directoryName' : 'templateFile';
    if (
      (artifact['type'] === 'cdk:cloud-assembly' || artifact['type'] === 'aws:cloudformation:stack') &&
      typeof properties[member] !== 'string'
    ) {
      out.errors.push({
        file: manifestFile,
        pointer: `${at}/${member}`,
        message: `artifact \`${shorten(artifactId)}\` has no \`${member}\` (a string)`,
      });
      continue;
    }
    if (artifact['type'] === 'cdk:cloud-assembly' && depth >= 16) {
      out.errors.push({ file: manifestFile, pointer: at, message: 'cloud assemblies nested deeper than 16 levels' });
      continue;
    }
    if (artifact['type'] === 'cdk:cloud-assembly' && typeof properties['directoryName'] === 'string') {
      loadAssembly(
        path.join(directory, properties['directoryName']),
        path.join(shown, properties['directoryName']),
        out,
        depth + 1,
        precreated,
      );
      continue;
    }
    if (artifact['type'] !== 'aws:cloudformation:stack' || typeof properties['templateFile'] !== 'string') continue;
    const file = path.join(shown, properties['templateFile']);
    let templateBytes: Buffer;
    try {
      templateBytes = readInputFile(path.join(directory, properties['templateFile']));
    } catch (err) {
      // Named from the manifest, where the wrong name is: the name itself may be no path at all.
      const code = (err as NodeJS.ErrnoException).code;
      out.errors.push({
        file: manifestFile,
        pointer: `${at}/templateFile`,
        message: `template \`${shorten(properties['templateFile'])}\` of stack \`${shorten(artifactId)}\` cannot be read${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': is a directory' : code === DEVICE ? ': is a device' : ''}`,
      });
      continue;
    }
    const templateText = decodeDataBytes(templateBytes);
    if (!templateText.ok) {
      out.errors.push({ file, message: templateText.message });
      continue;
    }
    const parsed = parseTemplate(file, templateText.text, { synthesized: true });
    if (!parsed.ok) {
      out.errors.push(parsed.error);
      continue;
    }
    // Escape hatches (`addPropertyOverride`, `addOverride`) can name a resource that is not in the
    // stack: CloudFormation rejects it, so it is an input error, and the stack is still checked.
    const broken = checkReferences(file, parsed.template, { cycles: false });
    if (broken !== undefined) out.errors.push(broken);
    const bodies = withAssetApiBodies(parsed.template, assetFiles, file);
    out.errors.push(...bodies.errors);
    const env =
      typeof artifact['environment'] === 'string' ? /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact['environment']) : null;
    const account = env?.[1] !== undefined && /^\d{12}$/.test(env[1]) ? env[1] : undefined;
    const region = env?.[2] !== undefined && env[2] !== 'unknown-region' ? env[2] : undefined;
    const stackName = typeof properties['stackName'] === 'string' ? properties['stackName'] : artifactId;
    const where = {
      ...(account === undefined ? {} : { account }),
      ...(region === undefined ? {} : { region }),
    };
    // Nested stacks (`NestedStack`) are not artifacts: their templates are file assets of the stack.
    const metadata = stackMetadata(
      artifact['metadata'],
      additionalMetadata(directory, artifact['additionalMetadataFile']),
    );
    // The stack's construct path: older aws-cdk-lib (2.100, for one) writes no
    // `aws:cdk:templateFile`, but names each stack artifact by its path.
    const rootPath =
      [...metadata.templateFiles].find(([, f]) => f === properties['templateFile'])?.[0] ??
      (typeof artifact['displayName'] === 'string' ? artifact['displayName'] : undefined);
    const root = loadNested(directory, shown, out, {
      template: bodies.template,
      lines: parsed.lines,
      assetFiles,
      file,
      stackName,
      where,
      metadata,
      rootPath,
      assets: nestedTemplates(directory, artifacts, artifact['dependencies']),
      precreated,
    });
    out.stacks.push(...root);
  }
}

/**
 * The template of a planned stack with the roles of the policy report that are in it: under its
 * construct path and under none of its nested stacks'.
 */
function withOwnRoles(
  planned: PlannedStack,
  precreated: PrecreatedRoles,
): { template: Record<string, unknown>; paths: ReadonlyMap<string, string> } {
  const under = (at: string | undefined, role: PrecreatedRole): boolean =>
    at !== undefined && role.constructPath.startsWith(`${at}/`);
  const inChild = (stack: PlannedStack, role: PrecreatedRole): boolean =>
    stack.children.some((child) => under(child.constructPath, role) || inChild(child, role));
  const own = precreated.roles.filter(
    (role) => !precreated.claimed.has(role) && under(planned.constructPath, role) && !inChild(planned, role),
  );
  if (own.length === 0) return { template: planned.template, paths: planned.paths };
  for (const role of own) precreated.claimed.add(role);
  const logicalIds = new Map([...planned.paths].map(([logicalId, at]) => [at, logicalId]));
  const added = withPrecreatedRoles(planned.template, own, (at) => logicalIds.get(at));
  return { template: added.template, paths: new Map([...planned.paths, ...added.paths]) };
}

/** What a stack's nested stacks are read with. */
interface NestedContext {
  readonly template: Record<string, unknown>;
  /** Lines of the resources in the template file. */
  readonly lines: ResourceLines;
  readonly file: string;
  readonly stackName: string;
  readonly where: { readonly account?: string; readonly region?: string };
  readonly metadata: StackMetadata;
  /** Construct path of the stack, when the metadata names it. */
  readonly rootPath: string | undefined;
  readonly assets: readonly NestedTemplate[];
  /** The file assets of the assembly: API definitions to read. */
  readonly assetFiles: AssetFiles;
  /** The roles of the assembly's IAM policy report, added to the stacks they are in. */
  readonly precreated: PrecreatedRoles;
}

/** One stack of the assembly's tree of nested stacks, before it becomes a source. */
interface PlannedStack {
  readonly template: Record<string, unknown>;
  /** Lines of the resources in the template file. */
  readonly lines: ResourceLines;
  /** The template file, as shown. */
  readonly file: string;
  /** Its construct path, when the metadata names it. */
  readonly constructPath: string | undefined;
  /** The construct paths of its resources by logical id, from the metadata. */
  readonly paths: ReadonlyMap<string, string>;
  /** For a nested stack: the asset of its template, its resource's logical id chain from the top-level stack and the parameters passed. */
  readonly nesting?: {
    readonly asset: NestedTemplate;
    readonly chain: string;
    readonly logicalId: string;
    readonly values: Record<string, unknown>;
  };
  readonly children: PlannedStack[];
  readonly unscanned: Map<string, string>;
  /**
   * The templates its stack sets deploy, written in it (`TemplateBody`) or an asset of the assembly
   * (the file then given with its lines), with the values they pass.
   */
  readonly stackSets: {
    logicalId: string;
    template: Record<string, unknown>;
    values: Record<string, unknown>;
    from?: { file: string; lines: ResourceLines; paths: ReadonlyMap<string, string> };
  }[];
}

/**
 * A stack of the assembly and its nested stacks, each `AWS::CloudFormation::Stack` resource its
 * own stack with the parameters it passes: two nested stacks with the same template share one
 * asset (CDK names the asset by the template's hash), and each is checked with its own values.
 */
function loadNested(directory: string, shown: string, out: LoadedStacks, context: NestedContext): StackSource[] {
  const { metadata, rootPath, assets, where, stackName } = context;
  // Each template file read once; `undefined` when it cannot be read or parsed (reported once).
  const templates = new Map<string, ReadNested | undefined>();
  const readNested = (file: string, report: boolean): ReadNested | undefined => {
    if (templates.has(file)) return templates.get(file);
    const nestedFile = path.join(shown, file);
    const text = readText(path.join(directory, file));
    let template: ReadNested | undefined;
    if (!text.ok) {
      if (report)
        out.errors.push({
          file: nestedFile,
          message: `nested stack template of \`${shorten(stackName)}\`: ${text.message}`,
        });
    } else {
      const parsedNested = parseTemplate(nestedFile, text.text);
      const broken = parsedNested.ok
        ? checkReferences(nestedFile, parsedNested.template, { cycles: false })
        : undefined;
      if (broken !== undefined && report) out.errors.push(broken);
      if (parsedNested.ok) {
        const bodies = withAssetApiBodies(parsedNested.template, context.assetFiles, nestedFile);
        template = { template: bodies.template, lines: parsedNested.lines };
        out.errors.push(...bodies.errors);
      } else out.errors.push(parsedNested.error);
    }
    if (template !== undefined || report) templates.set(file, template);
    return template;
  };
  const linked = new Set<string>();
  const instances = new Map<string, number>();
  // A stack CDK writes as an asset of another (not nested): its construct path, by its template file.
  const definedAt = (file: string): string | undefined =>
    [...metadata.templateFiles].find(([, templateFile]) => templateFile === file)?.[0];
  const assetPaths = (file: string): Map<string, string> => {
    const at = definedAt(file);
    return at === undefined ? new Map<string, string>() : pathsOf(metadata, at, rootPath);
  };
  const budget = { left: MAX_NESTED_INSTANCES };
  // First the tree of stacks: how many times each asset is nested decides how the stacks are named.
  const plan = (
    { template, lines }: ReadNested,
    file: string,
    constructPath: string | undefined,
    paths: ReadonlyMap<string, string>,
    ancestors: readonly string[],
    nesting?: PlannedStack['nesting'],
  ): PlannedStack => {
    const planned: PlannedStack = {
      template,
      lines,
      file,
      constructPath,
      paths,
      ...(nesting === undefined ? {} : { nesting }),
      children: [],
      unscanned: new Map(),
      stackSets: [],
    };
    const resources = isRecord(template['Resources']) ? template['Resources'] : {};
    for (const set of nestedStacks(template)) {
      if (set.stackSet !== true) continue;
      const values = { ...set.parameters };
      if (set.body === undefined) {
        // A construct library's stack set stack: CDK writes its template as an asset of this stack.
        const asset = assetNamedBy(resources[set.logicalId], assets);
        const read = asset === undefined ? undefined : readNested(asset.file, true);
        if (asset !== undefined && read !== undefined) {
          linked.add(asset.id);
          const from = {
            file: path.join(shown, asset.file),
            lines: read.lines,
            paths: assetPaths(asset.file),
          };
          planned.stackSets.push({ logicalId: set.logicalId, template: read.template, values, from });
        } else planned.unscanned.set(set.logicalId, set.shown);
        continue;
      }
      if (set.parentValues !== undefined) {
        const parsed = readableSubstitutedBody(file, set.body, set.parentValues)
          ? parseTemplate(file, set.body)
          : undefined;
        const template = parsed?.ok === true ? withParentValues(parsed.template, set.parentValues) : undefined;
        if (template !== undefined) planned.stackSets.push({ logicalId: set.logicalId, template, values });
        else
          planned.unscanned.set(
            set.logicalId,
            'its template body, a `Fn::Sub` whose text is no template before deploy',
          );
        continue;
      }
      const body = stackSetTemplate(out, file, set.logicalId, set.body, set.pointer);
      if (body !== undefined) planned.stackSets.push({ logicalId: set.logicalId, template: body, values });
    }
    for (const [logicalId, body] of Object.entries(resources)) {
      if (!isRecord(body) || body['Type'] !== 'AWS::CloudFormation::Stack' || !isRecord(body['Properties'])) continue;
      const asset = assetNamedBy(body, assets);
      if (asset === undefined) continue;
      linked.add(asset.id);
      // A manifest edited by hand may nest a template in itself, or nest without end.
      if (ancestors.includes(asset.id) || ancestors.length >= MAX_NESTING || budget.left <= 0) {
        planned.unscanned.set(
          logicalId,
          ancestors.includes(asset.id)
            ? `${asset.file}, which nests itself`
            : `${asset.file}, beyond the ${MAX_NESTED_INSTANCES} nested stack instances and ${MAX_NESTING} levels followed`,
        );
        continue;
      }
      budget.left--;
      const nestedPath = nestedStackPath(paths.get(logicalId));
      // Each `NestedStack` writes its own copy of the template; the asset names the first one.
      const assetPath = isRecord(body['Metadata']) ? body['Metadata']['aws:asset:path'] : undefined;
      const own =
        (nestedPath === undefined ? undefined : metadata.templateFiles.get(nestedPath)) ??
        (typeof assetPath === 'string' ? assetPath : undefined);
      const ownTemplate =
        own !== undefined && own.endsWith(NESTED_SUFFIX) && !own.includes('..') && own !== asset.file
          ? readNested(own, false)
          : undefined;
      const childTemplate = ownTemplate ?? readNested(asset.file, true);
      if (childTemplate === undefined) continue;
      instances.set(asset.id, (instances.get(asset.id) ?? 0) + 1);
      const values = isRecord(body['Properties']['Parameters']) ? body['Properties']['Parameters'] : {};
      const chain = nesting === undefined ? logicalId : `${nesting.chain}/${logicalId}`;
      planned.children.push(
        plan(
          childTemplate,
          path.join(shown, ownTemplate === undefined ? asset.file : (own as string)),
          nestedPath,
          nestedPath === undefined ? new Map() : pathsOf(metadata, nestedPath, rootPath),
          [...ancestors, asset.id],
          {
            asset,
            chain,
            logicalId,
            values,
          },
        ),
      );
    }
    return planned;
  };
  const stacks: StackSource[] = [];
  const build = (planned: PlannedStack, name: string, passedParameters?: PassedParameters): StackSource => {
    const children = new Map<string, StackSource>();
    const withRoles = withOwnRoles(planned, context.precreated);
    const stack = templateSource(withRoles.template, {
      file: planned.file,
      lines: planned.lines,
      stackName: name,
      ...where,
      paths: withRoles.paths,
      ...(passedParameters === undefined ? {} : { passedParameters }),
      ...(planned.unscanned.size > 0 ? { unscannedNestedStacks: planned.unscanned } : {}),
      nestedStack: (logicalId) => children.get(logicalId),
    });
    stacks.push(stack);
    for (const child of planned.children) {
      const nesting = child.nesting;
      if (nesting === undefined) continue;
      // Named as CDK names it: its path below the top-level stack (its asset's name when the asset
      // is nested once); without metadata, a template nested twice by its chain of logical ids.
      const relative =
        child.constructPath !== undefined && rootPath !== undefined && child.constructPath.startsWith(`${rootPath}/`)
          ? child.constructPath.slice(rootPath.length + 1)
          : undefined;
      const childName = relative ?? ((instances.get(nesting.asset.id) ?? 0) > 1 ? nesting.chain : nesting.asset.name);
      children.set(
        nesting.logicalId,
        build(child, `${stackName}/${childName}`, { parent: stack, values: nesting.values }),
      );
    }
    // A stack set's stacks live in other accounts and Regions: not the parent's environment.
    for (const set of planned.stackSets)
      stacks.push(
        templateSource(set.template, {
          file: set.from?.file ?? planned.file,
          ...(set.from === undefined ? {} : { lines: set.from.lines, paths: set.from.paths }),
          stackName: `${name}/${set.logicalId}`,
          passedParameters: { parent: stack, values: set.values },
        }),
      );
    return stack;
  };
  build(
    plan(
      { template: context.template, lines: context.lines },
      context.file,
      rootPath,
      pathsOf(metadata, undefined, rootPath),
      [],
    ),
    stackName,
  );
  // A nested template no resource names (a URL CDK did not write) is still checked, on its own.
  for (const asset of assets) {
    if (linked.has(asset.id)) continue;
    const template = readNested(asset.file, true);
    if (template === undefined) continue;
    linked.add(asset.id);
    build(
      plan(template, path.join(shown, asset.file), definedAt(asset.file), assetPaths(asset.file), [asset.id]),
      `${stackName}/${asset.name}`,
    );
  }
  return stacks;
}

/** The template asset a nesting resource's `TemplateURL` names (CDK writes the asset's hash in the URL). */
function assetNamedBy(resource: unknown, assets: readonly NestedTemplate[]): NestedTemplate | undefined {
  const properties = isRecord(resource) && isRecord(resource['Properties']) ? resource['Properties'] : {};
  const url = JSON.stringify(properties['TemplateURL'] ?? '');
  return assets.find((a) => url.includes(a.id));
}

/** A nested stack template read from the assembly, with the lines of its resources. */
interface ReadNested {
  readonly template: Record<string, unknown>;
  readonly lines: ResourceLines;
}

/** A nested stack template among the assets: its file, its asset id and the name CDK gives it. */
interface NestedTemplate {
  readonly file: string;
  readonly id: string;
  readonly name: string;
}

const NESTED_SUFFIX = '.nested.template.json';
const TEMPLATE_SUFFIX = '.template.json';

/**
 * The templates among the file assets of a stack (from the asset manifests it depends on) other
 * than those of the assembly's stacks, with the name CDK gives them (`Child` of "Child Nested Stack
 * Template", `AdminProduct` of "Portfolio/AdminProduct Template"): its nested stacks (a nested
 * stack of a nested stack is an asset of the same manifest), and the stacks CDK writes as an asset
 * of the stack they are defined in (a Service Catalog `ProductStack`, a construct library's stack
 * set stack), deployed from there by provisioning or to other accounts.
 */
function nestedTemplates(
  directory: string,
  artifacts: Record<string, unknown>,
  dependencies: unknown,
): NestedTemplate[] {
  const found: NestedTemplate[] = [];
  const stackTemplates = new Set(
    Object.values(artifacts).flatMap((a) =>
      isRecord(a) && isRecord(a['properties']) && typeof a['properties']['templateFile'] === 'string'
        ? [a['properties']['templateFile']]
        : [],
    ),
  );
  for (const dependency of Array.isArray(dependencies) ? dependencies : []) {
    const artifact = typeof dependency === 'string' ? artifacts[dependency] : undefined;
    if (!isRecord(artifact) || artifact['type'] !== 'cdk:asset-manifest') continue;
    const properties = isRecord(artifact['properties']) ? artifact['properties'] : {};
    if (typeof properties['file'] !== 'string') continue;
    const text = readText(path.join(directory, properties['file']));
    const manifest = text.ok ? parseJsonText(text.text) : undefined;
    const files = manifest?.ok === true && isRecord(manifest.value) ? manifest.value['files'] : undefined;
    for (const [id, asset] of isRecord(files) ? Object.entries(files) : []) {
      const source = isRecord(asset) && isRecord(asset['source']) ? asset['source'] : undefined;
      const file = source?.['path'];
      if (typeof file !== 'string' || !file.endsWith(TEMPLATE_SUFFIX) || file.includes('..')) continue;
      if (stackTemplates.has(file)) continue;
      const shownName = isRecord(asset) && typeof asset['displayName'] === 'string' ? asset['displayName'] : '';
      const name = / Nested Stack Template$/.test(shownName)
        ? shownName.replace(/ Nested Stack Template$/, '')
        : / Template$/.test(shownName)
          ? (shownName
              .replace(/ Template$/, '')
              .split('/')
              .pop() ?? shownName)
          : file.slice(0, -(file.endsWith(NESTED_SUFFIX) ? NESTED_SUFFIX : TEMPLATE_SUFFIX).length);
      found.push({ file, id, name });
    }
  }
  return found;
}

/** Why a file of the input cannot be read; `missing` says it for a file that does not exist. */
function unreadable(err: unknown, missing?: string): string {
  return (err as NodeJS.ErrnoException).code === 'ENOENT' && missing !== undefined ? missing : readFailure(err);
}

function readText(file: string): { ok: true; text: string } | { ok: false; message: string } {
  let bytes: Buffer;
  try {
    bytes = readInputFile(file);
  } catch (err) {
    return { ok: false, message: unreadable(err, 'no such file') };
  }
  const text = decodeDataBytes(bytes);
  return text.ok ? { ok: true, text: text.text } : { ok: false, message: text.message };
}

// Recent aws-cdk-lib versions keep artifact metadata in a file beside the manifest.
function additionalMetadata(directory: string, file: unknown): unknown {
  if (typeof file !== 'string') return undefined;
  try {
    return JSON.parse(readInputFile(path.join(directory, file)).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** What the manifest's metadata of a stack says of its constructs (paths without the leading `/`). */
interface StackMetadata {
  /** `[construct path, logical id]` of each resource, of the stack and of its nested stacks. */
  readonly logicalIds: readonly (readonly [string, string])[];
  /** The template file of the stack and of each nested stack, by the stack's construct path. */
  readonly templateFiles: ReadonlyMap<string, string>;
  /** The construct path of each stack the resources' paths show (with or without `templateFiles`). */
  readonly stackPaths: ReadonlySet<string>;
}

/** The construct path of the `NestedStack` whose `AWS::CloudFormation::Stack` is at `resourcePath`. */
function nestedStackPath(resourcePath: string | undefined): string | undefined {
  const match =
    resourcePath === undefined ? null : /^(.*)\/([^/]+)\.NestedStack\/\2\.NestedStackResource$/.exec(resourcePath);
  return match === null ? undefined : `${match[1] ?? ''}/${match[2] ?? ''}`;
}

// Construct paths from the manifest, for templates synthesized without `aws:cdk:path` metadata.
function stackMetadata(...sources: unknown[]): StackMetadata {
  const logicalIds: [string, string][] = [];
  const templateFiles = new Map<string, string>();
  for (const metadata of sources) {
    if (!isRecord(metadata)) continue;
    for (const [constructPath, entries] of Object.entries(metadata)) {
      if (!Array.isArray(entries)) continue;
      const at = constructPath.replace(/^\//, '');
      for (const entry of entries) {
        if (!isRecord(entry) || typeof entry['data'] !== 'string') continue;
        if (entry['type'] === 'aws:cdk:logicalId') logicalIds.push([at, entry['data']]);
        else if (entry['type'] === 'aws:cdk:templateFile') templateFiles.set(at, entry['data']);
      }
    }
  }
  // Older aws-cdk-lib (2.100, for one) writes no `aws:cdk:templateFile`: a nested stack is known
  // by the path of its stack resource.
  const stackPaths = new Set(templateFiles.keys());
  for (const [at] of logicalIds) {
    const nested = nestedStackPath(at);
    if (nested !== undefined) stackPaths.add(nested);
  }
  return { logicalIds, templateFiles, stackPaths };
}

/**
 * The construct paths of the resources of one stack by logical id: the top-level stack's (at
 * `rootPath`) when `stackPath` is undefined, else those of the nested stack at `stackPath` (the
 * same logical id may be in both).
 */
function pathsOf(
  metadata: StackMetadata,
  stackPath: string | undefined,
  rootPath: string | undefined,
): Map<string, string> {
  const paths = new Map<string, string>();
  const stacks = [...metadata.stackPaths].filter((p) => p !== rootPath);
  for (const [constructPath, logicalId] of metadata.logicalIds) {
    let owner: string | undefined;
    for (const candidate of stacks)
      if (constructPath.startsWith(`${candidate}/`) && (owner === undefined || candidate.length > owner.length))
        owner = candidate;
    if (owner === stackPath) paths.set(logicalId, constructPath);
  }
  return paths;
}

/** A user value short enough for a one-line message. */
function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
