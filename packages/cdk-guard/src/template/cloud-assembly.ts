/**
 * Reading inputs from disk: a cloud assembly directory (`cdk.out`: manifest.json -> each stack's
 * template, nested assemblies of stages) or template files. Problems are input errors.
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { decodeDataBytes, parseJsonText } from '@iamgate/core';
import type { InputError } from '@iamgate/core';
import { isRecord } from '../resolve/values';
import { templateSource } from '../extract/stack-source';
import type { PassedParameters, StackSource } from '../extract/stack-source';
import { parseTemplate } from './read-template';
import { checkReferences } from './check-references';
import { nestedStacks } from './nested-stacks';
import { withLocalApiBodies } from './api-bodies';

/** Stacks read from the inputs, and the problems met. */
export interface LoadedStacks {
  readonly stacks: StackSource[];
  readonly errors: InputError[];
}

/** Reads each argument: a directory is a cloud assembly, a file a template. */
export async function loadInputs(inputs: readonly string[], cwd: string): Promise<LoadedStacks> {
  const out: LoadedStacks = { stacks: [], errors: [] };
  const given = new Set<string>();
  // What each template given yields (its stacks and errors, by index range) and the templates it nests.
  const files: { absolute: string; stacks: [number, number]; errors: [number, number]; nests: Set<string> }[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    if (given.has(absolute)) continue;
    given.add(absolute);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(absolute)).isDirectory();
    } catch {
      out.errors.push({ file: input, message: 'no such file or directory' });
      continue;
    }
    if (isDirectory) {
      const before = { stacks: out.stacks.length, errors: out.errors.length };
      await loadAssembly(absolute, input, out, 0);
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
      await loadTemplateFile(absolute, input, out, nests);
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
}

async function loadTemplateFile(
  absolute: string,
  shown: string,
  out: LoadedStacks,
  nests: Set<string>,
  nesting?: Nesting,
): Promise<StackSource | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch {
    out.errors.push({ file: shown, message: 'cannot be read' });
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
  // Templates written by hand: names that resolve to nothing would be holes and pass silently.
  const problem = checkReferences(shown, parsed.template);
  if (problem !== undefined) {
    out.errors.push(problem);
    return undefined;
  }
  const bodies = await withLocalApiBodies(parsed.template, absolute, shown);
  out.errors.push(...bodies.errors);
  // Local nested templates are read too, once per nesting: each nested stack resource is its own
  // stack instance with its own parameters. The others are reported as not checked.
  const unscanned = new Map<string, string>();
  const ancestors = new Set([...(nesting?.ancestors ?? []), absolute]);
  const budget = nesting?.budget ?? { left: MAX_NESTED_INSTANCES };
  const children: { absolute: string; shown: string; logicalId: string; values: Readonly<Record<string, unknown>> }[] =
    [];
  for (const nested of nestedStacks(parsed.template)) {
    if (nested.localPath === undefined || ancestors.size > MAX_NESTING) {
      unscanned.set(nested.logicalId, nested.shown);
      continue;
    }
    const child = path.resolve(path.dirname(absolute), nested.localPath);
    try {
      if (!(await stat(child)).isFile()) throw new Error('not a file');
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
    children.push({ absolute: child, shown: childShown, logicalId: nested.logicalId, values: nested.parameters ?? {} });
  }
  // Filled once the nested templates are read: `Fn::GetAtt [Nested, Outputs.Name]` looks into them.
  const nestedSources = new Map<string, StackSource>();
  const stack = templateSource(bodies.template, {
    file: shown,
    nestedStack: (logicalId) => nestedSources.get(logicalId),
    ...(unscanned.size > 0 ? { unscannedNestedStacks: unscanned } : {}),
    ...(nesting === undefined
      ? {}
      : { nestingPath: nesting.path, passedParameters: { parent: nesting.parent, values: nesting.values } }),
  });
  out.stacks.push(stack);
  for (const child of children) {
    const nested = await loadTemplateFile(child.absolute, child.shown, out, nests, {
      path: nesting === undefined ? child.logicalId : `${nesting.path}/${child.logicalId}`,
      ancestors,
      parent: stack,
      values: child.values,
      budget,
    });
    if (nested !== undefined) nestedSources.set(child.logicalId, nested);
  }
  return stack;
}

async function loadAssembly(directory: string, shown: string, out: LoadedStacks, depth: number): Promise<void> {
  const manifestFile = path.join(shown, 'manifest.json');
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(directory, 'manifest.json'));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    out.errors.push({
      file: manifestFile,
      message: missing ? 'not a cloud assembly: no `manifest.json` in the directory' : 'cannot be read',
    });
    return;
  }
  const text = decodeDataBytes(bytes);
  const decoded = text.ok ? parseJsonText(text.text.replace(/^\uFEFF/, '')) : text;
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
  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    if (!isRecord(artifact)) continue;
    const properties = isRecord(artifact['properties']) ? artifact['properties'] : {};
    const at = `/artifacts/${pointerToken(artifactId)}/properties`;
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
      await loadAssembly(
        path.join(directory, properties['directoryName']),
        path.join(shown, properties['directoryName']),
        out,
        depth + 1,
      );
      continue;
    }
    if (artifact['type'] !== 'aws:cloudformation:stack' || typeof properties['templateFile'] !== 'string') continue;
    const file = path.join(shown, properties['templateFile']);
    let templateBytes: Buffer;
    try {
      templateBytes = await readFile(path.join(directory, properties['templateFile']));
    } catch (err) {
      // Named from the manifest, where the wrong name is: the name itself may be no path at all.
      const code = (err as NodeJS.ErrnoException).code;
      out.errors.push({
        file: manifestFile,
        pointer: `${at}/templateFile`,
        message: `template \`${shorten(properties['templateFile'])}\` of stack \`${shorten(artifactId)}\` cannot be read${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': is a directory' : ''}`,
      });
      continue;
    }
    const templateText = decodeDataBytes(templateBytes);
    if (!templateText.ok) {
      out.errors.push({ file, message: templateText.message });
      continue;
    }
    const parsed = parseTemplate(file, templateText.text);
    if (!parsed.ok) {
      out.errors.push(parsed.error);
      continue;
    }
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
    // Each stack's nested stacks by logical id, filled as they are built, for their `Outputs`.
    const nestedOf = new Map<StackSource, Map<string, StackSource>>();
    const linked = (template: Record<string, unknown>, options: Parameters<typeof templateSource>[1]): StackSource => {
      const children = new Map<string, StackSource>();
      const stack = templateSource(template, { ...options, nestedStack: (logicalId) => children.get(logicalId) });
      nestedOf.set(stack, children);
      return stack;
    };
    const root = linked(parsed.template, {
      file,
      stackName,
      ...where,
      paths: logicalIdPaths(
        artifact['metadata'],
        await additionalMetadata(directory, artifact['additionalMetadataFile']),
      ),
    });
    out.stacks.push(root);
    const pending: { nested: NestedTemplate; template: Record<string, unknown>; file: string }[] = [];
    for (const nested of await nestedTemplates(directory, artifacts, artifact['dependencies'])) {
      const nestedFile = path.join(shown, nested.file);
      const nestedText = await readText(path.join(directory, nested.file));
      if (!nestedText.ok) {
        out.errors.push({
          file: nestedFile,
          message: `nested stack template of \`${shorten(stackName)}\`: ${nestedText.message}`,
        });
        continue;
      }
      const nestedTemplate = parseTemplate(nestedFile, nestedText.text);
      if (!nestedTemplate.ok) out.errors.push(nestedTemplate.error);
      else pending.push({ nested, template: nestedTemplate.template, file: nestedFile });
    }
    // Each nested stack gets the parameters its parent resource passes, the parent being the stack or another nested stack.
    const built = new Map<string, StackSource>();
    const build = (entry: (typeof pending)[number], seen: ReadonlySet<string>): StackSource => {
      const existing = built.get(entry.nested.id);
      if (existing !== undefined) return existing;
      let passedParameters: PassedParameters | undefined;
      let logicalId: string | undefined;
      const inRoot = nestedResourceFor(parsed.template, entry.nested.id);
      if (inRoot !== undefined) {
        passedParameters = { parent: root, values: inRoot.values };
        logicalId = inRoot.logicalId;
      } else
        for (const other of pending) {
          const found = nestedResourceFor(other.template, entry.nested.id);
          if (found === undefined || other === entry || seen.has(other.nested.id)) continue;
          passedParameters = { parent: build(other, new Set([...seen, entry.nested.id])), values: found.values };
          logicalId = found.logicalId;
          break;
        }
      const stack = linked(entry.template, {
        file: entry.file,
        stackName: `${stackName}/${entry.nested.name}`,
        ...where,
        ...(passedParameters === undefined ? {} : { passedParameters }),
      });
      built.set(entry.nested.id, stack);
      if (passedParameters !== undefined && logicalId !== undefined)
        nestedOf.get(passedParameters.parent)?.set(logicalId, stack);
      return stack;
    };
    for (const entry of pending) out.stacks.push(build(entry, new Set()));
  }
}

/**
 * The `AWS::CloudFormation::Stack` of a template whose `TemplateURL` names the asset (CDK writes
 * the asset hash into the URL): its logical id and the `Parameters` it passes.
 */
function nestedResourceFor(
  template: Record<string, unknown>,
  assetId: string,
): { logicalId: string; values: Record<string, unknown> } | undefined {
  const resources = isRecord(template['Resources']) ? template['Resources'] : {};
  for (const [logicalId, body] of Object.entries(resources)) {
    if (!isRecord(body) || body['Type'] !== 'AWS::CloudFormation::Stack' || !isRecord(body['Properties'])) continue;
    const url = JSON.stringify(body['Properties']['TemplateURL'] ?? '');
    if (!url.includes(assetId)) continue;
    return { logicalId, values: isRecord(body['Properties']['Parameters']) ? body['Properties']['Parameters'] : {} };
  }
  return undefined;
}

/** A nested stack template among the assets: its file, its asset id and the name CDK gives it. */
interface NestedTemplate {
  readonly file: string;
  readonly id: string;
  readonly name: string;
}

const NESTED_SUFFIX = '.nested.template.json';

/**
 * The nested stack templates among the file assets of a stack (from the asset manifests it depends
 * on), with the name CDK gives them (`Child` of "Child Nested Stack Template"). A nested stack of a
 * nested stack is an asset of the same manifest.
 */
async function nestedTemplates(
  directory: string,
  artifacts: Record<string, unknown>,
  dependencies: unknown,
): Promise<NestedTemplate[]> {
  const found: NestedTemplate[] = [];
  for (const dependency of Array.isArray(dependencies) ? dependencies : []) {
    const artifact = typeof dependency === 'string' ? artifacts[dependency] : undefined;
    if (!isRecord(artifact) || artifact['type'] !== 'cdk:asset-manifest') continue;
    const properties = isRecord(artifact['properties']) ? artifact['properties'] : {};
    if (typeof properties['file'] !== 'string') continue;
    const text = await readText(path.join(directory, properties['file']));
    const manifest = text.ok ? parseJsonText(text.text.replace(/^\uFEFF/, '')) : undefined;
    const files = manifest?.ok === true && isRecord(manifest.value) ? manifest.value['files'] : undefined;
    for (const [id, asset] of isRecord(files) ? Object.entries(files) : []) {
      const source = isRecord(asset) && isRecord(asset['source']) ? asset['source'] : undefined;
      const file = source?.['path'];
      if (typeof file !== 'string' || !file.endsWith(NESTED_SUFFIX) || file.includes('..')) continue;
      const shownName = isRecord(asset) && typeof asset['displayName'] === 'string' ? asset['displayName'] : '';
      const name = / Nested Stack Template$/.test(shownName)
        ? shownName.replace(/ Nested Stack Template$/, '')
        : file.slice(0, -NESTED_SUFFIX.length);
      found.push({ file, id, name });
    }
  }
  return found;
}

async function readText(file: string): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    return { ok: false, message: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read' };
  }
  const text = decodeDataBytes(bytes);
  return text.ok ? { ok: true, text: text.text } : { ok: false, message: text.message };
}

// Recent aws-cdk-lib versions keep artifact metadata in a file beside the manifest.
async function additionalMetadata(directory: string, file: unknown): Promise<unknown> {
  if (typeof file !== 'string') return undefined;
  try {
    return JSON.parse(await readFile(path.join(directory, file), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

// Construct paths from the manifest, for templates synthesized without `aws:cdk:path` metadata.
function logicalIdPaths(...sources: unknown[]): Map<string, string> {
  const paths = new Map<string, string>();
  for (const metadata of sources) {
    if (isRecord(metadata)) collectPaths(metadata, paths);
  }
  return paths;
}

function collectPaths(metadata: Record<string, unknown>, paths: Map<string, string>): void {
  for (const [constructPath, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (isRecord(entry) && entry['type'] === 'aws:cdk:logicalId' && typeof entry['data'] === 'string') {
        paths.set(entry['data'], constructPath.replace(/^\//, ''));
      }
    }
  }
}

function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A user value short enough for a one-line message. */
function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
