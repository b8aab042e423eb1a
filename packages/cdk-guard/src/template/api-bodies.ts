/**
 * OpenAPI definitions of REST APIs kept in a file next to the template. `aws cloudformation package`
 * and `sam build`/`sam package` upload a local path given as `BodyS3Location` of an
 * `AWS::ApiGateway::RestApi` (or `DefinitionUri` of an `AWS::Serverless::Api`) and write the S3
 * location in its place; before that the file is in the input, and its
 * `x-amazon-apigateway-policy` is the API's resource policy. The file is inlined as `Body`
 * (`DefinitionBody`), which the extractor reads. An S3 location or an expression stays as written:
 * the definition is not in the input.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse } from 'yaml';
import { decodeDataBytes, parseJsonText } from '@iamgate/core';
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

/** The template with each local definition file inlined; a file that cannot be read is an input error. */
export async function withLocalApiBodies(
  template: Record<string, unknown>,
  absolute: string,
  shown: string,
): Promise<{ template: Record<string, unknown>; errors: InputError[] }> {
  const errors: InputError[] = [];
  const resources = isRecord(template['Resources']) ? template['Resources'] : {};
  let copy: Record<string, unknown> | undefined;
  for (const [logicalId, body] of Object.entries(resources)) {
    if (!isRecord(body) || typeof body['Type'] !== 'string' || !isRecord(body['Properties'])) continue;
    const kind = Object.hasOwn(DEFINITION_FILE, body['Type']) ? DEFINITION_FILE[body['Type']] : undefined;
    const file = kind === undefined ? undefined : body['Properties'][kind.from];
    if (kind === undefined || !isLocalPath(file) || body['Properties'][kind.to] !== undefined) continue;
    const pointer = `/Resources/${logicalId.replace(/~/g, '~0').replace(/\//g, '~1')}/Properties/${kind.from}`;
    const definition = await readDefinition(path.resolve(path.dirname(absolute), file));
    if (!definition.ok) {
      errors.push({
        file: shown,
        pointer,
        message: `API definition \`${file}\` of \`${logicalId}\`: ${definition.message}`,
      });
      continue;
    }
    const properties: Record<string, unknown> = Object.fromEntries(
      Object.entries({ ...body['Properties'], [kind.to]: definition.value }).filter(([key]) => key !== kind.from),
    );
    copy ??= { ...resources };
    copy[logicalId] = { ...body, Properties: properties };
  }
  return { template: copy === undefined ? template : { ...template, Resources: copy }, errors };
}

async function readDefinition(file: string): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { ok: false, message: 'no such file' };
  }
  const text = decodeDataBytes(bytes);
  if (!text.ok) return { ok: false, message: text.message };
  const trimmed = text.text.replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(trimmed)) {
    const parsed = parseJsonText(trimmed);
    return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: parsed.message };
  }
  try {
    const value: unknown = parse(trimmed, { maxAliasCount: 1000 });
    return isRecord(value) ? { ok: true, value } : { ok: false, message: 'expected an OpenAPI document (an object)' };
  } catch (err) {
    return { ok: false, message: `invalid YAML: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}` };
  }
}
