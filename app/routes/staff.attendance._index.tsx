import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireStaff } from "~/auth/guards.server";
import { CATALOGUE_EDITORS, rolesFor } from "~/auth/capabilities";
import { recordScope } from "~/auth/scope";
import { isIsoDate, parseId } from "~/http/params";
import { requireForm } from "~/http/body.server";
import { badRequest } from "~/http/errors.server";
import { getActivity, listActivities, type Activity } from "~/models/activity.server";
import { getAttendance, listAttendanceForDate, registerAttendance } from "~/models/attendance.server";
import { codedProblem, readCodedVisitors } from "~/activities/coded-attendance.server";
import { listPrograms } from "~/models/program.server";
import { AttendanceFigures } from "~/components/attendance-figures";
import { ChoiceGroup, Field, FormAlert } from "~/components/forms";
import { parseAttendanceForm, type ParsedAttendanceForm } from "~/activities/attendance-form";
import { visitors as visitorStrings } from "~/i18n/strings/visitors";
import { checkAttendance, fieldOf, GENDERS, totalOf } from "~/outcomes/attendance-rules";
import { isoWeekday, todayInStockholm } from "~/outcomes/calendar";
import { AttendanceNav } from "~/components/attendance-nav";
import { useDayFollowsDate } from "~/components/use-day-follows-date";
import { format } from "~/i18n/define";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/attendance.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(attendanceStrings, "registerTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("attendance") });
  const url = new URL(request.url);
  const today = todayInStockholm();
  const asked = url.searchParams.get("date") ?? "";
  const date = isIsoDate(asked) ? asked : today;
  const weekday = isoWeekday(date);
  const scope = recordScope(staff, "shared");
  const all = (await listActivities({ scope })).filter(
    (a) => a.countsAttendance && (!a.startsOn || a.startsOn <= date),
  );
  const slotOn = (a: (typeof all)[number]) => a.schedule.find((s) => s.weekday === weekday);
  const scheduled = all
    .filter((a) => a.kind === "regular" && slotOn(a))
    .map((a) => ({ id: a.id, name: a.name, time: slotOn(a)!.startsAt }))
    .sort((a, b) => a.time.localeCompare(b.time));
  const others = all.filter((a) => a.kind === "regular" && !slotOn(a)).map((a) => ({ id: a.id, name: a.name }));
  const specials = all.filter((a) => a.kind === "special").map((a) => ({ id: a.id, name: a.name }));
  const registered = await listAttendanceForDate({ date, scope });
  const savedRaw = url.searchParams.get("saved");
  const saved = savedRaw ? await getAttendance({ id: parseId(savedRaw), scope }) : null;
  return {
    date,
    today,
    scheduled,
    others,
    specials,
    registered: registered.map((r) => ({
      id: r.id,
      activityId: r.activityId,
      name: r.activityName,
      total: totalOf(r),
      coded: r.codeCount,
    })),
    saved: saved
      ? { id: saved.id, date: saved.date, name: saved.activityName, total: totalOf(saved), coded: saved.codeCount }
      : null,
    programs: await listPrograms(),
    canEdit: CATALOGUE_EDITORS.includes(staff.role),
  };
}

type ActionResult = {
  errors: Partial<Record<keyof ParsedAttendanceForm["errors"], string>>;
  values: Record<string, string>;
  duplicate: { id: number; name: string | null; date: string } | null;
  /** For a code error: which code (position) or how many; codes the register does not know yet. */
  codeDetail?: { position?: number; count?: number };
  newCodes?: string[];
};

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("attendance") });
  const form = await requireForm(request, { maxBytes: 32 * 1024 });
  // "Visa dagen" without JavaScript: only the date goes on, never counts, participant codes or a note in a URL.
  if (form.get("intent") === "showDay") {
    const day = String(form.get("date") ?? "");
    return redirect(isIsoDate(day) ? `/staff/attendance?date=${day}` : "/staff/attendance", 303);
  }
  const parsed = parseAttendanceForm(form);
  if (parsed.missing.length > 0) throw badRequest();
  const values = Object.fromEntries(
    [...new Set(["date", "activityId", ...GENDERS, "firstTime", "note", "codes", ...form.keys()])]
      .filter((k) => !k.startsWith("new") || k.startsWith("newGender.") || k.startsWith("newProgram."))
      .map((k) => [k, form.get(k) ?? ""]),
  );
  const errors: ActionResult["errors"] = { ...parsed.errors };
  let activity: Activity | null | undefined = null;
  if (parsed.input.activityId !== null) {
    // Another programme's activity is refused like an unknown one: "choose an activity from the list".
    activity = (await getActivity({ id: parsed.input.activityId, scope: recordScope(staff, "shared") })) ?? undefined;
  }
  for (const e of checkAttendance(parsed.input, { activity, today: todayInStockholm() })) {
    const f = fieldOf(e);
    if (!errors[f]) errors[f] = e;
  }
  const programs = await listPrograms();
  const { coded, error: newVisitorError } = readCodedVisitors(
    form,
    parsed.codes,
    programs.map((p) => p.id),
  );
  if (newVisitorError && !errors.codes) errors.codes = newVisitorError;
  const codeDetail = { position: parsed.codePosition };
  if (Object.keys(errors).length > 0) {
    return data<ActionResult>({ errors, values, duplicate: null, codeDetail }, { status: 422 });
  }
  const result = await registerAttendance({
    actor: staff,
    ip: clientAddress(context),
    input: parsed.input,
    coded,
  });
  if (!result.ok && result.error !== "duplicate") {
    const problem = codedProblem(result);
    return data<ActionResult>(
      {
        errors: { codes: problem.key },
        values,
        duplicate: null,
        codeDetail: { count: problem.count },
        newCodes: problem.newCodes,
      },
      { status: 422 },
    );
  }
  if (!result.ok) {
    return data<ActionResult>(
      {
        errors: {},
        values,
        duplicate: { id: result.existingId, name: activity?.name ?? null, date: parsed.input.date },
      },
      { status: 409 },
    );
  }
  return redirect(`/staff/attendance?date=${parsed.input.date}&saved=${result.id}`);
}

export default function RegisterAttendance() {
  const { date, today, scheduled, others, specials, registered, saved, programs, canEdit } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useStrings(attendanceStrings);
  const v = useStrings(visitorStrings);
  const errors = result?.errors ?? {};
  const newCodes = result?.newCodes ?? [];
  const values = result?.values;
  const { form, showDay } = useDayFollowsDate(date, values?.date || date);
  const chosen = values?.activityId ?? "";
  const registeredIds = new Set(registered.map((r) => (r.activityId === null ? "drop-in" : String(r.activityId))));
  const message = (key: string | undefined) => (key ? t[key as keyof typeof t] : undefined);
  const option = (value: string, label: string, detail?: string) => (
    <label key={value} className="choice choice--card">
      <input type="radio" name="activityId" value={value} defaultChecked={chosen === value} required />
      <span>
        {label}
        {detail ? <span className="muted"> {detail}</span> : null}
        {registeredIds.has(value) ? <span className="tag"> {t.alreadyRegistered}</span> : null}
      </span>
    </label>
  );
  const dayName = (name: string | null) => name ?? t.dropInShort;
  return (
    <div className="page page--narrow attendance">
      <AttendanceNav canEdit={canEdit} />
      <h1>{t.registerTitle}</h1>
      {saved && !result ? (
        <FormAlert tone="ok">
          <p>
            {saved.coded > 0
              ? format(v.savedWithCodes, {
                  activity: dayName(saved.name),
                  date: saved.date,
                  total: saved.total,
                  coded: saved.coded,
                })
              : format(t.saved, { activity: dayName(saved.name), date: saved.date, total: saved.total })}
          </p>
          <p className="actions">
            <Link to={`/staff/attendance/stats?from=${saved.date}&to=${saved.date}`}>{t.seeDayStats}</Link>
            <Link to={`/staff/attendance/${saved.id}`}>{t.correct}</Link>
          </p>
        </FormAlert>
      ) : (
        <p className="lead">{t.registerLead}</p>
      )}
      {result?.duplicate ? (
        <div className="alert alert--warn" role="alert">
          <p>{format(t.duplicate, { activity: dayName(result.duplicate.name), date: result.duplicate.date })}</p>
          <p>
            <Link to={`/staff/attendance/${result.duplicate.id}`}>{t.duplicateLink}</Link>
          </p>
        </div>
      ) : null}
      <FormAlert>{Object.keys(errors).length > 0 ? t.errForm : null}</FormAlert>
      <Form method="post" className="stack" noValidate ref={form}>
        {/* Enter in a field saves: the first submit button is the one implicit submission presses. */}
        <button type="submit" hidden tabIndex={-1}>
          {t.save}
        </button>
        <Field
          label={t.date}
          key={date}
          name="date"
          type="date"
          max={today}
          defaultValue={values?.date || date}
          error={message(errors.date)}
          // The day's list and "registrerad" badges follow the chosen date at once.
          onChange={(e) => showDay(e.currentTarget.value)}
          beside={
            // Without JavaScript: the same form asks for the chosen day's page.
            <button type="submit" name="intent" value="showDay" formNoValidate className="button button--secondary">
              {t.showDay}
            </button>
          }
        />
        <ChoiceGroup legend={t.activity} name="activityId" error={message(errors.activityId)}>
          {scheduled.length > 0 ? <p className="group-label">{t.scheduledToday}</p> : null}
          {scheduled.map((a) => option(String(a.id), a.name, a.time))}
          {option("drop-in", t.dropIn)}
          {others.length > 0 ? <p className="group-label">{t.otherActivities}</p> : null}
          {others.map((a) => option(String(a.id), a.name))}
          {specials.length > 0 ? <p className="group-label">{t.specialOccasions}</p> : null}
          {specials.map((a) => option(String(a.id), a.name))}
        </ChoiceGroup>
        <AttendanceFigures
          errors={errors}
          values={values}
          defaults={{ counts: { women: 0, men: 0, other: 0, notStated: 0 }, firstTime: null, note: "" }}
          codesHint={t.codesHint}
          codeDetail={result?.codeDetail}
          newCodes={newCodes}
          programs={programs}
          moreLabel={t.moreDetails}
        />
        <button type="submit" className="button button--block" disabled={navigation.state === "submitting"}>
          {t.save}
        </button>
      </Form>
      <h2>{format(t.dayTitle, { date })}</h2>
      {registered.length === 0 ? (
        <p>{t.dayNone}</p>
      ) : (
        <ul className="day-list">
          {registered.map((r) => (
            <li key={r.id}>
              <span>
                {dayName(r.name)}: <strong>{r.total}</strong>
                {r.coded > 0 ? <span className="muted"> ({format(v.withCodes, { coded: r.coded })})</span> : null}
              </span>
              <Link to={`/staff/attendance/${r.id}`} aria-label={`${t.correct} ${dayName(r.name)}`}>
                {t.correct}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
