import type { Severity } from '../../analysis/finding';
import type { Formatter } from '../types';
import { describeLocation } from '../describe';

const COMMANDS: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** `--format github`: GitHub Actions workflow commands, one annotation per finding. */
export const formatGithub: Formatter = (result) => {
  const lines = result.findings.map((f) => {
    // On the line that declares the resource when the input tells it (a .tf file behind a plan).
    const declared = f.location.declared;
    const file = declared?.file ?? f.location.file;
    const properties = [
      ...(file !== undefined ? [`file=${escapeProperty(file)}`] : []),
      ...(declared !== undefined ? [`line=${declared.line}`] : []),
      `title=${escapeProperty(`iamgate ${f.ruleId}`)}`,
    ];
    const where = describeLocation(f);
    const message = where && !f.location.file ? `${f.message} (at ${where})` : f.message;
    return `::${COMMANDS[f.severity]} ${properties.join(',')}::${escapeData(message)}`;
  });
  for (const e of result.errors) {
    lines.push(
      `::error file=${escapeProperty(e.file)},title=iamgate input error::${escapeData(e.pointer ? `${e.pointer}: ${e.message}` : e.message)}`,
    );
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
};

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
