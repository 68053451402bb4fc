import { Form, Link } from "@remix-run/react";
import { CheckboxField, Field, FormAlert, SelectField, TextareaField, errorText, hasErrors } from "~/components/forms";
import type { ActivityFormErrors } from "~/activities/activity-form";
import { SCHEDULE_ROWS } from "~/activities/activity-form";
import type { ScheduleSlot } from "~/models/activity.server";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";

export interface ActivityFormDefaults {
  name: string;
  place: string;
  description: string;
  kind: "regular" | "special";
  scope: "mallis" | "city";
  countsAttendance: boolean;
  startsOn: string | null;
  programId: number | null;
  schedule: ScheduleSlot[];
}

/** The catalogue form: plain fields, so it works without JavaScript; four schedule lines cover every activity so far. */
export function ActivityForm({
  defaults,
  errors = {},
  programs,
}: {
  defaults: ActivityFormDefaults;
  errors?: ActivityFormErrors;
  programs: { id: number; name: string }[];
}) {
  const t = useStrings(attendanceStrings);
  const text = errorText(t, errors);
  const err = (name: keyof ActivityFormErrors) =>
    errors[name] ? (
      <p className="field-error" id={`${name}-error`}>
        {text(name)}
      </p>
    ) : null;
  const aria = (name: keyof ActivityFormErrors) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });
  const slots = [...defaults.schedule, ...Array.from({ length: SCHEDULE_ROWS }, () => null)].slice(0, SCHEDULE_ROWS);
  return (
    <Form method="post" className="stack" noValidate>
      <FormAlert>{hasErrors(errors) ? t.errForm : null}</FormAlert>
      <Field label={t.name} name="name" maxLength={200} required defaultValue={defaults.name} error={text("name")} />
      <Field label={t.place} name="place" maxLength={200} defaultValue={defaults.place} error={text("place")} />
      <TextareaField
        label={t.description}
        name="description"
        rows={3}
        maxLength={2000}
        defaultValue={defaults.description}
        error={text("description")}
      />
      <fieldset className="field" {...aria("kind")}>
        <legend>{t.kind}</legend>
        {(["regular", "special"] as const).map((k) => (
          <label key={k} className="choice">
            <input type="radio" name="kind" value={k} defaultChecked={defaults.kind === k} />
            {t[`kind_${k}`]}
          </label>
        ))}
        {err("kind")}
      </fieldset>
      <fieldset className="field" {...aria("scope")}>
        <legend>{t.scope}</legend>
        {(["mallis", "city"] as const).map((s) => (
          <label key={s} className="choice">
            <input type="radio" name="scope" value={s} defaultChecked={defaults.scope === s} />
            {t[`scope_${s}`]}
          </label>
        ))}
        {err("scope")}
      </fieldset>
      <CheckboxField
        label={t.countsAttendance}
        name="countsAttendance"
        id="countsAttendance"
        hint={t.countsAttendanceHint}
        defaultChecked={defaults.countsAttendance}
      />
      <Field
        label={t.startsOn}
        name="startsOn"
        type="date"
        hint={t.startsOnHint}
        defaultValue={defaults.startsOn ?? ""}
        error={text("startsOn")}
      />
      <SelectField
        label={t.programFor}
        name="programId"
        defaultValue={defaults.programId ?? ""}
        error={text("programId")}
      >
        <option value="">{t.allPrograms}</option>
        {programs.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <fieldset className="field" aria-describedby={`schedule-hint${errors.schedule ? " schedule-error" : ""}`}>
        <legend>{t.schedule}</legend>
        <p className="hint" id="schedule-hint">
          {t.scheduleHint}
        </p>
        {slots.map((slot, i) => (
          <div key={i} className="schedule-row">
            <div className="field">
              <label htmlFor={`weekday${i}`}>{t.weekday}</label>
              <select id={`weekday${i}`} name={`weekday${i}`} defaultValue={slot ? String(slot.weekday) : ""}>
                <option value="">{t.noDay}</option>
                {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                  <option key={d} value={d}>
                    {t[`wd${d}` as keyof typeof t]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`startsAt${i}`}>{t.startsAt}</label>
              <input id={`startsAt${i}`} name={`startsAt${i}`} type="time" defaultValue={slot?.startsAt ?? ""} />
            </div>
            <div className="field">
              <label htmlFor={`endsAt${i}`}>{t.endsAt}</label>
              <input id={`endsAt${i}`} name={`endsAt${i}`} type="time" defaultValue={slot?.endsAt ?? ""} />
            </div>
          </div>
        ))}
        {err("schedule")}
      </fieldset>
      <div className="actions">
        <button type="submit" name="intent" value="save" className="button">
          {t.saveActivity}
        </button>
        <Link to="/staff/activities" className="button button--quiet">
          {t.cancel}
        </Link>
      </div>
    </Form>
  );
}
