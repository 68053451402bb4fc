import { Await } from "@remix-run/react";
import { Suspense } from "react";
import { format } from "~/i18n/define";
import { visitFrequency as strings } from "~/i18n/strings/visit-frequency";
import { useLocale, useStrings } from "~/i18n/use-strings";
import { VISIT_FREQUENCIES, type FrequencyWave } from "~/outcomes/by-visit-frequency";
import type { VisitFrequencySection } from "~/outcomes/by-visit-frequency.server";
import { countLabel, formatNumber, percent } from "~/outcomes/wording";
import { TableWrap } from "./count-table";

/**
 * The outcome page's breakdown of loneliness and participation by how often people came (decision 0031), streamed
 * after the rest of the page (it works without JavaScript too: the server sends it when it is ready).
 */
export function OutcomesByVisitFrequency({ load }: { load: Promise<VisitFrequencySection | null> }) {
  return (
    <Suspense fallback={null}>
      <Await resolve={load} errorElement={null}>
        {(section) => (section ? <VisitFrequencySectionView section={section} /> : null)}
      </Await>
    </Suspense>
  );
}

function VisitFrequencySectionView({ section }: { section: VisitFrequencySection }) {
  const t = useStrings(strings);
  const waves = section.waves.filter((w) => w.hiddenBecause !== "anonymous");
  return (
    <section className="outcome" aria-labelledby="by-visits">
      <h2 id="by-visits">{t.title}</h2>
      <p>{t.lead}</p>
      <p>{t.definitions}</p>
      <p className="hint">{t.kRule}</p>
      {section.filtered ? <p>{t.filtered}</p> : null}
      {waves.map((w) => (
        <VisitFrequencyWave key={w.campaignId} wave={w} />
      ))}
    </section>
  );
}

function VisitFrequencyWave({ wave }: { wave: FrequencyWave & { title: string } }) {
  const t = useStrings(strings);
  const locale = useLocale();
  const headingId = `by-visits-${wave.campaignId}`;
  if (wave.hiddenBecause !== null || wave.groups === null) {
    return (
      <div className="by-visits__wave">
        <h3 id={headingId}>{wave.title}</h3>
        <p>{wave.hiddenBecause === "page_hidden" ? t.pageHidden : t.smallGroup}</p>
      </div>
    );
  }
  const linked = wave.groups.every((g) => g.people.n !== null)
    ? wave.groups.reduce((s, g) => s + (g.people.n ?? 0), 0)
    : null;
  const caption = format(t.caption, { wave: wave.title });
  return (
    <div className="by-visits__wave">
      <h3 id={headingId}>{wave.title}</h3>
      {linked !== null ? <p>{format(t.linked, { n: formatNumber(linked, locale) })}</p> : null}
      <TableWrap label={caption}>
        <table className="stats-table outcome__table by-visits__table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.measure}</th>
              {VISIT_FREQUENCIES.map((f) => (
                <th key={f} scope="col" className="num">
                  {t[f]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className="outcome__all">
              <th scope="row">{t.people}</th>
              {wave.groups.map((g) => (
                <td key={g.frequency} className="num" data-status={g.people.status}>
                  {countLabel(g.people, locale)}
                </td>
              ))}
            </tr>
            {wave.measures.map((m) => (
              <tr key={m.tag}>
                <th scope="row">
                  {m.name[locale]}
                  <span className="hint by-visits__statement">{m.statement[locale]}</span>
                </th>
                {m.cells === null ? (
                  <td colSpan={VISIT_FREQUENCIES.length}>
                    {m.hiddenBecause === "small_group" ? t.measureSmall : t.measureHidden}
                  </td>
                ) : (
                  m.cells.map((c) => (
                    <td
                      key={c.frequency}
                      className="num"
                      data-status={c.positive.status === "shown" ? c.answered.status : c.positive.status}
                    >
                      {c.share !== null && c.positive.n !== null && c.answered.n !== null
                        ? format(t.share, {
                            pct: percent(c.share, locale),
                            n: formatNumber(c.positive.n, locale),
                            total: formatNumber(c.answered.n, locale),
                          })
                        : c.answered.n !== null
                          ? format(t.ofTotal, {
                              n: countLabel(c.positive, locale),
                              total: formatNumber(c.answered.n, locale),
                            })
                          : countLabel(c.answered, locale)}
                    </td>
                  ))
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
