/**
 * A stack set's `TemplateBody` written as `Fn::Sub` (`TemplateBody: !Sub |` over a YAML or JSON
 * template): CloudFormation substitutes the parent's values into the text before the stack set
 * gets it. The text is read with each substituted value standing as a parameter of the template
 * it deploys, passed the parent's value (`${AWS::AccountId}` is the account of the parent stack,
 * `${Role.Arn}` the ARN of the parent's role), so that a trust policy naming the management
 * account is judged like one written in the parent. A variable given as text in the `Fn::Sub`
 * map is put in the text as CloudFormation puts it; `${!Name}` is the literal `${Name}`. A body
 * written as `Fn::ToJsonString` of the template (`AWS::LanguageExtensions`) is read the same way.
 */
import { isRecord } from '../resolve/values';

/** The text to parse and the parent's values it takes, by the name of the parameter each stands for. */
export interface SubstitutedBody {
  readonly text: string;
  readonly values: Readonly<Record<string, unknown>>;
}

const PARAMETER = 'IamgateParentValue';

/** The body of `{ 'Fn::Sub': text }` or `{ 'Fn::Sub': [text, { Name: value }] }`, or undefined when the value is neither. */
export function substitutedBody(value: unknown): SubstitutedBody | undefined {
  if (!isRecord(value) || Object.keys(value).length !== 1) return undefined;
  const arg = value['Fn::Sub'];
  const [text, variables]: readonly unknown[] = Array.isArray(arg) ? (arg as unknown[]) : [arg, {}];
  if (typeof text !== 'string' || !isRecord(variables)) return undefined;
  // Each `${...}` becomes a token of letters and digits, which any YAML or JSON scalar keeps as is.
  let n = 0;
  const tokenFor = (): string => {
    while (text.includes(`${PARAMETER}${n}x`)) n++;
    return `${PARAMETER}${n++}x`;
  };
  const values: Record<string, unknown> = {};
  const out = text.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    const given = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (typeof given === 'string') return given;
    const token = tokenFor();
    values[token] =
      given !== undefined
        ? given
        : name.includes('.') && !name.startsWith('AWS::')
          ? { 'Fn::GetAtt': [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)] }
          : { Ref: name };
    return token;
  });
  return { text: out, values };
}

/**
 * The body of `{ 'Fn::ToJsonString': { Resources: ... } }` (`AWS::LanguageExtensions`): the object
 * is the template, and every intrinsic in it is the parent's, resolved before the text is made,
 * so each stands as a parameter (`Ref`) passed the parent's value. Undefined for another value.
 */
export function jsonTextBody(value: unknown): SubstitutedBody | undefined {
  if (!isRecord(value) || Object.keys(value).length !== 1 || !isRecord(value['Fn::ToJsonString'])) return undefined;
  const values: Record<string, unknown> = {};
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isRecord(node)) return node;
    const [key] = Object.keys(node);
    if (Object.keys(node).length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
      const name = `${PARAMETER}${Object.keys(values).length}x`;
      values[name] = node;
      return { Ref: name };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
  };
  const template = walk(value['Fn::ToJsonString']);
  return { text: JSON.stringify(template), values };
}

/**
 * The parsed template with each token of {@link substitutedBody} made a reference to a parameter
 * of the same name (declared here): inside a string, the string becomes a `Fn::Sub` over it (one
 * already a `Fn::Sub` template names it as `${...}`). Undefined when a token is in a key (a
 * logical id made of a parent's value), which no reference can stand for.
 */
export function withParentValues(
  template: Record<string, unknown>,
  names: readonly string[],
): Record<string, unknown> | undefined {
  if (names.length === 0) return template;
  let inKey = false;
  const pattern = new RegExp(names.map((name) => name.replace(/[^A-Za-z0-9]/g, '')).join('|'), 'g');
  const has = (text: string): boolean => {
    pattern.lastIndex = 0;
    return pattern.test(text);
  };
  const named = (text: string): string => text.replace(pattern, (token) => `\${${token}}`);
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return has(value) ? { 'Fn::Sub': named(value.replace(/\$\{/g, '${!')) } : value;
    if (Array.isArray(value)) return value.map(walk);
    if (!isRecord(value)) return value;
    // Already a reference to one of the parameters (a body made of `Fn::ToJsonString`).
    if (Object.keys(value).length === 1 && typeof value['Ref'] === 'string' && names.includes(value['Ref']))
      return value;
    const sub = Object.keys(value).length === 1 ? value['Fn::Sub'] : undefined;
    if (typeof sub === 'string') return { 'Fn::Sub': named(sub) };
    if (Array.isArray(sub) && typeof sub[0] === 'string')
      return { 'Fn::Sub': [named(sub[0]), ...sub.slice(1).map(walk)] };
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (has(k)) inKey = true;
        return [k, walk(v)];
      }),
    );
  };
  const parameters = isRecord(template['Parameters']) ? template['Parameters'] : {};
  const walked = walk(template) as Record<string, unknown>;
  if (inKey) return undefined;
  return {
    ...walked,
    Parameters: { ...parameters, ...Object.fromEntries(names.map((name) => [name, { Type: 'String' }])) },
  };
}
