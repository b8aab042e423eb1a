/**
 * Reading inputs from disk: a cloud assembly directory (`cdk.out`: manifest.json -> each stack's
 * template, nested assemblies of stages) or template files. Problems are input errors.
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { InputError } from '@iamgate/core';
import { isRecord } from '../resolve/values';
import { templateSource } from '../extract/stack-source';
import type { StackSource } from '../extract/stack-source';
import { parseTemplate } from './read-template';

/** Stacks read from the inputs, and the problems met. */
export interface LoadedStacks {
  readonly stacks: StackSource[];
  readonly errors: InputError[];
}

/** Reads each argument: a directory is a cloud assembly, a file a template. */
export async function loadInputs(inputs: readonly string[], cwd: string): Promise<LoadedStacks> {
  const out: LoadedStacks = { stacks: [], errors: [] };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(absolute)).isDirectory();
    } catch {
      out.errors.push({ file: input, message: 'no such file or directory' });
      continue;
    }
    if (isDirectory) await loadAssembly(absolute, input, out, 0);
    else await loadTemplateFile(absolute, input, out);
  }
  return out;
}

async function loadTemplateFile(absolute: string, shown: string, out: LoadedStacks): Promise<void> {
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch {
    out.errors.push({ file: shown, message: 'cannot be read' });
    return;
  }
  const parsed = parseTemplate(shown, text);
  if (!parsed.ok) out.errors.push(parsed.error);
  else out.stacks.push(templateSource(parsed.template, { file: shown }));
}

async function loadAssembly(directory: string, shown: string, out: LoadedStacks, depth: number): Promise<void> {
  const manifestFile = path.join(shown, 'manifest.json');
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(path.join(directory, 'manifest.json'), 'utf8'));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    out.errors.push({
      file: manifestFile,
      message: missing
        ? 'not a cloud assembly: no `manifest.json` in the directory'
        : 'invalid JSON in the cloud assembly manifest',
    });
    return;
  }
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
    if (artifact['type'] === 'cdk:cloud-assembly' && typeof properties['directoryName'] === 'string' && depth < 16) {
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
    let text: string;
    try {
      text = await readFile(path.join(directory, properties['templateFile']), 'utf8');
    } catch {
      out.errors.push({ file, message: `template of stack \`${artifactId}\` cannot be read` });
      continue;
    }
    const parsed = parseTemplate(file, text);
    if (!parsed.ok) {
      out.errors.push(parsed.error);
      continue;
    }
    const env =
      typeof artifact['environment'] === 'string' ? /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact['environment']) : null;
    const account = env?.[1] !== undefined && /^\d{12}$/.test(env[1]) ? env[1] : undefined;
    const region = env?.[2] !== undefined && env[2] !== 'unknown-region' ? env[2] : undefined;
    const stackName = typeof properties['stackName'] === 'string' ? properties['stackName'] : artifactId;
    out.stacks.push(
      templateSource(parsed.template, {
        file,
        stackName,
        ...(account === undefined ? {} : { account }),
        ...(region === undefined ? {} : { region }),
        paths: logicalIdPaths(
          artifact['metadata'],
          await additionalMetadata(directory, artifact['additionalMetadataFile']),
        ),
      }),
    );
  }
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
