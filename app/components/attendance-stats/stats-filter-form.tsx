import { Form } from "@remix-run/react";
import { Field, FormAlert, SelectField } from "~/components/forms";
import type { StatsFilter, StatsFilterError } from "~/activities/stats-query";
import { format } from "~/i18n/define";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";

/** Period and programme (a plain GET form, so the page's address says what it shows), and print. */
export function StatsFilterForm({
  filter,
  programs,
  error,
}: {
  filter: StatsFilter;
  programs: { id: number; name: string; archived: boolean }[];
  error: StatsFilterError | null;
}) {
  const t = useStrings(attendanceStrings);
  const wrong = (field: StatsFilterError) => ({ errorIn: error === field && "stats-error" });
  return (
    <>
      <Form method="get" className="filters no-print">
        <Field label={t.from} name="from" type="date" defaultValue={filter.from} {...wrong("period")} />
        <Field label={t.to} name="to" type="date" defaultValue={filter.to} {...wrong("period")} />
        <SelectField
          label={t.program}
          name="program"
          empty={t.allPrograms}
          options={programs.map((p) => ({
            value: p.id,
            label: p.archived ? format(t.programArchivedOption, { name: p.name }) : p.name,
          }))}
          defaultValue={filter.program}
          {...wrong("program")}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t.show}
          </button>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t.print}
          </button>
        </div>
      </Form>
      <FormAlert id="stats-error">{error ? (error === "program" ? t.errProgramChoice : t.errPeriod) : null}</FormAlert>
    </>
  );
}
