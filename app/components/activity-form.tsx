import { Form, Link } from "@remix-run/react";
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
  const msg = (key?: string) => (key ? (t[key as keyof typeof t] ?? t.errForm) : undefined);
  const err = (name: keyof ActivityFormErrors) =>
    errors[name] ? (
      <p className="field-error" id={`${name}-error`}>
        {msg(errors[name])}
      </p>
    ) : null;
  const aria = (name: keyof ActivityFormErrors) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });
  const slots = [...defaults.schedule, ...Array.from({ length: SCHEDULE_ROWS }, () => null)].slice(0, SCHEDULE_ROWS);
  return (
    <Form method="post" className="stack" noValidate>
      {Object.keys(errors).length > 0 ? (
        <p className="alert alert--error" role="alert">
          {t.errForm}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="name">{t.name}</label>
        <input
          id="name"
          name="name"
          type="text"
          maxLength={200}
          required
          defaultValue={defaults.name}
          {...aria("name")}
        />
        {err("name")}
      </div>
      <div className="field">
        <label htmlFor="place">{t.place}</label>
        <input id="place" name="place" type="text" maxLength={200} defaultValue={defaults.place} {...aria("place")} />
        {err("place")}
      </div>
      <div className="field">
        <label htmlFor="description">{t.description}</label>
        <textarea
          id="description"
          name="description"
          rows={3}
          maxLength={2000}
          defaultValue={defaults.description}
          {...aria("description")}
        />
        {err("description")}
      </div>
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
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            name="countsAttendance"
            defaultChecked={defaults.countsAttendance}
            aria-describedby="counts-hint"
          />
          {t.countsAttendance}
        </label>
        <p className="hint" id="counts-hint">
          {t.countsAttendanceHint}
        </p>
      </div>
      <div className="field">
        <label htmlFor="startsOn">{t.startsOn}</label>
        <p className="hint" id="startsOn-hint">
          {t.startsOnHint}
        </p>
        <input
          id="startsOn"
          name="startsOn"
          type="date"
          defaultValue={defaults.startsOn ?? ""}
          aria-invalid={errors.startsOn ? true : undefined}
          aria-describedby={`startsOn-hint${errors.startsOn ? " startsOn-error" : ""}`}
        />
        {err("startsOn")}
      </div>
      <div className="field">
        <label htmlFor="programId">{t.programFor}</label>
        <select id="programId" name="programId" defaultValue={defaults.programId ?? ""} {...aria("programId")}>
          <option value="">{t.allPrograms}</option>
          {programs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {err("programId")}
      </div>
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
