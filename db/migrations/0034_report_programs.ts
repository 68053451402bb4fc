import type { Knex } from "knex";

// A report's programmes as rows (decision 0037), so that programme scope is a condition in SQL on both engines:
// "every programme of the report is one the reader works in" is a NOT EXISTS over this table. The JSON list in
// `reports.program_ids` stays as the report was written; `createReport` writes both in one transaction.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("report_programs", (t) => {
    t.integer("report_id").notNullable().references("id").inTable("reports").onDelete("CASCADE");
    t.integer("program_id").notNullable().references("id").inTable("programs");
    t.primary(["report_id", "program_id"]);
    t.index(["program_id"]);
  });
  const reports: { id: number; program_ids: string }[] = await knex("reports").select("id", "program_ids");
  const rows = reports.flatMap((r) =>
    idsOf(r.program_ids).map((programId) => ({ report_id: r.id, program_id: programId })),
  );
  const known = new Set(((await knex("programs").select("id")) as { id: number }[]).map((p) => Number(p.id)));
  const kept = rows.filter((r) => known.has(r.program_id));
  for (let i = 0; i < kept.length; i += 200) await knex("report_programs").insert(kept.slice(i, i + 200));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("report_programs");
}

function idsOf(json: string): number[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? [...new Set(value.map(Number).filter(Number.isSafeInteger))] : [];
  } catch {
    return [];
  }
}
