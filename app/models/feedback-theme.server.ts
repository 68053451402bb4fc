import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import { audit } from "~/models/audit.server";
import { DEFAULT_THEMES } from "../../db/migrations/0006_feedback_review";

export interface FeedbackTheme {
  id: number;
  name: string;
  parentId: number | null;
  archived: boolean;
}

interface ThemeRow {
  id: number;
  name: string;
  parent_id: number | null;
  sort_order: number;
  archived_at: string | null;
}

const toTheme = (r: ThemeRow): FeedbackTheme => ({
  id: r.id,
  name: r.name,
  parentId: r.parent_id,
  archived: r.archived_at !== null,
});

/** Themes in list order, sub-themes right after their parent. */
export async function listThemes({ includeArchived = false }: { includeArchived?: boolean } = {}): Promise<
  FeedbackTheme[]
> {
  const query = db("feedback_themes")
    .select("*")
    .orderBy([{ column: "sort_order" }, { column: "id" }]);
  if (!includeArchived) query.whereNull("archived_at");
  const rows: ThemeRow[] = await query;
  const parents = rows.filter((r) => r.parent_id === null);
  const ordered: ThemeRow[] = [];
  for (const p of parents) ordered.push(p, ...rows.filter((r) => r.parent_id === p.id));
  // sub-themes whose parent is archived still show, at the end
  ordered.push(...rows.filter((r) => !ordered.includes(r)));
  return ordered.map(toTheme);
}

/** The seeded list, for a database emptied by tests or made before the migration's seed. */
export async function ensureDefaultThemes(trx: Knex = db): Promise<void> {
  const [{ n }] = await trx("feedback_themes").count<{ n: number | string }[]>("* as n");
  if (Number(n) > 0) return;
  const now = nowIso();
  let order = 0;
  for (const theme of DEFAULT_THEMES) {
    const [{ id }] = await trx("feedback_themes")
      .insert({ name: theme.name, sort_order: (order += 10), created_at: now })
      .returning("id");
    for (const child of theme.children ?? []) {
      await trx("feedback_themes").insert({ name: child, parent_id: id, sort_order: (order += 10), created_at: now });
    }
  }
}

export type ThemeProblem = "duplicate" | "parent";

export async function createTheme({
  name,
  parentId,
  actor,
  ip,
}: {
  name: string;
  parentId: number | null;
  actor: { id: number; email: string };
  ip: string;
}): Promise<{ ok: true; id: number } | { ok: false; problem: ThemeProblem }> {
  return db.transaction(async (trx) => {
    // Compared in JavaScript: SQLite's lower() folds only ASCII, so "Ökad trygghet" and "ökad trygghet" would differ there.
    const all: { name: string }[] = await trx("feedback_themes").select("name");
    const key = (n: string) => n.normalize("NFC").toLocaleLowerCase("sv-SE");
    if (all.some((r) => key(r.name) === key(name))) return { ok: false as const, problem: "duplicate" as const };
    let sortOrder: number;
    if (parentId !== null) {
      const parent: ThemeRow | undefined = await trx("feedback_themes")
        .where({ id: parentId })
        .whereNull("parent_id")
        .first();
      if (!parent) return { ok: false as const, problem: "parent" as const };
      const [{ max }] = await trx("feedback_themes")
        .where({ parent_id: parentId })
        .max<{ max: number | null }[]>("sort_order as max");
      sortOrder = Number(max ?? parent.sort_order) + 1;
    } else {
      const [{ max }] = await trx("feedback_themes").max<{ max: number | null }[]>("sort_order as max");
      sortOrder = Number(max ?? 0) + 10;
    }
    const [{ id }] = await trx("feedback_themes")
      .insert({ name, parent_id: parentId, sort_order: sortOrder, created_at: nowIso() })
      .returning("id");
    await audit(
      {
        actor,
        action: "feedback_theme.create",
        entityType: "feedback_theme",
        entityId: id,
        ip,
        details: { name, parentId },
      },
      trx,
    );
    return { ok: true as const, id };
  });
}

/** Archived themes stay on the items and quotes that have them, but are no longer offered. */
export async function setThemeArchived({
  id,
  archived,
  actor,
  ip,
}: {
  id: number;
  archived: boolean;
  actor: { id: number; email: string };
  ip: string;
}): Promise<boolean> {
  return db.transaction(async (trx) => {
    const changed = await trx("feedback_themes")
      .where({ id })
      .update({ archived_at: archived ? nowIso() : null });
    if (changed === 0) return false;
    await audit(
      {
        actor,
        action: archived ? "feedback_theme.archive" : "feedback_theme.restore",
        entityType: "feedback_theme",
        entityId: id,
        ip,
      },
      trx,
    );
    return true;
  });
}
