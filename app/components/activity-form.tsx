import {
  CheckboxField,
  ChoiceGroup,
  Field,
  FormActions,
  SelectField,
  TextareaField,
  ToolkitForm,
  fieldsOf,
  labelledOptions,
} from "~/components/forms";
import type { ActivityFormErrors } from "~/activities/activity-form";
import { ACTIVITY_KINDS, ACTIVITY_SCOPES, SCHEDULE_ROWS } from "~/activities/activity-form";
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

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

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
  const field = fieldsOf(t, defaults, errors);
  const kinds = labelledOptions(ACTIVITY_KINDS, (k) => t[`kind_${k}`]);
  const scopes = labelledOptions(ACTIVITY_SCOPES, (s) => t[`scope_${s}`]);
  const weekdays = labelledOptions(WEEKDAYS, (d) => t[`wd${d}`]);
  const slots = [...defaults.schedule, ...Array.from({ length: SCHEDULE_ROWS }, () => null)].slice(0, SCHEDULE_ROWS);
  return (
    <ToolkitForm errors={errors} alert={t.errForm}>
      <Field label={t.name} {...field("name")} maxLength={200} required />
      <Field label={t.place} {...field("place")} maxLength={200} />
      <TextareaField label={t.description} {...field("description")} rows={3} maxLength={2000} />
      <ChoiceGroup legend={t.kind} type="radio" options={kinds} {...field("kind")} />
      <ChoiceGroup legend={t.scope} type="radio" options={scopes} {...field("scope")} />
      <CheckboxField
        label={t.countsAttendance}
        name="countsAttendance"
        hint={t.countsAttendanceHint}
        defaultChecked={defaults.countsAttendance}
      />
      <Field label={t.startsOn} {...field("startsOn")} type="date" hint={t.startsOnHint} />
      <SelectField label={t.programFor} {...field("programId")} empty={t.allPrograms} options={programs} />
      <ChoiceGroup legend={t.schedule} name="schedule" hint={t.scheduleHint} error={field("schedule").error}>
        {slots.map((slot, i) => (
          <div key={i} className="schedule-row">
            <SelectField
              label={t.weekday}
              name={`weekday${i}`}
              empty={t.noDay}
              options={weekdays}
              defaultValue={slot ? String(slot.weekday) : ""}
            />
            <Field label={t.startsAt} name={`startsAt${i}`} type="time" defaultValue={slot?.startsAt ?? ""} />
            <Field label={t.endsAt} name={`endsAt${i}`} type="time" defaultValue={slot?.endsAt ?? ""} />
          </div>
        ))}
      </ChoiceGroup>
      <FormActions submit={t.saveActivity} intent="save" cancel={t.cancel} cancelTo="/staff/activities" />
    </ToolkitForm>
  );
}
