import { Link } from "@remix-run/react";
import type { ExportListItem } from "~/exports/list-item";
import { format } from "~/i18n/define";
import { exportsStrings } from "~/i18n/strings/exports";
import { useStrings } from "~/i18n/use-strings";
import { formatStockholmTime } from "~/outcomes/calendar";

/** The export list: admins see everyone's, a researcher their own; only the creator gets a download link. */
export function ExportList({
  items,
  showCreator,
  staffId,
}: {
  items: ExportListItem[];
  showCreator: boolean;
  staffId: number;
}) {
  const t = useStrings(exportsStrings);
  if (items.length === 0) return <p>{t.listEmpty}</p>;
  return (
    <div className="table-wrap">
      <table className="responsive">
        <caption className="visually-hidden">{showCreator ? t.listTitleAll : t.listTitleOwn}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colId}</th>
            <th scope="col">{t.colCreated}</th>
            {showCreator ? <th scope="col">{t.colCreator}</th> : null}
            <th scope="col">{t.colSurvey}</th>
            <th scope="col">{t.colWaves}</th>
            <th scope="col">{t.colRows}</th>
            <th scope="col">{t.colK}</th>
            <th scope="col">{t.colStatus}</th>
            <th scope="col">{t.colChecksum}</th>
            <th scope="col">
              <span className="visually-hidden">{t.download}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td data-label={t.colId}>
                <Link to={`/staff/exports/${e.id}`}>{e.id}</Link>
              </td>
              <td data-label={t.colCreated}>{formatStockholmTime(e.createdAt)}</td>
              {showCreator ? <td data-label={t.colCreator}>{e.creatorEmail ?? "–"}</td> : null}
              <td data-label={t.colSurvey}>{e.surveyTitle}</td>
              <td data-label={t.colWaves}>{e.waves}</td>
              <td data-label={t.colRows}>{e.rowCount ?? "–"}</td>
              <td data-label={t.colK}>{e.k}</td>
              <td data-label={t.colStatus}>
                <span className="tag">{t[`status_${e.status}`]}</span>
              </td>
              <td data-label={t.colChecksum}>
                {e.checksum ? <code title={e.checksum}>{e.checksum.slice(0, 12)}…</code> : "–"}
              </td>
              <td>
                {e.status === "done" && e.createdBy === staffId ? (
                  <a href={`/staff/exports/${e.id}.zip`} download>
                    {t.download}
                    <span className="visually-hidden">{format(t.downloadFor, { id: e.id })}</span>
                  </a>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
