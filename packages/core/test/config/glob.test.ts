/** Globs of suppression targets. */
import { compileGlob } from '../../src/config/glob';

const matches = (pattern: string, value: string): boolean => {
  const glob = compileGlob(pattern);
  if (!glob.ok) throw new Error(glob.message);
  return glob.test(value);
};

describe('globs', () => {
  it.each([
    ['module.etl.aws_iam_role.*', 'module.etl.aws_iam_role.loader', true],
    ['module.etl.aws_iam_role.*', 'module.api.aws_iam_role.loader', false],
    ['Api/*/Resource', 'Api/AppRole/Resource', true],
    ['Api/*/Resource', 'Api/AppRole/DefaultPolicy/Resource', false],
    ['Api/**/Resource', 'Api/AppRole/DefaultPolicy/Resource', true],
    ['aws_iam_role.{app,worker}', 'aws_iam_role.worker', true],
    ['aws_iam_role.{app,worker}', 'aws_iam_role.web', false],
    ['role?', 'role1', true],
    ['a.b', 'aXb', false],
    // Brackets are themselves: an instance address pasted from a finding names that instance.
    ['module.app["eu"].aws_iam_role.r[0]', 'module.app["eu"].aws_iam_role.r[0]', true],
    ['module.app["eu"].aws_iam_role.r[0]', 'module.app["eu"].aws_iam_role.r0', false],
    ['role[12]', 'role1', false],
    ['module.app[*].aws_iam_role.r', 'module.app["us"].aws_iam_role.r', true],
  ])('`%s` on `%s` is %s', (pattern, value, expected) => {
    expect(matches(pattern, value)).toBe(expected);
  });

  it.each([[''], ['a{b'], ['a}b'], ['{a,{b}}']])('`%s` is not a glob', (pattern) => {
    expect(compileGlob(pattern).ok).toBe(false);
  });
});
