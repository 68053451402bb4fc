import { Link } from "@remix-run/react";
import { FormAlert } from "~/components/forms";
import { format } from "~/i18n/define";
import { paper as strings } from "~/i18n/strings/paper";
import { useStrings } from "~/i18n/use-strings";
import type { WaveCheck } from "~/paper/wave-import.server";
import { ColumnHeads } from "~/components/table-heads";

/** What a checked file holds: its rows and columns, what is left out, and every problem by row, before anything is saved. */
export function WaveImportPreview({ check, ready }: { check: WaveCheck; ready: number }) {
  const t = useStrings(strings);
  if (check.duplicateOf)
    return (
      <FormAlert focus>
        {format(t.importDuplicate, { title: check.duplicateOf.title, date: check.duplicateOf.importedOn })}{" "}
        <Link to={`/staff/campaigns/${check.duplicateOf.campaignId}`}>{check.duplicateOf.title}</Link>
      </FormAlert>
    );
  if (check.fatal) return <FormAlert focus>{check.fatal}</FormAlert>;
  const problems = check.problemCount;
  return (
    <section aria-labelledby="preview-heading" className="wave-import__preview">
      <h2 id="preview-heading">{t.importPreviewTitle}</h2>
      {problems > 0 ? (
        <FormAlert focus>{format(t.importProblems, { n: problems })}</FormAlert>
      ) : (
        <FormAlert tone="ok" focus>
          {format(t.importReady, { n: ready })}
        </FormAlert>
      )}
      <p>{format(t.importSummary, { rows: check.rows, matched: check.matched.length })}</p>
      <FormAlert tone="warn">
        {check.unknown.length > 0 ? format(t.importUnknown, { columns: check.unknown.join(", ") }) : null}
      </FormAlert>
      {check.codeColumn ? <p>{format(t.importCodes, { column: check.codeColumn, n: check.withCodes })}</p> : null}
      {check.dateColumn ? <p>{format(t.importDates, { column: check.dateColumn })}</p> : null}
      {check.ignored > 0 ? <p>{format(t.importIgnored, { n: check.ignored })}</p> : null}
      {problems > 0 ? (
        <div className="table-wrap">
          <table className="responsive">
            <caption className="visually-hidden">{format(t.importProblems, { n: problems })}</caption>
            <ColumnHeads columns={[t.importLine, t.importColumn, t.importProblem]} />
            <tbody>
              {check.problems.map((p, i) => (
                <tr key={i}>
                  <td data-label={t.importLine}>{p.line}</td>
                  <td data-label={t.importColumn}>{p.column}</td>
                  <td data-label={t.importProblem}>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {check.problems.length < problems ? <p>{t.errTooManyProblems}</p> : null}
        </div>
      ) : null}
      <h3>{t.importMatched}</h3>
      <div className="table-wrap">
        <table className="responsive">
          <caption className="visually-hidden">{t.importMatched}</caption>
          <ColumnHeads columns={[t.importColumn, t.importQuestion]} />
          <tbody>
            {check.matched.map((m) => (
              <tr key={m.header}>
                <td data-label={t.importColumn}>
                  <code>{m.header}</code>
                </td>
                <td data-label={t.importQuestion}>{m.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
