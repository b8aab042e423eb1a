/**
 * Nested stacks of a template written by hand: `AWS::CloudFormation::Stack` (`TemplateURL`) and
 * `AWS::Serverless::Application` (`Location`). A local path, as `sam build` and `aws cloudformation
 * package` take it, is a template the scan can read; a URL, an application of the Serverless
 * Application Repository or an expression is not in the input, and its IAM is not checked.
 */
import { isRecord } from '../resolve/values';

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
}

/** The nested stacks the template declares. */
export function nestedStacks(template: Record<string, unknown>): NestedStack[] {
  const resources = isRecord(template['Resources']) ? template['Resources'] : {};
  const found: NestedStack[] = [];
  for (const [logicalId, body] of Object.entries(resources)) {
    if (!isRecord(body)) continue;
    const properties = isRecord(body['Properties']) ? body['Properties'] : {};
    const property =
      body['Type'] === 'AWS::CloudFormation::Stack'
        ? 'TemplateURL'
        : body['Type'] === 'AWS::Serverless::Application'
          ? 'Location'
          : undefined;
    if (property === undefined) continue;
    const value = properties[property];
    const pointer = `/Resources/${logicalId.replace(/~/g, '~0').replace(/\//g, '~1')}/Properties/${property}`;
    const parameters = isRecord(properties['Parameters']) ? { parameters: properties['Parameters'] } : {};
    if (typeof value === 'string') {
      const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(value);
      found.push({ logicalId, pointer, shown: value, ...(local ? { localPath: value } : {}), ...parameters });
    } else if (isRecord(value) && typeof value['ApplicationId'] === 'string') {
      found.push({ logicalId, pointer, shown: `application ${value['ApplicationId']}` });
    } else found.push({ logicalId, pointer, shown: 'an expression' });
  }
  return found;
}
