/** LanguageCode: JSON headers carry the name, ROCKETMQ binary headers the byte (its index here). */
export const LANGUAGE_NAMES = [
  'JAVA',
  'CPP',
  'DOTNET',
  'PYTHON',
  'DELPHI',
  'ERLANG',
  'RUBY',
  'OTHER',
  'HTTP',
  'GO',
  'PHP',
  'OMS',
  'RUST',
  'NODE_JS',
] as const;

export type LanguageName = (typeof LANGUAGE_NAMES)[number];

const CODE_BY_NAME = new Map<string, number>(LANGUAGE_NAMES.map((name, code) => [name, code]));
const OTHER_CODE = 7;

export function languageByte(name: string): number {
  return CODE_BY_NAME.get(name) ?? OTHER_CODE;
}

/** Unknown bytes are kept readable rather than rejected: a newer client may add languages. */
export function languageName(code: number): string {
  return LANGUAGE_NAMES[code] ?? `UNKNOWN_${code}`;
}
