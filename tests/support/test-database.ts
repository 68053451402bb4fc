import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import knexFactory, { type Knex } from "knex";
import { knexConfig } from "../../db/knexfile";
import { databaseTarget } from "../../app/env.server";

/**
 * Test databases: one migrated template per run, cloned once per worker. SQLite clones are file
 * copies; on PostgreSQL (DATABASE_URL=postgres://…) they are databases made WITH TEMPLATE.
 */
export interface TemplateInfo {
  kind: "sqlite" | "pg";
  /** SQLite: the template file. PostgreSQL: the server URL without a database and the template's name. */
  location: string;
  templateName: string;
  runId: string;
}

export async function createTemplate(): Promise<TemplateInfo> {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const target = databaseTarget(process.env.DATABASE_URL);
  if (target.client === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deltagarrost-test-"));
    const file = path.join(dir, "template.sqlite");
    const knex = knexFactory(knexConfig({ client: "sqlite", filename: file }));
    await knex.migrate.latest();
    await knex.raw("PRAGMA wal_checkpoint(TRUNCATE)");
    await knex.destroy();
    return { kind: "sqlite", location: file, templateName: file, runId };
  }
  const templateName = `dr_template_${runId}`;
  const admin = knexFactory({ client: "pg", connection: target.connectionString, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE "${templateName}"`);
  await admin.destroy();
  const url = withDatabase(target.connectionString, templateName);
  const knex = knexFactory(knexConfig({ client: "pg", connectionString: url }));
  await knex.migrate.latest();
  await knex.destroy();
  return { kind: "pg", location: target.connectionString, templateName, runId };
}

/** The DATABASE_URL for this worker's own copy, made on first use. */
export async function workerDatabaseUrl(info: TemplateInfo, workerId: string): Promise<string> {
  if (info.kind === "sqlite") {
    const file = path.join(path.dirname(info.location), `worker-${workerId}.sqlite`);
    if (!fs.existsSync(file)) fs.copyFileSync(info.location, file);
    return `file:${file}`;
  }
  const name = `dr_w${workerId}_${info.runId}`;
  const admin = knexFactory({ client: "pg", connection: info.location, pool: { min: 0, max: 1 } });
  const exists = await admin.raw("select 1 from pg_database where datname = ?", [name]);
  if (exists.rows.length === 0) await admin.raw(`CREATE DATABASE "${name}" TEMPLATE "${info.templateName}"`);
  await admin.destroy();
  return withDatabase(info.location, name);
}

export async function dropAll(info: TemplateInfo): Promise<void> {
  if (info.kind === "sqlite") {
    fs.rmSync(path.dirname(info.location), { recursive: true, force: true });
    return;
  }
  const admin = knexFactory({ client: "pg", connection: info.location, pool: { min: 0, max: 1 } });
  const rows = await admin.raw("select datname from pg_database where datname like ?", [`%${info.runId}`]);
  for (const { datname } of rows.rows as { datname: string }[]) {
    await admin.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await admin.destroy();
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Empties every table but the migration bookkeeping, so a test file starts from nothing. */
export async function truncateAll(knex: Knex): Promise<void> {
  const client = knex.client.config.client;
  if (client === "pg") {
    const result = await knex.raw(
      "select tablename from pg_tables where schemaname = 'public' and tablename not like 'knex_migrations%'",
    );
    const names = (result.rows as { tablename: string }[]).map((r) => `"${r.tablename}"`);
    if (names.length > 0) await knex.raw(`TRUNCATE ${names.join(", ")} RESTART IDENTITY CASCADE`);
    return;
  }
  const rows: { name: string }[] = await knex.raw(
    "select name from sqlite_master where type = 'table' and name not like 'knex_migrations%' and name not like 'sqlite_%'",
  );
  await knex.raw("PRAGMA foreign_keys = OFF");
  for (const { name } of rows) await knex.raw(`DELETE FROM "${name}"`);
  await knex.raw("DELETE FROM sqlite_sequence").catch(() => undefined);
  await knex.raw("PRAGMA foreign_keys = ON");
}
