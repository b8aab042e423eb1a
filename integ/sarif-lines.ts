/**
 * What each result of a SARIF report points at, for the surveys that check a finding names the
 * line its resource is declared on: the name the result reports (a logical id or a resource
 * address), the line it points at, and the lines of the file it points into.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

export interface PointedLine {
  readonly name: string;
  readonly line: number | undefined;
  readonly lines: readonly string[];
}

interface SarifResult {
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
    logicalLocations: { fullyQualifiedName: string }[];
  }[];
}

export function pointedLines(sarif: string): PointedLine[] {
  const results = (JSON.parse(sarif) as { runs: { results: SarifResult[] }[] }).runs[0]?.results ?? [];
  return results.map(({ locations }) => {
    const [at] = locations;
    const file = path.join(ROOT, at?.physicalLocation.artifactLocation.uri ?? '');
    return {
      name: at?.logicalLocations[0]?.fullyQualifiedName ?? '',
      line: at?.physicalLocation.region?.startLine,
      lines: fs.readFileSync(file, 'utf8').split(/\r?\n/),
    };
  });
}
