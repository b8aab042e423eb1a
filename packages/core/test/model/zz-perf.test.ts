import { parsePolicy, serializePolicy, SymbolicValue } from '@iamgate/core';
test('perf', () => {
  const statements = Array.from({ length: 100000 }, (_, i) => ({
    Sid: `S${i}`, Effect: i % 2 ? 'Allow' : 'Deny', Action: ['s3:GetObject', 's3:PutObject'],
    Resource: i % 10 === 0 ? new SymbolicValue(['arn:aws:s3:::', { id: 'b', source: 'bucket' }, '/*']) : `arn:aws:s3:::bucket${i}/*`,
    Condition: { StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'] }, Bool: { 'aws:SecureTransport': true } },
  }));
  const doc = { Version: '2012-10-17', Statement: statements };
  for (let k = 0; k < 3; k++) {
    let t = performance.now();
    const r = parsePolicy(doc, { type: 'identity' });
    const parseMs = performance.now() - t;
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements.map((s) => ({ ...s, Resource: 'arn:aws:s3:::x/*' })) });
    t = performance.now();
    const r2 = parsePolicy(text, { type: 'identity' });
    const textMs = performance.now() - t;
    t = performance.now();
    if (r.ok) serializePolicy(r.value);
    console.log(k, r.ok, r2.ok, 'object', parseMs.toFixed(0), 'text', textMs.toFixed(0), 'serialize', (performance.now() - t).toFixed(0), r.issues.length);
  }
  const bad = { Statement: statements.map((s) => ({ ...s, Effect: 'allow', Bank: 1 })) };
  const t = performance.now();
  const r3 = parsePolicy(bad);
  console.log('all-invalid', (performance.now() - t).toFixed(0), r3.issues.length);
});
