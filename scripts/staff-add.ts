// Creates a staff account from the command line, e.g. the first admin of a production install:
//   npm run staff:add -- --email anna@example.se --role admin [--name "Anna A"] [--programs bostad-forst,fot]
// The password is generated and printed once (or read from STAFF_PASSWORD).
import { parseArgs } from "node:util";
import { migrateToLatest } from "~/models/migrations.server";
import { closeDatabase } from "~/db.server";
import { createAccountFromCli } from "~/auth/staff-cli.server";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      programs: { type: "string" },
    },
  });
  await migrateToLatest();
  const result = await createAccountFromCli({
    email: values.email ?? "",
    role: values.role ?? "",
    name: values.name,
    programSlugs: values.programs
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    password: process.env.STAFF_PASSWORD,
  });
  if (!result.ok) {
    console.error(result.message);
    return 2;
  }
  console.log(`Created ${result.role} ${result.email} (programmes: ${result.programs.join(", ")}).`);
  if (result.generatedPassword) console.log(`Password (shown once): ${result.generatedPassword}`);
  return 0;
}

main()
  .then(async (code) => {
    await closeDatabase();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error instanceof Error ? error.message : error);
    await closeDatabase();
    process.exit(1);
  });
