import { listManagedPolicies, getManagedPolicy } from '../../src/catalog/managed-policies';
import { lint, VALIDITY_RULES } from './helpers';
it('sweep', () => {
  const counts = new Map<string, number>();
  const samples = new Map<string, string[]>();
  const list = listManagedPolicies();
  const t0 = Date.now();
  for (const p of list) {
    const doc = getManagedPolicy(p.arn)?.document;
    for (const f of lint(doc, 'identity', VALIDITY_RULES.filter((r) => !r.endsWith('invalid-policy') && !r.endsWith('policy-warning')))) {
      const k = f.ruleId + ' ' + String((f as any).evidence?.code ?? '') ;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      const s = samples.get(k) ?? []; if (s.length < 12) s.push(p.arn.split('/').pop() + ': ' + f.message.slice(0, 230)); samples.set(k, s);
    }
  }
  console.log(list.length, Date.now() - t0, 'ms\n', [...counts].join('\n'), '\n', [...samples].map(([k, v]) => k + '\n  ' + v.join('\n  ')).join('\n'));
});
