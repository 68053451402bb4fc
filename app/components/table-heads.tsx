/**
 * The head row every table of the house shares, and the numeric cell beneath it:
 *
 *   <ColumnHeads columns={[t.date, t.program]} numeric={[t.visits, t.total]} action={t.endSession} />
 *   <NumCell label={t.visits}>{row.visits}</NumCell>
 *
 * A head is `th scope="col"`: the `columns` first, then the counts (`numeric`, right-aligned), then the column of a
 * row's buttons (`action`, said to a screen reader only). A column may also say how it is shown (`ColumnHead`: a
 * count, or a date kept whole on a wide screen). A cell's `data-label` names its column for the phone layout,
 * where a row becomes a card.
 */
import type { ReactNode } from "react";

export interface ColumnHead {
  label: ReactNode;
  /** A count: right-aligned. */
  numeric?: boolean;
  /** A date, period or code: kept on one line on a wide screen. */
  whole?: boolean;
  /** Said to a screen reader only (the column of a row's buttons). */
  hidden?: boolean;
}

/** The class of a column's head and cells. */
export function cellClass(c: { numeric?: boolean; whole?: boolean }): string | undefined {
  return [c.numeric ? "num" : "", c.whole ? "cell--whole" : ""].filter(Boolean).join(" ") || undefined;
}

/** A table's `thead`: one row of column heads, a plain text being a plain head. */
export function ColumnHeads({
  columns = [],
  numeric = [],
  action,
}: {
  columns?: readonly (string | ColumnHead)[];
  /** The counts, after `columns`. */
  numeric?: readonly string[];
  /** The last column, of each row's buttons: its head is said to a screen reader only. */
  action?: ReactNode;
}) {
  const heads: ColumnHead[] = [
    ...columns.map((c) => (typeof c === "string" ? { label: c } : c)),
    ...numeric.map((label) => ({ label, numeric: true })),
    ...(action ? [{ label: action, hidden: true }] : []),
  ];
  return (
    <thead>
      <tr>
        {heads.map((c, i) => {
          return (
            <th key={i} scope="col" className={cellClass(c)}>
              {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** A count in a table row, labelled by its column. */
export function NumCell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <td className="num" data-label={label}>
      {children}
    </td>
  );
}
