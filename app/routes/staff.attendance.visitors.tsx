import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { CATALOGUE_EDITORS } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { hasKioskPin, KIOSK_PIN, setKioskPin } from "~/auth/kiosk.server";
import { AttendanceNav } from "~/components/attendance-nav";
import { CountTable } from "~/components/count-table";
import { errorText, Field, FormAlert, IntentForm, NumberField, PinField } from "~/components/forms";
import { requireForm } from "~/http/body.server";
import { clientAddress } from "~/http/context";
import { parseForm } from "~/http/parse-form";
import { format } from "~/i18n/define";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { visitors as visitorStrings } from "~/i18n/strings/visitors";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";
import { listAllPrograms } from "~/models/program.server";
import {
  MAX_RETENTION_YEARS,
  MIN_RETENTION_YEARS,
  retentionYears,
  setRetentionYears,
} from "~/models/visitor-retention.server";
import { removeVisitor, summarizeRegister } from "~/models/visitor.server";
import { GENDERS } from "~/outcomes/attendance-rules";
import { isParticipantCode } from "~/privacy/participant-code";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import { protectSeries } from "~/privacy/small-counts";
import styles from "~/styles/attendance.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(visitorStrings, "registerTitle");

/** The register as counts, never as a list: coordinators and admins only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, { roles: CATALOGUE_EDITORS });
  const [summary, programs, pinSet, years] = await Promise.all([
    summarizeRegister(),
    listAllPrograms(),
    hasKioskPin(),
    retentionYears(),
  ]);
  const byProgram = [...programs.map((p) => ({ id: p.id as number | null, name: p.name })), { id: null, name: "" }].map(
    (p) => ({ ...p, count: summary.byProgram.find((b) => b.programId === p.id)?.count ?? 0 }),
  );
  return {
    total: summary.total,
    byGender: protectSeries(GENDERS.map((g) => summary.byGender[g])),
    byProgram: { rows: byProgram, cells: protectSeries(byProgram.map((p) => p.count)) },
    pinSet,
    years,
  };
}

const schemas = {
  pin: z.object({ intent: z.literal("pin"), pin: z.string().trim().regex(KIOSK_PIN, "errPinFormat") }),
  remove: z.object({
    intent: z.literal("remove"),
    code: z.string().trim().max(60, "errRemoveCode").refine(isParticipantCode, "errRemoveCode"),
  }),
  retention: z.object({
    intent: z.literal("retention"),
    years: z.coerce
      .number({ invalid_type_error: "errRetention" })
      .int("errRetention")
      .min(MIN_RETENTION_YEARS, "errRetention")
      .max(MAX_RETENTION_YEARS, "errRetention"),
  }),
};

type ActionResult = { intent: string; errors: Record<string, string | undefined>; notFound?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: CATALOGUE_EDITORS });
  const form = await requireForm(request, { maxBytes: 8 * 1024 });
  const ip = clientAddress(context);
  const intent = form.get("intent");
  if (intent === "pin") {
    const parsed = parseForm(form, schemas.pin);
    if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors }, { status: 422 });
    await setKioskPin(parsed.value.pin, { actor: staff, ip });
    return redirect("/staff/attendance/visitors?done=pin");
  }
  if (intent === "remove") {
    const parsed = parseForm(form, schemas.remove);
    if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors }, { status: 422 });
    const result = await removeVisitor({ actor: staff, ip, hmac: participantCodeHmac(parsed.value.code) });
    if (!result.removed) return data<ActionResult>({ intent, errors: {}, notFound: true }, { status: 404 });
    return redirect(`/staff/attendance/visitors?done=removed&links=${result.links}`);
  }
  if (intent === "retention") {
    const parsed = parseForm(form, schemas.retention);
    if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors }, { status: 422 });
    await setRetentionYears({ years: parsed.value.years, by: { actor: staff, ip } });
    return redirect(`/staff/attendance/visitors?done=retention`);
  }
  return data<ActionResult>({ intent: "", errors: { form: "errForm" } }, { status: 400 });
}

export default function VisitorRegister() {
  const { total, byGender, byProgram, pinSet, years } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useStrings(visitorStrings);
  const a = useStrings(attendanceStrings);
  const done = result ? null : params.get("done");
  const errorsOf = (intent: string) => errorText(t, result?.intent === intent ? result.errors : null, a.errForm);
  return (
    <div className="page attendance">
      <AttendanceNav canEdit />
      <h1>{t.registerTitle}</h1>
      <p className="lead">{t.registerLead}</p>
      <FormAlert tone="ok">
        {done === "pin"
          ? t.pinSaved
          : done === "removed"
            ? format(t.removed, { links: params.get("links") ?? "0" })
            : done === "retention"
              ? format(t.retentionSaved, { years })
              : null}
      </FormAlert>

      <section className="stats-section" aria-labelledby="register-counts">
        <h2 id="register-counts">{total === 0 ? t.registerEmpty : format(t.registerCount, { total })}</h2>
        {total > 0 ? (
          <>
            <CountTable
              caption={t.registerByGender}
              rowHeader={a.gender}
              columns={[a.people]}
              rows={GENDERS.map((g, i) => ({ key: g, label: a[g], cells: [byGender.cells[i]] }))}
              totals={byGender.total ? [byGender.total] : null}
              totalLabel={a.total}
            />
            <CountTable
              caption={t.registerByProgram}
              rowHeader={a.program}
              columns={[a.people]}
              rows={byProgram.rows.map((p, i) => ({
                key: String(p.id),
                label: p.id === null ? t.noProgram : p.name,
                cells: [byProgram.cells.cells[i]],
              }))}
              totals={byProgram.cells.total ? [byProgram.cells.total] : null}
              totalLabel={a.total}
            />
          </>
        ) : null}
      </section>

      <SettingSection intent="pin" now={<p>{pinSet ? t.pinSet : t.pinNone}</p>}>
        <PinField label={t.pinLabel} name="pin" autoComplete="new-password" error={errorsOf("pin")("pin")} />
      </SettingSection>

      <SettingSection
        intent="remove"
        now={<FormAlert>{result?.intent === "remove" && result.notFound ? t.removeNotFound : null}</FormAlert>}
        tone="danger"
      >
        <Field label={t.removeLabel} name="code" autoComplete="off" error={errorsOf("remove")("code")} />
      </SettingSection>

      <SettingSection intent="retention">
        <NumberField
          label={t.retentionLabel}
          name="years"
          min={MIN_RETENTION_YEARS}
          max={MAX_RETENTION_YEARS}
          defaultValue={String(years)}
          error={errorsOf("retention")("years")}
        />
      </SettingSection>
    </div>
  );
}

/**
 * One of the register's settings (the check-in PIN, removing a person, how long details are kept): a section with
 * its heading, its lead and what it says now (the PIN is set, the code was not found), then its field in a form
 * that posts the setting's intent. Heading, lead and button are the strings named after the intent.
 */
function SettingSection({
  intent,
  now,
  tone,
  children,
}: {
  intent: "pin" | "remove" | "retention";
  now?: ReactNode;
  tone?: "danger";
  children: ReactNode;
}) {
  const t = useStrings(visitorStrings);
  const id = `register-${intent}`;
  return (
    <section className="stats-section" aria-labelledby={id}>
      <h2 id={id}>{t[`${intent}Title`]}</h2>
      <p>{t[`${intent}Lead`]}</p>
      {now}
      <IntentForm intent={intent} submit={t[`${intent}Save`]} tone={tone} className="stack">
        {children}
      </IntentForm>
    </section>
  );
}
