import { ChoiceGroup, Field, SelectField, ToolkitForm, fieldsOf } from "~/components/forms";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";

type Errors = Partial<Record<"title" | "heldOn" | "place" | "programId" | "followsIds", string>>;

/** The session's details: used to create a session and to edit one. */
export function WorkshopForm({
  programs,
  earlier,
  defaults,
  errors = {},
  submitLabel,
}: {
  programs: { id: number; name: string }[];
  earlier: { id: number; title: string; heldOn: string }[];
  defaults: { title: string; heldOn: string; place: string; programId: number | null; followsIds: number[] };
  errors?: Errors;
  submitLabel: string;
}) {
  const t = useStrings(workshopStaff);
  const field = fieldsOf(t, defaults, errors, t.errFormTop);
  const follows = earlier.map((w) => ({ value: w.id, label: `${w.title} (${w.heldOn})` }));
  return (
    <ToolkitForm errors={errors} alert={t.errFormTop} noValidate={false}>
      <Field label={t.formTitle} {...field("title")} required maxLength={200} />
      <Field label={t.formDate} {...field("heldOn")} type="date" required />
      <Field label={t.formPlace} {...field("place")} maxLength={200} />
      <SelectField label={t.formProgram} {...field("programId")} empty={t.formNoProgram} options={programs} />
      {earlier.length > 0 ? (
        <ChoiceGroup legend={t.formFollows} {...field("followsIds")} hint={t.formFollowsHint} options={follows} />
      ) : null}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </ToolkitForm>
  );
}
