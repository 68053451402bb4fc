import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatStockholmTime } from "~/outcomes/calendar";

/** Issue 10, point 10: staff see times in Stockholm time everywhere, workshops included. */
describe("times on staff pages", () => {
  it("shows a stored instant in Stockholm time, an hour ahead of UTC in winter and two in summer", () => {
    expect(formatStockholmTime("2026-11-29T13:05:00.000Z")).toBe("2026-11-29 14:05");
    expect(formatStockholmTime("2026-06-10T13:05:00.000Z")).toBe("2026-06-10 15:05");
  });

  it("is never shown by cutting the UTC text of a stored instant", () => {
    const dir = path.resolve(import.meta.dirname, "../../app/routes");
    const offenders = fs
      .readdirSync(dir)
      .filter((f) =>
        /\.slice\(0, 16\)\.replace\("T", " "\)|new Date\(\)\.toISOString\(\)\.slice\(0, 10\)/.test(
          fs.readFileSync(path.join(dir, f), "utf8"),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
