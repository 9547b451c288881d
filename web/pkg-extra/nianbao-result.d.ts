// The result objects of the nianbao checker (the JSON of docs/export.md, the same
// as `nianbao check --format json` prints), as the JavaScript module returns
// them. Keys are stable: fields may be added, none is renamed.

/** `error`, `warning` or `info`. */
export type Severity = "error" | "warning" | "info";

/** The three statistical tables: 二 proactive, 三 requests, 四 appeals. */
export type TableKey = "proactive" | "requests" | "appeals";

/** A place in the report's text. `start`/`end` are UTF-8 byte offsets into the
 * text the checker read; `utf16_start`/`utf16_end` slice a JavaScript string of
 * that text; `line` and `column` are 1-based (columns counted in characters). */
export interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
  utf16_start: number;
  utf16_end: number;
}

/** A table cell by its canonical keys (docs/format.md). */
export interface CellRef {
  table: TableKey;
  row: string;
  column: string;
}

/** Where a finding sits: a cell (with the span of its text when found), a
 * span of text, or the whole document (neither). */
export interface Location {
  cell?: CellRef;
  span?: Span;
}

/** A figure or word a rule expected or found. */
export type Value = number | string | boolean | null;

export interface Diagnostic {
  /** The stable rule id, e.g. `A004` (see `nianbao rules`). */
  rule: string;
  severity: Severity;
  /** In Chinese. */
  message: string;
  message_en: string;
  at: Location;
  /** Other places that take part (the addends of a sum, …). */
  related: Location[];
  expected: Value | null;
  actual: Value | null;
}

export interface InputInfo {
  kind: "text" | "docx" | "html" | "pdf" | "xlsx";
  /** The character encoding the text was decoded from: `utf-8`, `gb18030`, `utf-16le`, … */
  encoding: string;
  /** How the tables were laid out: `cell-per-line`, `tsv`, `pipe`, `table`, `positioned`, … */
  layout: string;
}

export interface Section {
  /** 一, 二, … */
  number: string;
  title: string;
  span: Span;
}

/** A table as `{row: {column: value}}` in the order of the national template;
 * a cell that could not be read is `null` (a diagnostic says why). */
export type Table = Record<string, Record<string, number | null>>;

export interface Report {
  agency: string | null;
  year: number | null;
  /** The national format the report follows. */
  format: "2021" | "2019" | "unknown";
  /** Rows of both formats in one report. */
  mixed_layout: boolean;
  /** `YYYY-MM-DD`, when the report gives it. */
  published: string | null;
  /** First and last day of the period, when the report gives it. */
  period: [string, string] | null;
  sections: Section[];
  proactive: Table;
  requests: Table;
  appeals: Table;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export interface ReadError {
  kind:
    | "empty"
    | "too_large"
    | "unsupported"
    | "legacy_office"
    | "encrypted"
    | "scanned"
    | "zip_bomb"
    | "corrupt"
    | "not_a_report"
    | "internal"
    | string;
  /** In Chinese. */
  message: string;
  message_en: string;
}

/** The result of checking one file. A file that cannot be read gives
 * `error` (and `report: null`), never an exception. */
export interface NianbaoResult {
  file: string;
  input: InputInfo | null;
  report: Report | null;
  diagnostics: Diagnostic[];
  summary: Summary;
  error?: ReadError;
}

/** A finding that compares two reports (X rules: two years of one agency). */
export interface CrossDiagnostic extends Diagnostic {
  /** The later report, where the finding is located. */
  file: string;
  /** The earlier report it was compared with. */
  other_file: string;
  /** The places in the other report that take part. */
  other_related: Location[];
}

/** Several files checked together. */
export interface NianbaoBatchResult {
  /** One result per file, in the order given. */
  reports: NianbaoResult[];
  cross: CrossDiagnostic[];
  /** Files of a .zip that are not reports (absent when none). */
  skipped?: SkippedFile[];
}

/** A file of a .zip given to `checkBatch` that was not checked. */
export interface SkippedFile {
  /** Its path in the archive. */
  file: string;
  reason: "picture" | "system-file" | "other-kind";
  /** Why, in Chinese. */
  message: string;
  /** Why, in English. */
  message_en: string;
}

/** One file for `checkBatch`: its bytes, or its text. */
export type NianbaoBatchInput =
  | { name: string; bytes: Uint8Array | ArrayBuffer | number[]; text?: undefined }
  | { name: string; text: string; bytes?: undefined };
