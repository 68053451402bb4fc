/**
 * The one list page of the staff area: heading, lead, the "new" action, then the records as a table, or a line
 * saying there are none.
 *
 *   <ListPage
 *     title={t.listTitle}
 *     lead={t.listLead}
 *     action={{ to: "/staff/reports/new", label: t.newReport }}
 *     empty={t.none}
 *     rows={reports}
 *     columns={[
 *       { label: t.colTitle, cell: (r) => <Link to={`/staff/reports/${r.id}`}>{r.title}</Link> },
 *       { label: t.colUpdated, cell: (r) => r.updatedAt },
 *     ]}
 *   />
 *
 * The table is `DataTable`: on a phone each row becomes a card whose cells are labelled by their column.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { cellClass, ColumnHeads } from "~/components/table-heads";

export interface Column<Row> {
  label: string;
  cell: (row: Row) => ReactNode;
  /** A count: right-aligned. */
  numeric?: boolean;
  /** A date, period or code: kept on one line on a wide screen. */
  whole?: boolean;
}

/** A table of records with a hidden caption; each cell carries its column's label for the phone layout. */
export function DataTable<Row extends { id: string | number }>({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
}) {
  return (
    <div className="table-wrap">
      <table className="responsive data-table">
        <caption className="visually-hidden">{caption}</caption>
        <ColumnHeads columns={columns} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {columns.map((c) => (
                <td key={c.label} data-label={c.label} className={cellClass(c)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ListPage<Row extends { id: string | number }>({
  title,
  lead,
  action,
  empty,
  rows,
  columns,
  children,
}: {
  title: string;
  lead?: ReactNode;
  /** The "new" button; nothing when the person may not create one. */
  action?: { to: string; label: string } | null;
  /** Said instead of the table when there are no rows. */
  empty: ReactNode;
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  /** Shown after the list. */
  children?: ReactNode;
}) {
  return (
    <div className="page">
      <h1>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {action ? (
        <p>
          <Link to={action.to} className="button">
            {action.label}
          </Link>
        </p>
      ) : null}
      {rows.length === 0 ? <p>{empty}</p> : <DataTable caption={title} columns={columns} rows={rows} />}
      {children}
    </div>
  );
}
