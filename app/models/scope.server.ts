import type { Knex } from "knex";
import type { Scope } from "~/auth/scope";

/**
 * Limits a query to a scope (see `app/auth/scope.ts`), in SQL: `column` is the record's programme id.
 * An undefined scope means no limit (the system itself, a command-line task).
 */
export function whereInScope<Q extends Knex.QueryBuilder>(query: Q, column: string, scope: Scope | undefined): Q {
  if (!scope || scope.all) return query;
  const ids = scope.programIds;
  if (ids.length === 0 && !scope.unassigned) return query.whereRaw("1 = 0") as Q;
  return query.where((q) => {
    if (ids.length > 0) q.whereIn(column, [...ids]);
    if (scope.unassigned) q.orWhereNull(column);
  }) as Q;
}

/** A record that covers several programmes through a link table (a report and `report_programs`). */
export interface ProgrammeLinks {
  /** The link table, e.g. "report_programs"; its programme column is `program_id`. */
  table: string;
  /** The link table's column naming the record, e.g. "report_id". */
  recordColumn: string;
  /** The record's id in the outer query, e.g. "r.id". */
  recordId: string;
}

/**
 * Limits a query to records every programme of which is within the scope, in SQL. A record linked to no
 * programme follows the scope's rule for records without one (`unassigned`).
 */
export function whereEveryInScope<Q extends Knex.QueryBuilder>(
  query: Q,
  links: ProgrammeLinks,
  scope: Scope | undefined,
): Q {
  if (!scope || scope.all) return query;
  const ids = [...scope.programIds];
  const linked = (q: Knex.QueryBuilder) =>
    q
      .select(1)
      .from(`${links.table} as scope_link`)
      .whereRaw("?? = ??", [`scope_link.${links.recordColumn}`, links.recordId]);
  query.whereNotExists(function outside(this: Knex.QueryBuilder) {
    linked(this);
    if (ids.length > 0) this.whereNotIn("scope_link.program_id", ids);
  });
  if (!scope.unassigned)
    query.whereExists(function some(this: Knex.QueryBuilder) {
      linked(this);
    });
  return query;
}

/** Limits a query to records linked to at least one of `programIds` (the reports sharing a programme). */
export function whereAnyLinked<Q extends Knex.QueryBuilder>(
  query: Q,
  links: ProgrammeLinks,
  programIds: readonly number[],
): Q {
  return query.whereExists(function shared(this: Knex.QueryBuilder) {
    this.select(1)
      .from(`${links.table} as scope_link`)
      .whereRaw("?? = ??", [`scope_link.${links.recordColumn}`, links.recordId])
      .whereIn("scope_link.program_id", programIds.length > 0 ? [...programIds] : [-1]);
  }) as Q;
}
