/**
 * OpenAPI definitions of REST APIs kept in a file next to the template. `aws cloudformation package`
 * and `sam build`/`sam package` upload a local path given as `BodyS3Location` of an
 * `AWS::ApiGateway::RestApi` (or `DefinitionUri` of an `AWS::Serverless::Api`) and write the S3
 * location in its place; before that the file is in the input, and its
 * `x-amazon-apigateway-policy` is the API's resource policy. The file is inlined as `Body`
 * (`DefinitionBody`), which the extractor reads. So is the file a CDK app wrote as an asset of its
 * cloud assembly (`ApiDefinition.fromAsset`): the template names its S3 bucket and key, and the
 * assembly's asset manifests (or, in the Aspect, the asset constructs) map them to the file in
 * `cdk.out`. Any other S3 location or an expression stays as written: the definition is not in the
 * input.
 */
import * as path from 'node:path';
import { parse } from 'yaml';
import { decodeDataBytes, escapePointerToken, parseJsonText, readInputFile } from '@iamgate/core';
import type { InputError } from '@iamgate/core';
import { isRecord } from '../resolve/values';

/** The property naming a local definition file, and the property its content goes to, per type. */
const DEFINITION_FILE: Readonly<Record<string, { readonly from: string; readonly to: string }>> = {
  'AWS::ApiGateway::RestApi': { from: 'BodyS3Location', to: 'Body' },
  'AWS::Serverless::Api': { from: 'DefinitionUri', to: 'DefinitionBody' },
};

/** A local path, as the packaging commands take it (not `s3://...`, not `https://...`). */
export function isLocalPath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

/** A resource that may hold its definition elsewhere: its id, body, properties and the pair of properties. */
interface DefinitionResource {
  readonly logicalId: string;
  readonly body: Record<string, unknown>;
  readonly properties: Record<string, unknown>;
  readonly kind: { readonly from: string; readonly to: string };
}

/** The REST APIs of a template whose definition is not inline (no `Body` / `DefinitionBody`). */
function definitionResources(resources: Record<string, unknown>): DefinitionResource[] {
  const found: DefinitionResource[] = [];
  for (const [logicalId, body] of Object.entries(resources)) {
    if (!isRecord(body) || typeof body['Type'] !== 'string' || !isRecord(body['Properties'])) continue;
    const kind = Object.hasOwn(DEFINITION_FILE, body['Type']) ? DEFINITION_FILE[body['Type']] : undefined;
    if (kind === undefined || body['Properties'][kind.to] !== undefined) continue;
    found.push({ logicalId, body, properties: body['Properties'], kind });
  }
  return found;
}

/** The resource with its definition inline in place of where it was. */
function inlined(resource: DefinitionResource, definition: unknown): Record<string, unknown> {
  const { body, properties, kind } = resource;
  const inline = Object.entries({ ...properties, [kind.to]: definition }).filter(([key]) => key !== kind.from);
  return { ...body, Properties: Object.fromEntries(inline) };
}

/** The JSON pointer of the property that names a resource's definition. */
function definitionPointer({ logicalId, kind }: DefinitionResource): string {
  return `/Resources/${escapePointerToken(logicalId)}/Properties/${kind.from}`;
}

/** The template with each local definition file inlined; a file that cannot be read is an input error. */
export function withLocalApiBodies(
  template: Record<string, unknown>,
  absolute: string,
  shown: string,
): { template: Record<string, unknown>; errors: InputError[] } {
  const errors: InputError[] = [];
  const resources = isRecord(template['Resources']) ? template['Resources'] : {};
  let copy: Record<string, unknown> | undefined;
  for (const resource of definitionResources(resources)) {
    const file = resource.properties[resource.kind.from];
    if (!isLocalPath(file)) continue;
    const definition = readDefinition(path.resolve(path.dirname(absolute), file));
    if (!definition.ok) {
      errors.push({
        file: shown,
        pointer: definitionPointer(resource),
        message: `API definition \`${file}\` of \`${resource.logicalId}\`: ${definition.message}`,
      });
      continue;
    }
    copy ??= { ...resources };
    copy[resource.logicalId] = inlined(resource, definition.value);
  }
  return { template: copy === undefined ? template : { ...template, Resources: copy }, errors };
}

/** Where the assets of a cloud assembly are uploaded (`assetLocation`) -> their absolute file. */
export type AssetFiles = ReadonlyMap<string, string>;

/** The key of an asset's destination in {@link AssetFiles}. */
export function assetLocation(bucket: string, key: string): string {
  return JSON.stringify([bucket, key]);
}

/** The asset manifest files (`Api.assets.json`) a cloud assembly manifest's `artifacts` name. */
export function assetManifestFiles(artifacts: Record<string, unknown>): string[] {
  return Object.values(artifacts).flatMap((artifact) => {
    if (!isRecord(artifact) || artifact['type'] !== 'cdk:asset-manifest') return [];
    const file = isRecord(artifact['properties']) ? artifact['properties']['file'] : undefined;
    return typeof file === 'string' ? [file] : [];
  });
}

/** Adds the file assets of one asset manifest (its text; paths relative to `directory`) to `into`. */
export function addFileAssets(text: string, directory: string, into: Map<string, string>): void {
  const manifest = parseJsonText(text.replace(/^\uFEFF/, ''));
  const files = manifest.ok && isRecord(manifest.value) ? manifest.value['files'] : undefined;
  for (const asset of isRecord(files) ? Object.values(files) : []) {
    const source = isRecord(asset) && isRecord(asset['source']) ? asset['source'] : undefined;
    const file = source?.['path'];
    // A zipped directory is no definition; a command's output is not in the assembly.
    if (typeof file !== 'string' || (source?.['packaging'] ?? 'file') !== 'file') continue;
    const destinations = isRecord(asset) && isRecord(asset['destinations']) ? asset['destinations'] : {};
    for (const destination of Object.values(destinations)) {
      if (!isRecord(destination)) continue;
      const { bucketName, objectKey } = destination;
      if (typeof bucketName === 'string' && typeof objectKey === 'string')
        into.set(assetLocation(bucketName, objectKey), path.resolve(directory, file));
    }
  }
}

/** The file assets of the cloud assembly in `directory`, read from its manifests; none when they cannot be read. */
export function readAssetFiles(directory: string): AssetFiles {
  const found = new Map<string, string>();
  const read = (file: string): string | undefined => {
    try {
      const text = decodeDataBytes(readInputFile(path.join(directory, file)));
      return text.ok ? text.text : undefined;
    } catch {
      return undefined;
    }
  };
  const manifest = parseJsonText((read('manifest.json') ?? '').replace(/^\uFEFF/, ''));
  const artifacts = manifest.ok && isRecord(manifest.value) ? manifest.value['artifacts'] : undefined;
  for (const file of isRecord(artifacts) ? assetManifestFiles(artifacts) : []) {
    const text = read(file);
    if (text !== undefined) addFileAssets(text, directory, found);
  }
  return found;
}

/**
 * The S3 location of an API definition as CDK writes an asset's (`{Bucket, Key}`, the bucket a
 * text or an `Fn::Sub` of the account and Region placeholders), or undefined.
 */
function s3Location(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const { Bucket: bucket, Key: key } = value;
  const sub = isRecord(bucket) && Object.keys(bucket).length === 1 ? bucket['Fn::Sub'] : undefined;
  const name = typeof bucket === 'string' ? bucket : typeof sub === 'string' ? sub : undefined;
  return name === undefined || typeof key !== 'string' ? undefined : assetLocation(name, key);
}

/**
 * The template with each definition whose S3 location is an asset of the assembly (`assets`)
 * inlined, read from its file; a file that cannot be read or parsed is an input error.
 */
export function withAssetApiBodies(
  template: Record<string, unknown>,
  assets: AssetFiles | (() => AssetFiles),
  shown: string,
): { template: Record<string, unknown>; errors: InputError[] } {
  const errors: InputError[] = [];
  const resources = isRecord(template['Resources']) ? template['Resources'] : {};
  // The assets are found (the Aspect walks the construct tree for them) only for a template that
  // has a definition in S3.
  let known: AssetFiles | undefined = typeof assets === 'function' ? undefined : assets;
  let copy: Record<string, unknown> | undefined;
  for (const resource of definitionResources(resources)) {
    const location = s3Location(resource.properties[resource.kind.from]);
    if (location === undefined) continue;
    known ??= (assets as () => AssetFiles)();
    const file = known.get(location);
    if (file === undefined) continue;
    let bytes: Buffer | undefined;
    try {
      bytes = readInputFile(file);
    } catch {
      bytes = undefined;
    }
    const definition = bytes === undefined ? { ok: false as const, message: 'no such file' } : parseDefinition(bytes);
    if (!definition.ok) {
      errors.push({
        file: shown,
        pointer: definitionPointer(resource),
        message: `API definition asset \`${path.basename(file)}\` of \`${resource.logicalId}\`: ${definition.message}`,
      });
      continue;
    }
    copy ??= { ...resources };
    copy[resource.logicalId] = inlined(resource, definition.value);
  }
  return { template: copy === undefined ? template : { ...template, Resources: copy }, errors };
}

function readDefinition(file: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let bytes: Buffer;
  try {
    bytes = readInputFile(file);
  } catch {
    return { ok: false, message: 'no such file' };
  }
  return parseDefinition(bytes);
}

function parseDefinition(bytes: Buffer): { ok: true; value: unknown } | { ok: false; message: string } {
  const parsed = parseDataFile(bytes);
  // JSON of another shape is left to the checks of the definition; YAML must be a mapping.
  if (!parsed.ok || /^\s*[{[]/.test(parsed.text) || isRecord(parsed.value)) return parsed;
  return { ok: false, message: 'expected an OpenAPI document (an object)' };
}

/**
 * A data file beside a template (an OpenAPI definition, an `AWS::Include` snippet): JSON when it
 * starts like JSON, YAML otherwise, after its encoding is checked and a byte order mark dropped.
 */
export function parseDataFile(
  bytes: Buffer,
): { ok: true; value: unknown; text: string } | { ok: false; message: string } {
  const text = decodeDataBytes(bytes);
  if (!text.ok) return { ok: false, message: text.message };
  const trimmed = text.text.replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(trimmed)) {
    const parsed = parseJsonText(trimmed);
    return parsed.ok ? { ok: true, value: parsed.value, text: trimmed } : { ok: false, message: parsed.message };
  }
  try {
    return { ok: true, value: parse(trimmed, { maxAliasCount: 1000 }) as unknown, text: trimmed };
  } catch (err) {
    return { ok: false, message: `invalid YAML: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}` };
  }
}
