/**
 * A stack set's `TemplateBody` written as `Fn::Sub`: the text read with the parent's values
 * standing as parameters of the template it deploys.
 */
import { jsonTextBody, substitutedBody, withParentValues } from '../src/template/sub-template-body';

describe('substitutedBody', () => {
  it.each([
    ['a text without variables is itself', { 'Fn::Sub': 'Resources: {}' }, 'Resources: {}', {}],
    ['`${!Name}` is the literal `${Name}`', { 'Fn::Sub': 'a: ${!AWS::Region}' }, 'a: ${AWS::Region}', {}],
    [
      'a pseudo parameter or a parameter stands as a token, passed as its `Ref`',
      { 'Fn::Sub': 'a: ${AWS::AccountId}/${Stage}' },
      'a: IamgateParentValue0x/IamgateParentValue1x',
      { IamgateParentValue0x: { Ref: 'AWS::AccountId' }, IamgateParentValue1x: { Ref: 'Stage' } },
    ],
    [
      'an attribute is passed as its `Fn::GetAtt`',
      { 'Fn::Sub': 'a: ${Role.Arn}' },
      'a: IamgateParentValue0x',
      { IamgateParentValue0x: { 'Fn::GetAtt': ['Role', 'Arn'] } },
    ],
    [
      'a variable of the map given as text is put in the text; one given as an intrinsic is passed',
      { 'Fn::Sub': ['${Name}: ${Account}', { Name: 'Audit', Account: { Ref: 'Partner' } }] },
      'Audit: IamgateParentValue0x',
      { IamgateParentValue0x: { Ref: 'Partner' } },
    ],
  ])('%s', (_, value, text, values) => {
    expect(substitutedBody(value)).toEqual({ text, values });
  });

  it.each([
    ['a text', 'Resources: {}'],
    ['another function', { 'Fn::Join': ['', ['a']] }],
    ['a `Fn::Sub` of no text', { 'Fn::Sub': { Ref: 'Body' } }],
  ])('%s is no substituted body', (_, value) => {
    expect(substitutedBody(value)).toBeUndefined();
  });
});

describe('withParentValues', () => {
  const names = ['IamgateParentValue0x'];

  it('a string holding a token becomes a `Fn::Sub` over the parameter, its own `${` kept literal; the parameter is declared', () => {
    expect(
      withParentValues({ Resources: { R: { Properties: { A: 'arn:IamgateParentValue0x:${x}', B: 'plain' } } } }, names),
    ).toEqual({
      Resources: { R: { Properties: { A: { 'Fn::Sub': 'arn:${IamgateParentValue0x}:${!x}' }, B: 'plain' } } },
      Parameters: { IamgateParentValue0x: { Type: 'String' } },
    });
  });

  it("a token in the template's own `Fn::Sub` names the parameter there", () => {
    const template = { Resources: { R: { A: { 'Fn::Sub': ['IamgateParentValue0x/${X}', { X: 'y' }] } } } };
    expect(withParentValues(template, names)?.['Resources']).toEqual({
      R: { A: { 'Fn::Sub': ['${IamgateParentValue0x}/${X}', { X: 'y' }] } },
    });
  });

  it('a token in a key (a logical id made of a value of the parent) cannot stand as a reference', () => {
    expect(withParentValues({ Resources: { IamgateParentValue0xRole: {} } }, names)).toBeUndefined();
  });
});

describe('jsonTextBody', () => {
  it("is the template's JSON text, each intrinsic of the parent a parameter passed its value", () => {
    const body = jsonTextBody({
      'Fn::ToJsonString': {
        Resources: { R: { Type: 'AWS::IAM::Role', Properties: { A: { 'Fn::GetAtt': ['P', 'Arn'] } } } },
      },
    });
    expect(body).toEqual({
      text: JSON.stringify({
        Resources: { R: { Type: 'AWS::IAM::Role', Properties: { A: { Ref: 'IamgateParentValue0x' } } } },
      }),
      values: { IamgateParentValue0x: { 'Fn::GetAtt': ['P', 'Arn'] } },
    });
    const template = JSON.parse(body?.text ?? '{}') as Record<string, unknown>;
    expect(withParentValues(template, ['IamgateParentValue0x'])).toEqual({
      ...template,
      Parameters: { IamgateParentValue0x: { Type: 'String' } },
    });
  });

  it.each([
    ['a text', 'Resources: {}'],
    ['the JSON text of a list', { 'Fn::ToJsonString': [1] }],
  ])('%s is no template object', (_, value) => {
    expect(jsonTextBody(value)).toBeUndefined();
  });
});
