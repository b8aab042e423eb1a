/**
 * SAM policy template parameters given an ARN or a URL where the template takes a name or an id
 * (`S3ReadPolicy: {BucketName: !GetAtt Bucket.Arn}`, `SQSSendMessagePolicy: {QueueName: !Ref
 * Queue}`): SAM writes the value into an ARN of its own (`arn:aws:s3:::arn:aws:s3:::...`), which
 * names no resource, so the function is denied what the author meant to grant. The transform
 * accepts it; the deploy succeeds and the function fails at run time. An input error, naming the
 * parameter and what gives the name.
 */
import { escapePointerToken } from '@iamgate/core';
import { RESOURCE_SHAPES } from '../resolve/resource-shapes';
import { asText, isRecord, ownEntry } from '../resolve/values';
import type { Resolved } from '../resolve/values';
import { samEmbeddedParameters } from './sam-policy-templates';
import type { SamTemplateUse } from './serverless';

/** What the check needs of the stack: a value resolved, and the type of a resource. */
export interface ArgumentContext {
  resolve(raw: unknown): Resolved;
  typeOf(logicalId: string): string | undefined;
}

/** One parameter given the wrong kind of value: where, and why. */
export interface ArgumentProblem {
  readonly pointer: string;
  readonly message: string;
}

/** The parameters of `use` that are given an ARN or a URL where SAM takes a name or an id. */
export function samArgumentProblems(use: SamTemplateUse, context: ArgumentContext): ArgumentProblem[] {
  const problems: ArgumentProblem[] = [];
  for (const [parameter, pattern] of samEmbeddedParameters(use.name)) {
    const raw = use.parameters[parameter];
    if (raw === undefined) continue;
    let text;
    try {
      text = asText(context.resolve(raw));
    } catch {
      continue; // an intrinsic that does not resolve is reported where the policy is read
    }
    const head = typeof text === 'string' ? text : typeof text?.parts[0] === 'string' ? text.parts[0] : '';
    const kind = head.startsWith('arn:') ? 'an ARN' : /^https?:\/\//.test(head) ? 'a URL' : undefined;
    if (kind === undefined) continue;
    const wanted = /Id$/.test(parameter) ? 'id' : 'name';
    const hint = nameOf(raw, wanted, context);
    const shown = written(raw) ?? String(text);
    problems.push({
      pointer: `${use.pointer}/${escapePointerToken(parameter)}`,
      message: `resource \`${use.resource}\`: \`${parameter}\` of SAM policy template \`${use.name}\` is ${kind} (\`${shown}\`) where SAM takes a ${wanted}: the policy it writes names \`${pattern.replace(`\${${parameter}}`, `<${kind === 'a URL' ? 'URL' : 'ARN'}>`)}\`, no resource, and grants nothing; give the ${wanted}${hint === undefined ? '' : ` (${hint})`}`,
    });
  }
  return problems;
}

/** How to write the name (or id) of the resource `raw` refers to (`!Ref Bucket`, `!GetAtt Queue.QueueName`). */
function nameOf(raw: unknown, wanted: 'name' | 'id', context: ArgumentContext): string | undefined {
  if (!isRecord(raw)) return undefined;
  const getAtt = raw['Fn::GetAtt'];
  const logicalId =
    typeof raw['Ref'] === 'string'
      ? raw['Ref']
      : typeof getAtt === 'string'
        ? getAtt.split('.')[0]
        : Array.isArray(getAtt) && typeof getAtt[0] === 'string'
          ? getAtt[0]
          : undefined;
  const type = logicalId === undefined ? undefined : context.typeOf(logicalId);
  const shape = type === undefined ? undefined : ownEntry(RESOURCE_SHAPES, type);
  if (shape === undefined || logicalId === undefined) return undefined;
  const placeholder = `{${wanted}}`;
  if (shape.ref === placeholder) return `\`!Ref ${logicalId}\``;
  const attribute = Object.entries(shape.attributes).find(([, template]) => template === placeholder)?.[0];
  return attribute === undefined ? undefined : `\`!GetAtt ${logicalId}.${attribute}\``;
}

/** A value as the author wrote it, when it is short: a text, `!Ref X`, `!GetAtt X.Y`, `!Sub '...'`. */
function written(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (!isRecord(raw)) return undefined;
  const getAtt = raw['Fn::GetAtt'];
  if (typeof raw['Ref'] === 'string') return `!Ref ${raw['Ref']}`;
  if (typeof getAtt === 'string') return `!GetAtt ${getAtt}`;
  if (Array.isArray(getAtt) && getAtt.every((p) => typeof p === 'string')) return `!GetAtt ${getAtt.join('.')}`;
  if (typeof raw['Fn::Sub'] === 'string') return `!Sub '${raw['Fn::Sub']}'`;
  return undefined;
}
