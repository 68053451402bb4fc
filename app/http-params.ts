import { z } from "zod";
import { notFound } from "./http.server";

/** A route's numeric id, or a 404: a malformed id tells nothing more than an unknown one. */
export function parseId(raw: string | undefined | null): number {
  const id = Number(raw);
  if (!raw || !Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}

/** True for a real calendar date written YYYY-MM-DD (no 2024-02-31, no 2024-13-01). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const isoDate = z.string().refine(isIsoDate, "errDate");
