import type { ReactNode } from "react";
import { protectedLabel, type ProtectedCell } from "~/privacy/small-counts";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useLocale, useStrings } from "~/i18n/use-strings";

/**
 * One count as staff see it (exact, with ◆ where the small-count rule would hide it) and as print
 * shows it (the protected label). Both are in the page; CSS picks one by medium.
 */
export function CountCell({
  cell,
  as: Tag = "td",
  label,
  display,
}: {
  cell: ProtectedCell;
  as?: "td" | "th";
  label?: string;
  display?: string;
}) {
  const locale = useLocale();
  const t = useStrings(attendanceStrings);
  const hidden = cell.status !== "shown";
  return (
    <Tag className={hidden ? "num cell--hidden" : "num"} data-label={label} data-status={cell.status}>
      <span className="exact-only">
        {display ?? cell.value}
        {hidden ? (
          <>
            <span className="hidden-mark" aria-hidden="true">
              ◆
            </span>
            <span className="visually-hidden"> ({t.hiddenMark})</span>
          </>
        ) : null}
      </span>
      <span className="print-only">
        {cell.status === "shown" ? (display ?? cell.value) : protectedLabel(cell, locale)}
      </span>
    </Tag>
  );
}

/**
 * A table of counts with row labels, protected cells, optional extra screen-only columns and a total row.
 * With `totalFirst` the last column (the row total) comes first, so a phone shows it without scrolling.
 */
export function CountTable({
  caption,
  rowHeader,
  columns: givenColumns,
  rows: givenRows,
  totals: givenTotals,
  totalLabel,
  extra = [],
  totalFirst = false,
}: {
  caption: string;
  rowHeader: string;
  columns: string[];
  rows: {
    key: string;
    label: ReactNode;
    cells: ProtectedCell[];
    extra?: ReactNode[];
    displays?: (string | undefined)[];
  }[];
  totals?: ProtectedCell[] | null;
  totalLabel?: string;
  extra?: string[];
  totalFirst?: boolean;
}) {
  const order = <T,>(items: T[]): T[] =>
    totalFirst && items.length > 1 ? [items.at(-1)!, ...items.slice(0, -1)] : items;
  const columns = order(givenColumns);
  const rows = givenRows.map((r) => ({
    ...r,
    cells: order(r.cells),
    displays: r.displays ? order(r.displays) : undefined,
  }));
  const totals = givenTotals ? order(givenTotals) : givenTotals;
  return (
    <TableWrap label={caption}>
      <table className="stats-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((c) => (
              <th key={c} scope="col" className="num">
                {c}
              </th>
            ))}
            {extra.map((c) => (
              <th key={c} scope="col" className="num exact-only">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {r.cells.map((cell, i) => (
                <CountCell key={i} cell={cell} label={columns[i]} display={r.displays?.[i]} />
              ))}
              {(r.extra ?? []).map((value, i) => (
                <td key={`x${i}`} className="num exact-only" data-label={extra[i]}>
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {totals && totals.length > 0 ? (
          <tfoot>
            <tr>
              <th scope="row">{totalLabel}</th>
              {totals.map((cell, i) => (
                <CountCell key={i} cell={cell} label={columns[i]} />
              ))}
              {extra.map((c) => (
                <td key={c} className="exact-only" data-label={c} />
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TableWrap>
  );
}

/**
 * Statistics tables keep their grid on a phone (two-dimensional data is exempt from reflow) and
 * scroll inside this box, which can take focus so keyboard users can scroll it too.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap stats-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
