import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import type { Block, Figure, Part, ReportChart, ReportTable } from "~/reports/draft-types";
import { partText } from "~/reports/figure-book";
import { TableWrap } from "~/components/count-table";
import { quoted } from "~/reports/plain-text";
import type { ResolvedSection } from "~/reports/resolve";
import { format } from "~/i18n/define";
import { reports as strings } from "~/i18n/strings/reports";
import { useStrings } from "~/i18n/use-strings";

export interface ReportViewData {
  sections: ResolvedSection[];
  figures: Record<string, Figure>;
  tables: Record<string, ReportTable>;
  charts: Record<string, ReportChart>;
}

/** Each figure's number in the list of sources, in order of first mention in the generated text. */
export function figureNumbers(sections: readonly ResolvedSection[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const s of sections) for (const k of s.figureKeys) if (!numbers.has(k)) numbers.set(k, numbers.size + 1);
  return numbers;
}

function Parts({ parts, data, numbers }: { parts: Part[]; data: ReportViewData; numbers: Map<string, number> }) {
  const t = useStrings(strings);
  return (
    <>
      {parts.map((p, i) => {
        if (typeof p === "string") return <span key={i}>{p}</span>;
        const n = numbers.get(p.f);
        return (
          <span key={i} className="report-figure">
            {partText(p, data.figures)}
            {n ? (
              <sup className="no-print">
                <a href={`#kalla-${n}`} aria-label={`${t.sources} ${n}`}>
                  {n}
                </a>
              </sup>
            ) : null}
          </span>
        );
      })}
    </>
  );
}

function TableView({ table }: { table: ReportTable }) {
  const t = useStrings(strings);
  return (
    <figure className="report-table">
      <TableWrap label={format(t.tableCaption, { n: table.number, caption: table.caption })}>
        <table>
          <caption>{format(t.tableCaption, { n: table.number, caption: table.caption })}</caption>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} scope="col" className={i > 0 ? "num" : undefined}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i} className={r.total ? "report-table__total" : undefined}>
                <th scope="row">{r.label}</th>
                {r.cells.map((c, j) => (
                  <td key={j} className="num">
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <figcaption className="muted">{table.source}</figcaption>
    </figure>
  );
}

function ChartView({ chart, src }: { chart: ReportChart; src: string }) {
  const t = useStrings(strings);
  return (
    <figure className="report-chart">
      <img src={src} alt={chart.alt} width={800} height={400} />
      <figcaption>{format(t.chartCaption, { n: chart.number, title: chart.title })}</figcaption>
    </figure>
  );
}

export function BlockView({
  block,
  data,
  numbers,
  chartSrc,
}: {
  block: Block;
  data: ReportViewData;
  numbers: Map<string, number>;
  chartSrc: (key: string) => string;
}) {
  switch (block.t) {
    case "p":
      return (
        <p>
          <Parts parts={block.parts} data={data} numbers={numbers} />
        </p>
      );
    case "list":
      return (
        <ul>
          {block.items.map((item, i) => (
            <li key={i}>
              <Parts parts={item} data={data} numbers={numbers} />
            </li>
          ))}
        </ul>
      );
    case "quote": {
      const text = quoted(block.text);
      const stop = /[.!?…]$/.test(block.text.trim()) ? "" : ".";
      return (
        <p>
          <Parts parts={block.lead} data={data} numbers={numbers} /> <q className="report-quote">{text}</q>
          {stop}
        </p>
      );
    }
    case "table":
      return data.tables[block.key] ? <TableView table={data.tables[block.key]} /> : null;
    case "chart":
      return data.charts[block.key] ? <ChartView chart={data.charts[block.key]} src={chartSrc(block.key)} /> : null;
  }
}

/** One section's sources: each figure it states, its definition, computation, selection and n. */
export function SectionSources({
  section,
  data,
  numbers,
}: {
  section: ResolvedSection;
  data: ReportViewData;
  numbers: Map<string, number>;
}) {
  const t = useStrings(strings);
  if (section.figureKeys.length === 0) return null;
  return (
    <details className="report-sources no-print">
      <summary>
        {t.sources} ({section.figureKeys.length})
      </summary>
      <ol>
        {section.figureKeys.map((k) => {
          const f = data.figures[k];
          if (!f) return null;
          const n = numbers.get(k);
          return (
            <li key={k} id={n ? `kalla-${n}` : undefined} value={n}>
              <strong>{f.text}</strong>: {f.label}. <span className="muted">{f.computation}</span>. {t.figureFilters}:{" "}
              {f.filters}.{f.n !== null ? ` ${t.figureN}: ${f.n}.` : ""}
              {f.suppressed ? ` ${t.figureSuppressed}.` : ""}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

export function ReportSections({
  data,
  chartSrc,
  headingLevel = 2,
  aside,
}: {
  data: ReportViewData;
  chartSrc: (key: string) => string;
  headingLevel?: 2 | 3;
  aside?: (section: ResolvedSection) => ReactNode;
}) {
  const numbers = figureNumbers(data.sections);
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      {data.sections.map((s) => (
        <section key={s.key} id={`avsnitt-${s.key}`} className="report-section" aria-labelledby={`rubrik-${s.key}`}>
          <H id={`rubrik-${s.key}`}>{s.title}</H>
          {aside?.(s)}
          {s.blocks.map((b, i) => (
            <BlockView key={i} block={b} data={data} numbers={numbers} chartSrc={chartSrc} />
          ))}
          <SectionSources section={s} data={data} numbers={numbers} />
        </section>
      ))}
    </>
  );
}

export function EditLink({ reportId, sectionKey, title }: { reportId: number; sectionKey: string; title: string }) {
  const t = useStrings(strings);
  return (
    <Link to={`/staff/reports/${reportId}/sections/${sectionKey}`} className="button button--secondary">
      {t.edit}
      <span className="visually-hidden"> – {title}</span>
    </Link>
  );
}
