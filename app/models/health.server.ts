import { db } from "~/db.server";

export async function databaseAnswers(): Promise<boolean> {
  try {
    await db.raw("select 1 as ok");
    return true;
  } catch {
    return false;
  }
}
