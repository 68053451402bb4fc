import { inject } from "vitest";
import { workerDatabaseUrl } from "./test-database";

// Runs before each test file's imports: point the app at this worker's own database.
const info = inject("dbTemplate");
process.env.DATABASE_URL = await workerDatabaseUrl(info, process.env.VITEST_POOL_ID ?? "0");
process.env.SESSION_SECRET ??= "integration-test-secret-0123456789";
process.env.NODE_ENV = "test";
