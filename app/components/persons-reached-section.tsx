import { Link } from "@remix-run/react";
import { CountTable } from "~/components/count-table";
import { format } from "~/i18n/define";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { visitors as visitorStrings } from "~/i18n/strings/visitors";
import { useLocale, useStrings } from "~/i18n/use-strings";
import {
  describePersonsReached,
  REACH_GENDERS,
  type ProtectedPersonsReached,
  type ProtectedReachRow,
} from "~/outcomes/persons-reached";

/**
 * Persons reached on the statistics page: the sentence (printed as the rule allows) and three tables, exact
 * on screen with ◆ where print would hide. The people behind the same visits as the page's tables; with one
 * programme chosen (`chosen`), it says so and where everyone's visits are (decision 0027).
 */
export function PersonsReachedSection({
  reach,
  programs,
  chosen,
}: {
  reach: ProtectedPersonsReached;
  programs: { id: number; name: string }[];
  chosen?: { name: string; allProgramsHref: string } | null;
}) {
  const t = useStrings(visitorStrings);
  const a = useStrings(attendanceStrings);
  const locale = useLocale();
  const columns = [a.women, a.men, t.reachGenderOther, t.reachTotal];
  const cells = (row: ProtectedReachRow) => [...REACH_GENDERS.map((g) => row[g]), row.total];
  const programName = (id: number | null) =>
    id === null ? t.reachOtherProgram : (programs.find((p) => p.id === id)?.name ?? t.reachOtherProgram);
  const sentences = describePersonsReached(reach, t, locale);
  return (
    <section className="stats-section" aria-labelledby="s-persons">
      <h2 id="s-persons">{t.reachTitle}</h2>
      {chosen ? (
        <p>
          {format(t.reachChosenProgram, { program: chosen.name })}{" "}
          <Link to={chosen.allProgramsHref} className="no-print">
            {t.reachAllProgramsLink}
          </Link>
        </p>
      ) : null}
      {sentences.map((s) => (
        <p key={s}>{s}</p>
      ))}
      {reach.visits.total.value === 0 ? null : (
        <>
          <CountTable
            caption={t.reachByGender}
            rowHeader={t.reachPersons}
            columns={columns}
            rows={[
              {
                key: "persons",
                label: reach.exact ? t.reachPersons : t.reachPersonsFloor,
                cells: cells(reach.persons),
              },
              { key: "coded", label: t.reachCoded, cells: cells(reach.codedPersons) },
              { key: "first", label: t.reachFirstRow, cells: cells(reach.firstTimers) },
            ]}
            totalFirst
          />
          {reach.codedPersons.total.value > 0 ? (
            <>
              <CountTable
                caption={t.reachByProgram}
                rowHeader={t.reachProgram}
                columns={columns}
                rows={reach.byProgram.map((p) => ({
                  key: String(p.programId),
                  label: programName(p.programId),
                  cells: cells(p.cells),
                }))}
                totals={cells(reach.codedPersons)}
                totalLabel={t.reachTotal}
                totalFirst
              />
              <CountTable
                caption={t.reachBands}
                rowHeader={t.reachBand}
                columns={columns}
                rows={reach.visitBands.map((b) => ({
                  key: b.band,
                  label: t[`band${b.band}`],
                  cells: cells(b.cells),
                }))}
                totals={cells(reach.codedPersons)}
                totalLabel={t.reachTotal}
                totalFirst
              />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
