/**
 * The attribute catalog `Fn::GetAtt` is checked against (an unknown attribute is an input error)
 * is the CloudFormation resource specification's: the same names as the attributes of the L1
 * classes aws-cdk-lib generates from it, so that no valid attribute is refused.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as cdk from 'aws-cdk-lib';
import { RESOURCE_ATTRIBUTES } from '../src/resolve/resource-attributes';

/**
 * The attributes aws-cdk-lib's L1 class for each type reads: each `attr...` getter calls
 * `this.getAtt(<attribute>)`, recorded here on an object of the class built without its constructor
 * (which would require the type's properties).
 */
function specAttributes(types: readonly string[]): Map<string, string[]> {
  const classes = JSON.parse(
    readFileSync(
      join(dirname(require.resolve('aws-cdk-lib')), 'cloudformation-include/cfn-types-2-classes.json'),
      'utf8',
    ),
  ) as Record<string, string>;
  const out = new Map<string, string[]>();
  for (const type of types) {
    const [module, name] = (classes[type] ?? '').split('.');
    if (module === undefined || name === undefined) continue;
    // `aws-cdk-lib/aws-iam` is the namespace `aws_iam` of the package; `aws-cdk-lib/core` its root.
    type Classes = Record<string, { prototype: object } | undefined>;
    const namespace =
      module === 'aws-cdk-lib/core'
        ? (cdk as unknown as Classes)
        : (cdk as unknown as Record<string, Classes | undefined>)[
            module.replace('aws-cdk-lib/', '').replace(/-/g, '_')
          ];
    const cls = namespace?.[name];
    if (cls === undefined) continue;
    let read: string | undefined;
    const probe = Object.create(cls.prototype) as Record<string, unknown>;
    probe['getAtt'] = (attribute: string): string => {
      read = attribute;
      return attribute;
    };
    const names: string[] = [];
    for (const key of Object.getOwnPropertyNames(cls.prototype)) {
      if (!key.startsWith('attr')) continue;
      read = undefined;
      try {
        Reflect.get(probe, key);
      } catch {
        // A getter converting the value (to a list, a number) may throw on the plain name: it was read.
      }
      if (read !== undefined) names.push(read);
    }
    out.set(type, names.sort());
  }
  return out;
}

describe('RESOURCE_ATTRIBUTES', () => {
  const types = Object.keys(RESOURCE_ATTRIBUTES);
  const spec = specAttributes(types);

  test('every type listed is a CloudFormation resource type aws-cdk-lib knows', () => {
    expect(types.filter((type) => !spec.has(type))).toEqual([]);
  });

  test.each(types)('%s: the attributes of the resource specification', (type) => {
    expect([...(RESOURCE_ATTRIBUTES[type] ?? [])].sort()).toEqual(spec.get(type));
  });
});
