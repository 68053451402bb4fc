import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireStaff } from "~/auth/guards.server";
import { CATALOGUE_EDITORS, rolesFor } from "~/auth/capabilities";
import { recordScope } from "~/auth/scope";
import { parseId } from "~/http/params";
import { requireForm } from "~/http/body.server";
import { notFound } from "~/http/errors.server";
import { getActivity } from "~/models/activity.server";
import { codedCountsOfAttendance, correctAttendance, getAttendance } from "~/models/attendance.server";
import { listPrograms } from "~/models/program.server";
import { codedProblem, readCodedVisitors } from "~/activities/coded-attendance.server";
import { AttendanceFigures } from "~/components/attendance-figures";
import { Choice, FormAlert } from "~/components/forms";
import { parseAttendanceForm, type ParsedAttendanceForm } from "~/activities/attendance-form";
import { visitors as visitorStrings } from "~/i18n/strings/visitors";
import type { StaffUser } from "~/models/staff.server";
import { checkAttendance, fieldOf, GENDERS } from "~/outcomes/attendance-rules";
import { todayInStockholm } from "~/outcomes/calendar";
import { AttendanceNav } from "~/components/attendance-nav";
import { format } from "~/i18n/define";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/attendance.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(attendanceStrings, "correctTitle");

/** A registration the staff member may see: another programme's answers 404 like an unknown id. */
async function visibleRecord(staff: StaffUser, id: number) {
  const record = await getAttendance({ id, scope: recordScope(staff, "shared") });
  if (!record) throw notFound();
  return record;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("attendance") });
  const record = await visibleRecord(staff, parseId(params.id));
  const coded = await codedCountsOfAttendance({ id: record.id });
  // The steppers show the visitors without a code; the coded ones are added again from the register.
  const anonymous = Object.fromEntries(GENDERS.map((g) => [g, Math.max(0, record[g] - coded[g])])) as Record<
    (typeof GENDERS)[number],
    number
  >;
  const anonymousFirstTime = record.firstTime === null ? null : Math.max(0, record.firstTime - coded.firstTimers);
  return {
    record,
    coded,
    anonymous,
    anonymousFirstTime,
    programs: await listPrograms(),
    canEdit: CATALOGUE_EDITORS.includes(staff.role),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("attendance") });
  const id = parseId(params.id);
  const record = await visibleRecord(staff, id);
  const form = await requireForm(request, { maxBytes: 32 * 1024 });
  // Date and activity are not changed by a correction; only the figures are.
  form.set("date", record.date);
  form.set("activityId", record.activityId === null ? "drop-in" : String(record.activityId));
  const parsed = parseAttendanceForm(form);
  const errors: ParsedAttendanceForm["errors"] = { ...parsed.errors };
  // A correction replaces every figure: one that is missing or blank is a slip of the form, never a 0.
  if (GENDERS.some((g) => (form.get(g) ?? "").trim() === "")) errors.counts = "errCountsMissing";
  const activity = record.activityId === null ? null : ((await getActivity({ id: record.activityId })) ?? undefined);
  for (const e of checkAttendance(parsed.input, { activity, today: todayInStockholm(), allowArchived: true })) {
    const f = fieldOf(e);
    if (!errors[f]) errors[f] = e;
  }
  const values = Object.fromEntries(
    [...new Set([...GENDERS, "firstTime", "note", "codes", ...form.keys()])]
      .filter((k) => !k.startsWith("new") || k.startsWith("newGender.") || k.startsWith("newProgram."))
      .map((k) => [k, form.get(k) ?? ""]),
  );
  const programs = await listPrograms();
  const codes = parsed.codes ?? (form.get("clearCodes") ? [] : null);
  const { coded, error: newVisitorError } = readCodedVisitors(
    form,
    codes,
    programs.map((p) => p.id),
  );
  const allErrors: Partial<Record<keyof ParsedAttendanceForm["errors"], string>> = { ...errors };
  if (newVisitorError && !allErrors.codes) allErrors.codes = newVisitorError;
  const codeDetail: { position?: number; count?: number } = { position: parsed.codePosition };
  if (Object.keys(allErrors).length > 0)
    return data({ errors: allErrors, values, codeDetail, newCodes: [] as string[] }, { status: 422 });
  const result = await correctAttendance({ actor: staff, ip: clientAddress(context), id, input: parsed.input, coded });
  if (!result.ok && result.error === "notFound") throw notFound();
  if (!result.ok) {
    const problem = codedProblem(result);
    return data(
      {
        errors: { codes: problem.key } as Partial<Record<keyof ParsedAttendanceForm["errors"], string>>,
        values,
        codeDetail: { count: problem.count },
        newCodes: problem.newCodes,
      },
      { status: 422 },
    );
  }
  return redirect(`/staff/attendance/${id}?corrected=1`);
}

export default function CorrectAttendance() {
  const { record, coded, anonymous, anonymousFirstTime, programs, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useStrings(attendanceStrings);
  const v = useStrings(visitorStrings);
  const errors = result?.errors ?? {};
  const values = result?.values;
  const name = record.activityName ?? t.dropInShort;
  return (
    <div className="page page--narrow attendance">
      <AttendanceNav canEdit={canEdit} />
      <h1>{t.correctTitle}</h1>
      <FormAlert tone="ok">{params.has("corrected") && !result ? t.corrected : null}</FormAlert>
      <p className="lead">{format(t.correctLead, { activity: name, date: record.date })}</p>
      <FormAlert>{Object.keys(errors).length > 0 ? t.errForm : null}</FormAlert>
      <Form method="post" className="stack" noValidate>
        <AttendanceFigures
          errors={errors}
          values={values}
          defaults={{ counts: anonymous, firstTime: anonymousFirstTime, note: record.note }}
          countsHint={
            coded.linked > 0
              ? format(v.codedNow, {
                  coded: coded.linked,
                  women: coded.women,
                  men: coded.men,
                  other: coded.other,
                  notStated: coded.notStated,
                })
              : null
          }
          codesHint={`${record.codeCount > 0 ? `${format(t.codesSaved, { count: record.codeCount })} ` : ""}${t.codesReplace}`}
          codeDetail={result?.codeDetail}
          newCodes={result?.newCodes ?? []}
          programs={programs}
          afterCodes={record.codeCount > 0 ? <Choice name="clearCodes" value="1" label={t.clearCodes} /> : null}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t.correctSave}
          </button>
          <Link to={`/staff/attendance?date=${record.date}`} className="button button--quiet">
            {t.cancel}
          </Link>
        </div>
      </Form>
    </div>
  );
}
