import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  SESSION_SECRET: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(16, "SESSION_SECRET måste vara minst 16 tecken").optional(),
  ),
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  DATABASE_URL: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v === "" || v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v),
      "DATABASE_URL must be empty, file:PATH or postgres://…",
    ),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Reads and checks the environment once; a bad value stops the start with a readable message. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export const projectRoot = process.cwd();
export const dataDir = path.join(projectRoot, "db", "data");

export type DatabaseTarget = { client: "sqlite"; filename: string } | { client: "pg"; connectionString: string };

export function databaseTarget(url = process.env.DATABASE_URL): DatabaseTarget {
  if (!url) return { client: "sqlite", filename: path.join(dataDir, "app.sqlite") };
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    return { client: "sqlite", filename: path.isAbsolute(file) ? file : path.join(projectRoot, file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { client: "pg", connectionString: url };
  throw new Error(`DATABASE_URL must be empty, file:PATH or postgres://… (got ${url.split(":")[0]}:…)`);
}
