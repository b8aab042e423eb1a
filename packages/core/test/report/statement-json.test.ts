import { statementJson } from '../../src/report/describe';
import { SymbolicValue } from '../../src/model/symbolic';

describe('statementJson', () => {
  it('shows a value known only after deploy with its provenance, not its internal parts', () => {
    const bucket = { id: 'h1', source: 'aws_s3_bucket.logs.bucket' };
    const shown = statementJson({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: new SymbolicValue(['arn:aws:s3:::', bucket, '/*']),
    });
    expect(shown).toContain('"Resource": "arn:aws:s3:::${aws_s3_bucket.logs.bucket}/*"');
    expect(shown).not.toContain('parts');
  });

  it('leaves plain statements as indented JSON', () => {
    expect(statementJson({ Effect: 'Deny' })).toBe('{\n  "Effect": "Deny"\n}');
  });
});
