import { parsePolicy } from '@iamgate/core';
test('smoke', () => {
  const r = parsePolicy('\ufeff {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringLikeIfExists":{"aws:userid":["a",true,3]}}}}', { type: 'identity' });
  console.log(JSON.stringify(r, null, 1));
  console.log(JSON.stringify(parsePolicy('{"a":}'), null, 1));
  console.log(JSON.stringify(parsePolicy({ Statement: { Effect: 'allow', Action: 3, NotAction: 'x', Resource: [], Principal: 'arn', Condition: { StringEquals: ['a'], X: { k: { a: 1 } } } }, Foo: 1 }), null, 1));
});
