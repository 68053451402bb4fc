import { Link } from "@remix-run/react";
import { format } from "~/i18n/define";
import { paper as strings } from "~/i18n/strings/paper";
import { useStrings } from "~/i18n/use-strings";

/** On a campaign's page: how many responses came on paper, where it was imported from, and the links to both. */
export function CampaignPaperLinks({
  campaignId,
  paperCount,
  imported,
  mayEnter,
  mayImport,
}: {
  campaignId: number;
  paperCount: number;
  imported: { fileName: string; rowCount: number; createdAt: string } | null;
  mayEnter: boolean;
  mayImport: boolean;
}) {
  const t = useStrings(strings);
  return (
    <section aria-labelledby="paper-heading">
      <h2 id="paper-heading">{t.campaignPaperHeading}</h2>
      {imported ? (
        <p>
          {format(t.campaignImported, {
            file: imported.fileName,
            rows: imported.rowCount,
            date: imported.createdAt.slice(0, 10),
          })}
        </p>
      ) : (
        <p>{format(t.paperCount, { n: paperCount })}</p>
      )}
      <p className="actions">
        {mayEnter && !imported ? (
          <Link to={`/staff/campaigns/${campaignId}/paper`} className="button button--secondary">
            {t.paperLink}
          </Link>
        ) : null}
        {mayImport ? (
          <Link to={`/staff/campaigns/import?from=${campaignId}`} className="button button--secondary">
            {t.importLink}
          </Link>
        ) : null}
      </p>
    </section>
  );
}
