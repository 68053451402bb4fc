import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROUTES = path.resolve(import.meta.dirname, "../../app/routes");

describe("resource routes", () => {
  it("never return Remix data() for an error: its status is dropped there (200 with the error body)", () => {
    const files = fs.readdirSync(ROUTES).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const source = fs.readFileSync(path.join(ROUTES, file), "utf8");
      expect(source, file).not.toMatch(/return\s+data\(/);
    }
  });
});
