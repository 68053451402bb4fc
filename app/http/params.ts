import { z } from "zod";
import { notFound } from "./errors.server";
import { isIsoDate } from "../outcomes/calendar";

/** A route's numeric id, or a 404: a malformed id tells nothing more than an unknown one. */
export function parseId(raw: string | undefined | null): number {
  const id = Number(raw);
  if (!raw || !Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

export { isIsoDate };

/** A real calendar date written YYYY-MM-DD (no 2024-02-31, no 2024-13-01); the message is a string key. */
export const isoDate = z.string().refine(isIsoDate, "errDate");
