import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireStaff } from "~/auth/guards.server";
import { CATALOGUE_EDITORS } from "~/auth/capabilities";
import { recordScope } from "~/auth/scope";
import { decodeCsvBytes, parseAttendanceCsv, type CsvProblem } from "~/activities/attendance-csv.server";
import { readMultipart } from "~/activities/upload.server";
import { listActivities } from "~/models/activity.server";
import { findTakenSlots, importAttendance } from "~/models/attendance.server";
import { findUnknownCodes } from "~/models/visitor.server";
import { codeRefs } from "~/activities/coded-attendance.server";
import { visitors as visitorStrings } from "~/i18n/strings/visitors";
import type { StaffUser } from "~/models/staff.server";
import { GENDERS, totalOf } from "~/outcomes/attendance-rules";
import { todayInStockholm } from "~/outcomes/calendar";
import { Field, FormAlert, IntentForm } from "~/components/forms";
import { AttendanceNav } from "~/components/attendance-nav";
import { format } from "~/i18n/define";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/attendance.css";
import { pageTitle } from "~/i18n/meta";
import { ColumnHeads, NumCell } from "~/components/table-heads";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(attendanceStrings, "pageImport");

const MAX_UPLOAD = 2 * 1024 * 1024;
const PREVIEW_ROWS = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { roles: CATALOGUE_EDITORS });
  return { canEdit: true };
}

type Preview = {
  fatal: string | null;
  problems: CsvProblem[];
  rows: { line: number; date: string; activity: string; counts: number[]; total: number; codes: number }[];
  count: number;
  csv: string;
  fileName: string;
};

/**
 * Parses and checks the whole file, including registrations already in the database. Another
 * programme's activity is not in the list, so its rows are bad rows ("unknown activity"), like a
 * name that does not exist: the import never says what other programmes have.
 */
async function check(text: string, staff: StaffUser) {
  const activities = await listActivities({ includeArchived: true, scope: recordScope(staff, "shared") });
  const parsed = parseAttendanceCsv(text, { activities, today: todayInStockholm() });
  if (parsed.fatal) return parsed;
  const taken = await findTakenSlots({ pairs: parsed.rows.map((r) => r.input) });
  const problems = [...parsed.problems];
  // Codes the register does not know cannot be counted by gender: new visitors are registered first.
  const unknown = new Set(
    await findUnknownCodes({ codes: codeRefs([...new Set(parsed.rows.flatMap((r) => r.codes))]) }),
  );
  const rows = parsed.rows.filter((r) => {
    const reasons: CsvProblem["reasons"] = [];
    if (taken.has(`${r.input.date}|${r.input.activityId}`)) reasons.push({ key: "importDuplicateSaved" });
    const missing = r.codes.filter((c) => unknown.has(c)).length;
    if (missing > 0) reasons.push({ key: "importUnknownCodes", params: { count: String(missing) } });
    if (reasons.length === 0) return true;
    problems.push({ line: r.line, reasons });
    return false;
  });
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, fatal: null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: CATALOGUE_EDITORS });
  let form: FormData;
  try {
    form = await readMultipart(request, MAX_UPLOAD);
  } catch (error) {
    // Too large: say so on the page itself, where the person can pick a smaller file.
    if ((error as { init?: { status?: number } } | null)?.init?.status !== 413) throw error;
    return data<Preview>(
      { fatal: "importTooLarge", problems: [], rows: [], count: 0, csv: "", fileName: "" },
      { status: 413 },
    );
  }
  const intent = form.get("intent");
  let text: string;
  let fileName = "";
  if (intent === "import") {
    text = String(form.get("csv") ?? "");
    fileName = String(form.get("fileName") ?? "");
  } else {
    const file = form.get("file");
    if (!file || typeof file === "string" || file.size === 0) {
      return data<Preview>(
        { fatal: "importEmpty", problems: [], rows: [], count: 0, csv: "", fileName: "" },
        { status: 400 },
      );
    }
    fileName = file.name;
    text = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  }
  const result = await check(text, staff);
  const preview: Preview = {
    fatal: result.fatal,
    problems: result.problems,
    rows: result.rows.slice(0, PREVIEW_ROWS).map((r) => ({
      line: r.line,
      date: r.input.date,
      activity: r.activityName,
      counts: GENDERS.map((g) => r.input[g]),
      total: totalOf(r.input),
      codes: r.codes.length,
    })),
    count: result.rows.length,
    csv: text,
    fileName,
  };
  if (result.fatal || result.problems.length > 0) return data(preview, { status: 422 });
  if (intent !== "import") return preview;
  const imported = await importAttendance({
    actor: staff,
    ip: clientAddress(context),
    rows: result.rows.map((r) => ({ line: r.line, input: r.input, codes: codeRefs(r.codes) })),
    fileName,
  });
  if (!imported.ok && "codeProblem" in imported) {
    const { line, error } = imported.codeProblem;
    const reason =
      error.error === "unknownCodes"
        ? { key: "importUnknownCodes", params: { count: String(error.codes.length) } }
        : { key: "importTooManyWithCodes" };
    return data<Preview>({ ...preview, problems: [{ line, reasons: [reason] }] }, { status: 422 });
  }
  if (!imported.ok) {
    return data<Preview>(
      {
        ...preview,
        problems: imported.duplicates.map((d) => ({ line: d.line, reasons: [{ key: "importDuplicateSaved" }] })),
      },
      { status: 409 },
    );
  }
  return redirect(`/staff/attendance/import?imported=${imported.count}`);
}

export default function ImportAttendance() {
  const { canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const t = useStrings(attendanceStrings);
  const v = useStrings(visitorStrings);
  const text = (key: string, p?: Record<string, string>) =>
    format(t[key as keyof typeof t] ?? (v as Record<string, string>)[key] ?? key, p);
  const drop = (name: string) => (name === "drop-in" ? t.dropInShort : name);
  return (
    <div className="page attendance">
      <AttendanceNav canEdit={canEdit} />
      <h1>{t.importTitle}</h1>
      <p className="lead">{t.importLead}</p>
      <FormAlert tone="ok">
        {params.get("imported") && !result ? format(t.importDone, { count: params.get("imported") ?? "0" }) : null}
      </FormAlert>
      <IntentForm intent="check" submit={t.importCheck} disabled={busy} encType="multipart/form-data" className="stack">
        <Field label={t.importFile} name="file" type="file" accept=".csv,text/csv,text/plain" required />
      </IntentForm>
      <FormAlert>{result?.fatal ? text(result.fatal) : null}</FormAlert>
      {result && !result.fatal && result.problems.length > 0 ? (
        <>
          <FormAlert>{t.importErrors}</FormAlert>
          <div className="table-wrap">
            <table className="responsive">
              <caption>{t.importErrors}</caption>
              <ColumnHeads columns={[t.importLine, t.importReason]} />
              <tbody>
                {result.problems.map((p) => (
                  <tr key={p.line}>
                    <td data-label={t.importLine}>{p.line}</td>
                    <td data-label={t.importReason}>{p.reasons.map((r) => text(r.key, r.params)).join(" ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {result && !result.fatal && result.problems.length === 0 && result.count > 0 ? (
        <>
          <p className="alert alert--info" role="status">
            {format(t.importReady, { count: result.count })}
          </p>
          <div className="table-wrap">
            <table className="responsive">
              <caption className="visually-hidden">{format(t.importReady, { count: result.count })}</caption>
              <ColumnHeads
                columns={[t.importLine, t.date, t.activity]}
                numeric={[...GENDERS.map((g) => t[g]), t.total, t.codes]}
              />
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.line}>
                    <td data-label={t.importLine}>{r.line}</td>
                    <td data-label={t.date}>{r.date}</td>
                    <td data-label={t.activity}>{drop(r.activity)}</td>
                    {r.counts.map((c, i) => (
                      <NumCell key={i} label={t[GENDERS[i]]}>
                        {c}
                      </NumCell>
                    ))}
                    <NumCell label={t.total}>{r.total}</NumCell>
                    <NumCell label={t.codes}>{r.codes}</NumCell>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <IntentForm
            intent="import"
            submit={format(t.importConfirm, { count: result.count })}
            disabled={busy}
            encType="multipart/form-data"
            className="actions"
          >
            <input type="hidden" name="csv" value={result.csv} />
            <input type="hidden" name="fileName" value={result.fileName} />
          </IntentForm>
        </>
      ) : null}
    </div>
  );
}
