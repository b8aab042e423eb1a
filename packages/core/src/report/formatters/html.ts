import type { Finding, GuardResult, Severity, SuppressedFinding } from '../../analysis/finding';
import type { AccessLevel } from '../../catalog/actions';
import type { PermissionCount, PrincipalPermissionsView } from '../../analysis/views';
import type { Formatter } from '../types';
import { describeLocation, plural, statementJson, subjectOf } from '../describe';
import { verdictOf } from '../verdict';
import { changeLines, changeSubject, describeChangeLine, notComparedNotes } from '../changes';

export type { PrincipalPermissionsView, PermissionCount } from '../../analysis/views';

/** A guard result that may carry the effective permissions of every principal scanned. */
export type HtmlReportInput = GuardResult & { readonly principals?: readonly PrincipalPermissionsView[] };

const LEVELS: readonly { readonly level: AccessLevel; readonly label: string; readonly weight: number }[] = [
  { level: 'List', label: 'List', weight: 0 },
  { level: 'Read', label: 'Read', weight: 1 },
  { level: 'Write', label: 'Write', weight: 2 },
  { level: 'Permissions management', label: 'Permissions mgmt', weight: 3 },
  { level: 'Tagging', label: 'Tagging', weight: 1 },
];

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * `--format html`: one self-contained page (inline CSS and script, no network access) with the
 * summary, each principal's effective permissions when the result carries them, and the findings
 * grouped by principal with their offending statements. Every user value is escaped.
 */
export const formatHtml: Formatter = (result, context) => {
  const input = result as HtmlReportInput;
  const groups = groupBySubject(input);
  const verdict = verdictOf(result, context.failOn);
  const title = `${context.command ?? 'iamgate'} report`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // The page must never reach the network: everything it needs is inline.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header class="top">',
    `<div class="brand">iamgate <span class="muted">${esc(context.command ?? '')} ${esc(context.toolVersion)}</span></div>`,
    `<div class="verdict ${verdict.passed ? 'verdict-pass' : 'verdict-fail'}" id="verdict">${esc(
      verdict.headline.replace(/`/g, ''),
    )}</div>`,
    '</header>',
    '<main>',
    renderSummary(input, groups.size),
    renderErrors(result),
    renderChanges(result),
    renderPrincipals(input, groups),
    renderSuppressed(result.suppressed),
    '</main>',
    `<footer class="muted">generated offline by ${esc(context.command ?? 'iamgate')} ${esc(context.toolVersion)}</footer>`,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};

interface SubjectGroup {
  readonly findings: Finding[];
  readonly view?: PrincipalPermissionsView;
}

function groupBySubject(result: HtmlReportInput): Map<string, SubjectGroup> {
  const groups = new Map<string, SubjectGroup>();
  for (const view of result.principals ?? []) groups.set(view.principal, { findings: [], view });
  for (const finding of result.findings) {
    const key = subjectOf(finding);
    const group = groups.get(key) ?? { findings: [] };
    group.findings.push(finding);
    groups.set(key, group);
  }
  return groups;
}

function renderSummary(result: HtmlReportInput, subjects: number): string {
  const scanned = result.principals?.length;
  const cards = [
    card('error', 'Errors', result.summary.error),
    card('warning', 'Warnings', result.summary.warning),
    card('info', 'Infos', result.summary.info),
    card('suppressed', 'Suppressed', result.summary.suppressed),
    scanned === undefined
      ? card('neutral', 'Subjects with findings', subjects)
      : card('neutral', 'Principals scanned', scanned),
  ];
  const filters = SEVERITY_ORDER.map(
    (s) => `<label class="filter"><input type="checkbox" data-filter="${s}" checked> ${s}</label>`,
  ).join('');
  return `<section class="summary" id="summary">${cards.join('')}</section>\n<nav class="filters">show ${filters}</nav>`;
}

function card(kind: string, label: string, count: number): string {
  return `<div class="card card-${kind}${count === 0 ? ' card-zero' : ''}" data-count="${kind}"><div class="count">${count}</div><div class="label">${esc(label)}</div></div>`;
}

function renderErrors(result: GuardResult): string {
  if (result.errors.length === 0) return '';
  const items = result.errors
    .map(
      (e) =>
        `<li><code>${esc(e.file)}</code>${e.pointer ? ` <code>${esc(e.pointer)}</code>` : ''}: ${esc(e.message)}</li>`,
    )
    .join('');
  return `<section class="panel input-errors"><h2>Input errors</h2><ul>${items}</ul></section>`;
}

function renderChanges(result: GuardResult): string {
  if (result.changes === undefined || result.changes.length === 0) return '';
  const items = result.changes.map((change) => {
    const lines = changeLines(change);
    const notes = notComparedNotes(change);
    const entries = lines.length
      ? lines
          .map(
            (l) =>
              `<li class="change change-${l.sign === '+' ? 'gain' : l.sign === '-' ? 'loss' : 'swap'}">${withCode(describeChangeLine(l))}</li>`,
          )
          .join('')
      : notes.length === 0
        ? '<li class="muted">no effective permission change</li>'
        : '';
    const unknown = notes.map((note) => `<li class="muted">${withCode(note)}</li>`).join('');
    return `<li>${withCode(changeSubject(change))} <span class="muted">(${esc(change.policies.join(', '))})</span><ul>${entries}${unknown}</ul></li>`;
  });
  return `<section class="panel changes" id="changes"><h2>What this plan changes</h2><ul>${items.join('')}</ul></section>`;
}

function renderPrincipals(result: HtmlReportInput, groups: Map<string, SubjectGroup>): string {
  if (groups.size === 0) return '<section class="panel empty"><h2>No findings</h2><p>Nothing to report.</p></section>';
  const ordered = [...groups.entries()].sort((a, b) => rank(b[1].findings) - rank(a[1].findings));
  return ordered.map(([subject, group]) => renderSubject(result, subject, group)).join('\n');
}

/** Worst principals first: errors weigh more than any number of warnings. */
function rank(findings: readonly Finding[]): number {
  let score = 0;
  for (const f of findings) score += f.severity === 'error' ? 10_000 : f.severity === 'warning' ? 100 : 1;
  return score;
}

function renderSubject(result: HtmlReportInput, subject: string, group: SubjectGroup): string {
  const counts = SEVERITY_ORDER.map((s) => [s, group.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `<span class="badge badge-${s}">${esc(plural(n, s))}</span>`)
    .join(' ');
  const view = group.view;
  const meta = [
    view?.kind ? `<span class="kind">${esc(view.kind)}</span>` : '',
    view
      ? view.boundary
        ? `<span class="boundary">boundary <code>${esc(view.boundary)}</code></span>`
        : '<span class="boundary boundary-none">no permissions boundary</span>'
      : '',
  ].join(' ');
  const findings = [...group.findings]
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity))
    .map((f) => renderFinding(result, f))
    .join('\n');
  return [
    `<section class="panel principal" data-principal="${esc(subject)}">`,
    `<h2><span class="subject">${esc(subject)}</span> ${counts || '<span class="badge badge-ok">no findings</span>'}</h2>`,
    meta.trim() ? `<div class="meta">${meta}</div>` : '',
    view ? renderMatrix(view) : '',
    findings ? `<div class="findings">${findings}</div>` : '',
    '</section>',
  ].join('\n');
}

function renderFinding(result: GuardResult, finding: Finding): string {
  const statement = result.statements?.get(finding.fingerprint);
  const where = describeLocation(finding);
  return [
    `<article class="finding finding-${finding.severity}" data-severity="${finding.severity}">`,
    `<div class="finding-head"><span class="sev sev-${finding.severity}">${finding.severity}</span> <code class="rule">${esc(finding.ruleId)}</code></div>`,
    `<p class="message">${withCode(finding.message)}</p>`,
    where ? `<div class="where">at <code>${esc(where)}</code></div>` : '',
    statement === undefined ? '' : `<pre class="statement">${esc(statementJson(statement))}</pre>`,
    '</article>',
  ].join('');
}

function renderMatrix(view: PrincipalPermissionsView): string {
  const services = [...new Set([...view.summary.map((c) => c.service), ...cutServices(view)])].sort();
  if (services.length === 0) return '<p class="muted">no allowed action</p>';
  const cut = new Map<string, Set<string>>();
  for (const dead of view.cutByBoundary ?? []) {
    const service = serviceOf(dead.action);
    cut.set(service, (cut.get(service) ?? new Set()).add(dead.action.toLowerCase()));
  }
  const header = LEVELS.map((l) => `<th scope="col">${esc(l.label)}</th>`).join('');
  const rows = services.map((service) => {
    const cells = LEVELS.map((l) => {
      const c = view.summary.find((s) => s.service === service && s.accessLevel === l.level);
      return matrixCell(c, l.weight);
    }).join('');
    const removed = cut.get(service);
    const cutCell = removed
      ? `<td class="cut" title="${esc([...removed].sort().join(', '))}">${removed.size} cut</td>`
      : '<td class="cut cut-none"></td>';
    return `<tr><th scope="row"><code>${esc(service)}</code></th>${cells}${cutCell}</tr>`;
  });
  return [
    '<table class="matrix">',
    `<thead><tr><th scope="col">service</th>${header}<th scope="col">boundary cut</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
    '<div class="legend muted"><span class="risk risk-4">every resource, high impact</span> <span class="risk risk-3">every resource</span> <span class="risk risk-2">specific resources</span> <span class="risk risk-1">conditional or unknown</span> <span class="risk cut">removed by the boundary</span></div>',
  ].join('');
}

function matrixCell(count: PermissionCount | undefined, weight: number): string {
  if (count === undefined) return '<td class="risk risk-0"></td>';
  const total = count.allResources + count.specificResources + count.underConditions + count.unknown;
  if (total === 0) return '<td class="risk risk-0"></td>';
  // Risk grows with the access level and with how much of the account the grant covers.
  const risk = count.allResources > 0 ? (weight >= 2 ? 4 : 3) : count.specificResources > 0 ? 2 : 1;
  const detail = [
    count.allResources > 0 ? `${count.allResources} on every resource` : '',
    count.specificResources > 0 ? `${count.specificResources} on specific resources` : '',
    count.underConditions > 0 ? `${count.underConditions} under conditions` : '',
    count.unknown > 0 ? `${count.unknown} known only after deploy` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `<td class="risk risk-${risk}" title="${esc(detail)}">${total}${count.allResources > 0 ? '<span class="star">*</span>' : ''}</td>`;
}

function cutServices(view: PrincipalPermissionsView): string[] {
  return (view.cutByBoundary ?? []).map((d) => serviceOf(d.action));
}

function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
}

function renderSuppressed(suppressed: readonly SuppressedFinding[]): string {
  if (suppressed.length === 0) return '';
  const rows = suppressed
    .map(
      (f) =>
        `<tr><td><code>${esc(f.ruleId)}</code></td><td>${esc(subjectOf(f))}</td><td>${esc(f.suppression.reason)}</td><td>${esc(f.suppression.expires ?? '')}</td><td><code>${esc(f.suppression.source)}</code></td></tr>`,
    )
    .join('');
  return `<details class="panel suppressed"><summary>${esc(plural(suppressed.length, 'suppressed finding'))}</summary><table class="list"><thead><tr><th>rule</th><th>subject</th><th>reason</th><th>expires</th><th>source</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** Escapes text for HTML content and attribute values. */
function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escapes a message and shows its backticked user values as code. */
function withCode(message: string): string {
  return esc(message).replace(/`([^`]*)`/g, '<code>$1</code>');
}

const STYLE = `
:root{--bg:#f6f7f9;--panel:#fff;--ink:#1d2330;--muted:#667085;--line:#e4e7ec;--error:#c62828;--warning:#b26a00;--info:#1565c0;--ok:#2e7d32}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.top{display:flex;align-items:center;justify-content:space-between;padding:14px 28px;background:#111827;color:#fff}
.brand{font-weight:700;font-size:18px;letter-spacing:.2px}.brand .muted{color:#9ca3af;font-weight:400;font-size:13px;margin-left:6px}
.verdict{padding:6px 14px;border-radius:999px;font-weight:600}
.verdict-fail{background:#fdecea;color:var(--error)}.verdict-pass{background:#e8f5e9;color:var(--ok)}
main{max-width:1100px;margin:0 auto;padding:22px 28px}
.summary{display:grid;grid-template-columns:repeat(5,1fr);gap:12px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:12px 16px;border-top:4px solid var(--line)}
.card .count{font-size:28px;font-weight:700}.card .label{color:var(--muted)}
.card-error{border-top-color:var(--error)}.card-error .count{color:var(--error)}
.card-warning{border-top-color:var(--warning)}.card-warning .count{color:var(--warning)}
.card-info{border-top-color:var(--info)}.card-info .count{color:var(--info)}
.card-suppressed{border-top-color:#98a2b3}.card-neutral{border-top-color:#111827}
.card-zero .count{color:#98a2b3}
.filters{margin:14px 2px;color:var(--muted)}.filter{margin-left:12px;cursor:pointer}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:16px 0}
.panel h2{margin:0 0 8px;font-size:16px;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.subject{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.badge{font-size:12px;font-weight:600;padding:2px 8px;border-radius:999px}
.badge-error{background:#fdecea;color:var(--error)}.badge-warning{background:#fff4e0;color:var(--warning)}
.badge-info{background:#e3f0fd;color:var(--info)}.badge-ok{background:#e8f5e9;color:var(--ok)}
.meta{color:var(--muted);margin-bottom:10px}.kind{text-transform:uppercase;font-size:11px;letter-spacing:.6px;margin-right:10px}
.boundary-none{color:var(--error)}
.matrix{border-collapse:separate;border-spacing:3px;margin:8px 0 4px}
.matrix th{font-weight:600;font-size:12px;color:var(--muted);text-align:left;padding:2px 8px}
.matrix td{min-width:86px;text-align:center;border-radius:5px;padding:5px 8px;font-weight:600}
.risk-0{background:#f2f4f7}.risk-1{background:#e3f0fd;color:#0b4a8b}.risk-2{background:#e6f4ea;color:#1e6b34}
.risk-3{background:#fff1d6;color:#8a5300}.risk-4{background:#fbd5d2;color:#9b1c1c}
.legend .risk{display:inline-block;padding:1px 8px;border-radius:4px;margin-right:6px;font-size:12px}
.star{margin-left:2px}
.cut{background:repeating-linear-gradient(135deg,#f2f4f7 0 6px,#e4e7ec 6px 12px);color:#475467}.cut-none{background:none}
.finding{border-left:4px solid var(--line);padding:8px 12px;margin:10px 0;background:#fcfcfd;border-radius:0 6px 6px 0}
.finding-error{border-left-color:var(--error)}.finding-warning{border-left-color:var(--warning)}.finding-info{border-left-color:var(--info)}
.finding.hidden{display:none}
.sev{text-transform:uppercase;font-size:11px;font-weight:700;letter-spacing:.6px}
.sev-error{color:var(--error)}.sev-warning{color:var(--warning)}.sev-info{color:var(--info)}
.rule{color:var(--muted)}.message{margin:4px 0}.message code{background:#f2f4f7;padding:0 4px;border-radius:4px}
.where{color:var(--muted);font-size:12.5px}
.statement{background:#0f172a;color:#e2e8f0;padding:10px 12px;border-radius:6px;overflow:auto;margin:8px 0 2px}
.list{border-collapse:collapse;width:100%;margin-top:8px}.list th,.list td{border-bottom:1px solid var(--line);padding:6px;text-align:left}
.input-errors{border-color:var(--error)}
.changes ul ul{margin:2px 0 8px}.change-gain::marker{content:"+ ";color:var(--warning)}.change-loss::marker{content:"- ";color:var(--muted)}.change-swap::marker{content:"~ ";color:var(--warning)}
summary{cursor:pointer;font-weight:600}
footer{text-align:center;padding:18px;font-size:12px}.muted{color:var(--muted)}
`;

// Severity filters; the page works without it.
const SCRIPT = `
(function(){
  var boxes=document.querySelectorAll('input[data-filter]');
  function apply(){
    var shown={};
    boxes.forEach(function(b){shown[b.getAttribute('data-filter')]=b.checked;});
    document.querySelectorAll('.finding').forEach(function(f){
      f.classList.toggle('hidden',!shown[f.getAttribute('data-severity')]);
    });
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  apply();
  document.body.setAttribute('data-ready','true');
})();
`;
