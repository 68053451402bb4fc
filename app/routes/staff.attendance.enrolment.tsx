import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { clientAddress } from "~/http/context";
import { requireStaff } from "~/auth/guards.server";
import { CATALOGUE_EDITORS, rolesFor } from "~/auth/capabilities";
import { programScope } from "~/auth/scope";
import { programsFor } from "~/models/program.server";
import { isoDate } from "~/http/params";
import { requireForm } from "~/http/body.server";
import { listEnrolments, saveEnrolment } from "~/models/enrolment.server";
import { GENDERS, totalOf } from "~/outcomes/attendance-rules";
import { todayInStockholm } from "~/outcomes/calendar";
import { AttendanceNav } from "~/components/attendance-nav";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/attendance.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(attendanceStrings, "navEnrolment");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("attendance") });
  return {
    enrolments: await listEnrolments({ programIds: programScope(staff) }),
    programs: await programsFor(staff),
    today: todayInStockholm(),
    canEdit: CATALOGUE_EDITORS.includes(staff.role),
  };
}

const count = z
  .string()
  .trim()
  .transform((v) => (v === "" ? "0" : v))
  .pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, "errEnrolmentCount")
      .transform(Number),
  )
  .refine((n) => n <= 10000, "errEnrolmentCount");

const schema = z.object({
  programId: z.coerce.number({ message: "errProgram" }).int("errProgram").positive("errProgram"),
  onDate: isoDate,
  women: count,
  men: count,
  other: count,
  notStated: count,
});

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: CATALOGUE_EDITORS });
  const form = await requireForm(request, { maxBytes: 8 * 1024 });
  const parsed = schema.safeParse(
    Object.fromEntries(["programId", "onDate", ...GENDERS].map((k) => [k, form.get(k) ?? ""])),
  );
  const errors: Record<string, string> = {};
  if (!parsed.success)
    for (const i of parsed.error.issues)
      errors[GENDERS.includes(i.path[0] as never) ? "counts" : String(i.path[0])] ??= i.message;
  // Another programme's id is refused like an unknown one.
  const programs = await programsFor(staff);
  if (parsed.success && !programs.some((p) => p.id === parsed.data.programId)) errors.programId = "errProgram";
  if (parsed.success && parsed.data.onDate > todayInStockholm()) errors.onDate = "errFuture";
  if (!parsed.success || Object.keys(errors).length > 0) {
    return data({ errors, values: Object.fromEntries([...form]) }, { status: 422 });
  }
  const { programId, onDate, ...counts } = parsed.data;
  const result = await saveEnrolment({ actor: staff, ip: clientAddress(context), programId, onDate, counts });
  return redirect(`/staff/attendance/enrolment?saved=${result.replaced ? "replaced" : "new"}`);
}

export default function Enrolment() {
  const { enrolments, programs, today, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useStrings(attendanceStrings);
  const errors: Record<string, string> = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {};
  const msg = (k?: string) => (k ? t[k as keyof typeof t] : null);
  return (
    <div className="page page--narrow attendance">
      <AttendanceNav canEdit={canEdit} />
      <h1>{t.enrolmentTitle}</h1>
      <p className="lead">{t.enrolmentLead}</p>
      {params.get("saved") && !result ? (
        <p className="alert alert--ok" role="status">
          {params.get("saved") === "replaced" ? t.enrolmentReplaced : t.enrolmentSaved}
        </p>
      ) : null}
      {canEdit ? (
        <Form method="post" className="stack" noValidate>
          {Object.keys(errors).length > 0 ? (
            <p className="alert alert--error" role="alert">
              {t.errForm}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="programId">{t.program}</label>
            <select
              id="programId"
              name="programId"
              defaultValue={values.programId ?? String(programs[0]?.id ?? "")}
              aria-invalid={errors.programId ? true : undefined}
              aria-describedby={errors.programId ? "programId-error" : undefined}
            >
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {errors.programId ? (
              <p className="field-error" id="programId-error">
                {msg(errors.programId)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="onDate">{t.onDate}</label>
            <input
              id="onDate"
              name="onDate"
              type="date"
              max={today}
              defaultValue={values.onDate ?? today}
              aria-invalid={errors.onDate ? true : undefined}
              aria-describedby={errors.onDate ? "onDate-error" : undefined}
            />
            {errors.onDate ? (
              <p className="field-error" id="onDate-error">
                {msg(errors.onDate)}
              </p>
            ) : null}
          </div>
          <fieldset className="field" aria-describedby={errors.counts ? "counts-error" : undefined}>
            <legend>{t.enrolled}</legend>
            {errors.counts ? (
              <p className="field-error" id="counts-error">
                {msg(errors.counts)}
              </p>
            ) : null}
            {GENDERS.map((g) => (
              <div className="field" key={g}>
                <label htmlFor={`e-${g}`}>{t[g]}</label>
                <input
                  id={`e-${g}`}
                  name={g}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={10000}
                  defaultValue={values[g] ?? "0"}
                />
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button">
            {t.saveEnrolment}
          </button>
        </Form>
      ) : null}
      <h2>{t.enrolmentTitle}</h2>
      {enrolments.length === 0 ? (
        <p>{t.enrolmentNone}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{t.enrolmentTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.onDate}</th>
                <th scope="col">{t.program}</th>
                {GENDERS.map((g) => (
                  <th key={g} scope="col" className="num">
                    {t[g]}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t.total}
                </th>
              </tr>
            </thead>
            <tbody>
              {enrolments.map((e) => (
                <tr key={e.id}>
                  <td data-label={t.onDate}>{e.onDate}</td>
                  <td data-label={t.program}>{e.programName}</td>
                  {GENDERS.map((g) => (
                    <td key={g} className="num" data-label={t[g]}>
                      {e[g]}
                    </td>
                  ))}
                  <td className="num" data-label={t.total}>
                    {totalOf(e)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
