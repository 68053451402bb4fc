import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { checkAttendance, parseCount, type ActivityFacts, type AttendanceInput } from "~/outcomes/attendance-rules";
import { detectDelimiter } from "~/http/csv-delimiter";
import { parseCodeList } from "~/privacy/participant-code";

export const MAX_IMPORT_ROWS = 5000;

export interface CsvProblem {
  line: number;
  /** Keys of the attendance strings, with values for their placeholders. */
  reasons: { key: string; params?: Record<string, string> }[];
}

export interface CsvRow {
  line: number;
  activityName: string;
  input: AttendanceInput;
  /** Canonical participant codes from the optional seventh column. */
  codes: string[];
}

/**
 * Bytes from an upload as text: UTF-8 when the bytes are valid UTF-8 (with or without a byte-order
 * mark), otherwise Windows-1252, which is what Excel on Windows saves as "CSV (semikolonavgränsad)".
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return iconv.decode(Buffer.from(body), "win1252");
  }
}

const DROP_IN_NAMES = new Set(["drop-in", "dropin", "drop in", "besök utan aktivitet"]);

/**
 * Reads "datum; aktivitet; kvinnor; män; annan; vill inte uppge[; koder]" rows and checks each against the
 * same rules as the form. A first line that does not start with a date is taken as a header.
 * Returns every good row and every bad line with its reasons; the caller imports only when there
 * are no problems at all.
 */
export function parseAttendanceCsv(
  text: string,
  { activities, today }: { activities: (ActivityFacts & { name: string })[]; today: string },
): { rows: CsvRow[]; problems: CsvProblem[]; fatal: string | null } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      // A single-column file is read as Swedish Excel writes it.
      delimiter: detectDelimiter(text, ";"),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    return { rows: [], problems: [], fatal: "importUnreadable" };
  }
  if (records.length > 0 && !/^\d{4}-\d{2}-\d{2}$/.test(records[0].record[0] ?? "")) records = records.slice(1);
  if (records.length === 0) return { rows: [], problems: [], fatal: "importEmpty" };
  if (records.length > MAX_IMPORT_ROWS) return { rows: [], problems: [], fatal: "importTooManyRows" };

  const byName = new Map(activities.map((a) => [a.name.trim().toLocaleLowerCase("sv"), a]));
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const cells = record.filter((c, i) => i < 6 || c !== "");
    if (cells.length !== 6 && cells.length !== 7) {
      problems.push({ line, reasons: [{ key: "importColumns" }] });
      continue;
    }
    const [date, name, ...counts] = cells.slice(0, 6);
    const reasons: CsvProblem["reasons"] = [];
    const key = name.toLocaleLowerCase("sv");
    const dropIn = DROP_IN_NAMES.has(key);
    const activity = dropIn ? null : byName.get(key);
    if (!dropIn && !activity) reasons.push({ key: "importUnknownActivity", params: { name: name.slice(0, 80) } });
    const parsedCounts = counts.map(parseCount);
    const input: AttendanceInput = {
      date,
      activityId: dropIn ? null : (activity?.id ?? -1),
      women: parsedCounts[0] ?? -1,
      men: parsedCounts[1] ?? -1,
      other: parsedCounts[2] ?? -1,
      notStated: parsedCounts[3] ?? -1,
      firstTime: null,
      note: "",
    };
    if (activity || dropIn) {
      for (const e of checkAttendance(input, { activity: activity ?? null, today, allowArchived: true }))
        reasons.push({ key: e });
    } else {
      for (const e of checkAttendance({ ...input, activityId: null }, { activity: null, today }))
        reasons.push({ key: e });
    }
    const codeList = parseCodeList(cells[6] ?? "", { separator: "spaces" });
    if (codeList.error === "errCodeMalformed" || codeList.error === "errCodeTwice")
      reasons.push({
        key: codeList.error === "errCodeMalformed" ? "importCodeMalformed" : "importCodeTwice",
        params: { position: String(codeList.position ?? "") },
      });
    else if (codeList.error) reasons.push({ key: "importCodesTooMany" });
    const slot = `${date}|${input.activityId}`;
    if (seen.has(slot)) reasons.push({ key: "importDuplicateInFile" });
    seen.set(slot, line);
    if (reasons.length > 0) problems.push({ line, reasons });
    else rows.push({ line, activityName: activity?.name ?? "drop-in", input, codes: codeList.codes });
  }
  return { rows, problems, fatal: null };
}
