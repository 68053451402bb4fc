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
