import type { Knex } from "knex";

// The activity catalogue, laid in the foundation because surveys, feedback and attendance all point at it.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("activities", (t) => {
    t.increments("id").primary();
    t.string("name", 200).notNullable();
    t.string("place", 200).notNullable().defaultTo("");
    t.text("description").notNullable().defaultTo("");
    // regular: on the weekly schedule; special: an occasion such as Framtidsverkstad or julfirande
    t.string("kind", 16).notNullable().defaultTo("regular");
    // mallis: at the open activity centre; city: Street Minds' city-wide activities
    t.string("scope", 16).notNullable().defaultTo("mallis");
    // City-wide activities are open to more than the target group, so no attendance is kept for them.
    t.boolean("counts_attendance").notNullable().defaultTo(true);
    t.string("starts_on", 10).nullable();
    t.string("archived_at", 32).nullable();
    t.string("created_at", 32).notNullable();
    t.string("updated_at", 32).notNullable();
  });

  await knex.schema.createTable("activity_schedules", (t) => {
    t.increments("id").primary();
    t.integer("activity_id").notNullable().references("id").inTable("activities").onDelete("CASCADE");
    // ISO weekday: 1 = Monday … 7 = Sunday
    t.integer("weekday").notNullable();
    t.string("starts_at", 5).notNullable();
    t.string("ends_at", 5).nullable();
    t.index(["weekday"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("activity_schedules");
  await knex.schema.dropTable("activities");
}
