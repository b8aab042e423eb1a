/**
 * Nested stacks of a template written by hand: `AWS::CloudFormation::Stack` (`TemplateURL`),
 * `AWS::Serverless::Application` (`Location`) and the template a stack set deploys to its accounts
 * (`AWS::CloudFormation::StackSet`: `TemplateBody`, as text, the `Fn::Sub` of a text or the
 * `Fn::ToJsonString` of a template, or `TemplateURL`). A local path, as `sam build`
 * and `aws cloudformation package` take it, or a template body written in the parent is a template
 * the scan can read; a URL, an application of the Serverless Application Repository or an
 * expression is not in the input, and its IAM is not checked.
 */
import { escapePointerToken } from '@iamgate/core';
import { isRecord } from '../resolve/values';
import { jsonTextBody, substitutedBody } from './sub-template-body';

/** One nested stack of a template. */
export interface NestedStack {
  readonly logicalId: string;
  /** JSON pointer of the property naming the template. */
  readonly pointer: string;
  /** The local path of the template, relative to the parent template, when it is one. */
  readonly localPath?: string;
  /** What names the template, for messages: the URL, the application id, or `an expression`. */
  readonly shown: string;
  /** The `Parameters` the parent passes (raw values, intrinsics of the parent unresolved). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** A stack set's template written in the parent (`TemplateBody`): its text. */
  readonly body?: string;
  /**
   * A `TemplateBody` written as `Fn::Sub`: the names of the parameters that stand in its text for
   * the parent's values (passed among `parameters`), see sub-template-body.ts.
   */
  readonly parentValues?: readonly string[];
  /** An `AWS::CloudFormation::StackSet`: its stacks are deployed to other accounts and Regions. */
  readonly stackSet?: true;
}

/** The property naming the template of each nesting type. */
const TEMPLATE_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::CloudFormation::Stack': 'TemplateURL',
  'AWS::Serverless::Application': 'Location',
  'AWS::CloudFormation::StackSet': 'TemplateURL',
};

/** The nested stacks the template declares. */
export function nestedStacks(template: Record<string, unknown>): NestedStack[] {
  const resources = isRecord(template['Resources']) ? template['Resources'] : {};
  const found: NestedStack[] = [];
  for (const [logicalId, body] of Object.entries(resources)) {
    if (!isRecord(body)) continue;
    const properties = isRecord(body['Properties']) ? body['Properties'] : {};
    const type = typeof body['Type'] === 'string' ? body['Type'] : '';
    const isStackSet = type === 'AWS::CloudFormation::StackSet';
    let property = Object.hasOwn(TEMPLATE_PROPERTY, type) ? TEMPLATE_PROPERTY[type] : undefined;
    if (property === undefined) continue;
    if (isStackSet && properties['TemplateBody'] !== undefined) property = 'TemplateBody';
    const value = properties[property];
    const pointer = `/Resources/${escapePointerToken(logicalId)}/Properties/${property}`;
    const passed = isStackSet ? stackSetParameters(properties['Parameters']) : properties['Parameters'];
    const parameters = isRecord(passed) ? { parameters: passed } : {};
    const kind = isStackSet ? { stackSet: true as const } : {};
    const substituted = property === 'TemplateBody' ? (substitutedBody(value) ?? jsonTextBody(value)) : undefined;
    if (substituted !== undefined) {
      found.push({
        logicalId,
        pointer,
        ...kind,
        shown: 'its template body',
        body: substituted.text,
        parameters: { ...(isRecord(passed) ? passed : {}), ...substituted.values },
        parentValues: Object.keys(substituted.values),
      });
    } else if (property === 'TemplateBody') {
      found.push({
        logicalId,
        pointer,
        ...kind,
        ...(typeof value === 'string'
          ? { shown: 'its template body', body: value, ...parameters }
          : { shown: 'an expression' }),
      });
    } else if (typeof value === 'string') {
      const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(value);
      found.push({ logicalId, pointer, shown: value, ...(local ? { localPath: value } : {}), ...parameters, ...kind });
    } else if (isRecord(value) && typeof value['ApplicationId'] === 'string') {
      found.push({ logicalId, pointer, shown: `application ${value['ApplicationId']}` });
    } else found.push({ logicalId, pointer, shown: 'an expression', ...kind });
  }
  return found;
}

/**
 * A stack set's `Parameters` (`[{ ParameterKey, ParameterValue }]`) as the map a nested stack
 * passes; an entry whose key is not text names nothing and is left out.
 */
function stackSetParameters(raw: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(raw)) return undefined;
  const values: Record<string, unknown> = {};
  for (const entry of raw) {
    if (isRecord(entry) && typeof entry['ParameterKey'] === 'string' && Object.hasOwn(entry, 'ParameterValue'))
      values[entry['ParameterKey']] = entry['ParameterValue'];
  }
  return values;
}
