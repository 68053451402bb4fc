import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { clientAddress } from "~/http/context";
import { requireStaff } from "~/auth/guards.server";
import { CATALOGUE_EDITORS, rolesFor } from "~/auth/capabilities";
import { programScope } from "~/auth/scope";
import { programsFor } from "~/activities/programs.server";
import { isoDate } from "~/http/params";
import { requireForm } from "~/http/body.server";
import { parseForm } from "~/http/parse-form";
import { ChoiceGroup, Field, FormAlert, NumberField, SelectField } from "~/components/forms";
import { listEnrolments, saveEnrolment } from "~/models/enrolment.server";
import { GENDERS, totalOf } from "~/outcomes/attendance-rules";
import { todayInStockholm } from "~/outcomes/calendar";
import { AttendanceNav } from "~/components/attendance-nav";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/attendance.css";
import { pageTitle } from "~/i18n/meta";
import { ColumnHeads, NumCell } from "~/components/table-heads";

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
  const parsed = parseForm(form, schema);
  const errors: Record<string, string> = {};
  if (!parsed.ok)
    for (const [field, key] of Object.entries(parsed.errors))
      if (key) errors[GENDERS.includes(field as never) ? "counts" : field] ??= key;
  // Another programme's id is refused like an unknown one.
  const programs = await programsFor(staff);
  if (parsed.ok && !programs.some((p) => p.id === parsed.value.programId)) errors.programId = "errProgram";
  if (parsed.ok && parsed.value.onDate > todayInStockholm()) errors.onDate = "errFuture";
  if (!parsed.ok || Object.keys(errors).length > 0) {
    return data({ errors, values: Object.fromEntries([...form]) }, { status: 422 });
  }
  const { programId, onDate, ...counts } = parsed.value;
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
  const msg = (k?: string) => (k ? t[k as keyof typeof t] : undefined);
  return (
    <div className="page page--narrow attendance">
      <AttendanceNav canEdit={canEdit} />
      <h1>{t.enrolmentTitle}</h1>
      <p className="lead">{t.enrolmentLead}</p>
      <FormAlert tone="ok">
        {params.get("saved") && !result
          ? params.get("saved") === "replaced"
            ? t.enrolmentReplaced
            : t.enrolmentSaved
          : null}
      </FormAlert>
      {canEdit ? (
        <Form method="post" className="stack" noValidate>
          <FormAlert>{Object.keys(errors).length > 0 ? t.errForm : null}</FormAlert>
          <SelectField
            label={t.program}
            name="programId"
            options={programs}
            defaultValue={values.programId ?? String(programs[0]?.id ?? "")}
            error={msg(errors.programId)}
          />
          <Field
            label={t.onDate}
            name="onDate"
            type="date"
            max={today}
            defaultValue={values.onDate ?? today}
            error={msg(errors.onDate)}
          />
          <ChoiceGroup legend={t.enrolled} name="counts" error={msg(errors.counts)}>
            {GENDERS.map((g) => (
              <NumberField
                key={g}
                id={`e-${g}`}
                label={t[g]}
                name={g}
                min={0}
                max={10000}
                defaultValue={values[g] ?? "0"}
              />
            ))}
          </ChoiceGroup>
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
            <ColumnHeads columns={[t.onDate, t.program]} numeric={[...GENDERS.map((g) => t[g]), t.total]} />
            <tbody>
              {enrolments.map((e) => (
                <tr key={e.id}>
                  <td data-label={t.onDate}>{e.onDate}</td>
                  <td data-label={t.program}>{e.programName}</td>
                  {GENDERS.map((g) => (
                    <NumCell key={g} label={t[g]}>
                      {e[g]}
                    </NumCell>
                  ))}
                  <NumCell label={t.total}>{totalOf(e)}</NumCell>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
