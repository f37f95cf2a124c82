// A SARIF log of kube-netlint's (src/formatters/sarif.ts) as the tests read it: the fields they look at.

export interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: SarifPhysicalLocation }[];
  relatedLocations?: { id: number; physicalLocation: SarifPhysicalLocation; message: { text: string } }[];
  partialFingerprints: Record<string, string>;
}

export interface SarifRun {
  tool: { driver: { name: string; version: string; rules: { id: string }[] } };
  results: SarifResult[];
}

export interface SarifLog {
  version: string;
  runs: SarifRun[];
}

export const parseSarif = (text: string): SarifLog => JSON.parse(text) as SarifLog;
