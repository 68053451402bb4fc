import { describe, expect, it } from "vitest";
import { z } from "zod";
import { leftOutAsEmpty, parseForm } from "~/http/parse-form";

const schema = z.object({
  name: z.string().trim().min(1, "errName").max(20, "errName"),
  programIds: z.array(z.coerce.number().int().positive()).min(1, "errPrograms"),
  disabled: z.boolean(),
  note: z.string().optional(),
  count: z.coerce.number().int().min(0),
});

describe("parseForm", () => {
  it("reads repeated fields as arrays, checkboxes as booleans and gives the typed value", () => {
    const form = new URLSearchParams("name=+Anna+&programIds=1&programIds=3&disabled=on&count=4");
    expect(parseForm(form, schema)).toEqual({
      ok: true,
      value: { name: "Anna", programIds: [1, 3], disabled: true, count: 4 },
    });
  });

  it("reads FormData the same way, and an absent checkbox is false", () => {
    const form = new FormData();
    form.append("name", "Bo");
    form.append("programIds", "2");
    form.append("count", "0");
    form.append("note", "hej");
    expect(parseForm(form, schema)).toEqual({
      ok: true,
      value: { name: "Bo", programIds: [2], disabled: false, note: "hej", count: 0 },
    });
  });

  it("gives the schema's message per field, the fallback where zod would speak, form-level errors under form", () => {
    const form = new URLSearchParams("name=&count=x");
    const parsed = parseForm(form, schema);
    expect(parsed).toEqual({
      ok: false,
      errors: { name: "errName", programIds: "errPrograms", count: "errForm" },
      missing: [],
    });
    const refined = schema.refine((v) => v.programIds.length < 2, "errTooMany");
    expect(parseForm(new URLSearchParams("name=a&programIds=1&programIds=2&count=1"), refined)).toEqual({
      ok: false,
      errors: { form: "errTooMany" },
      missing: [],
    });
  });

  it("reads every option of a discriminated union of intents", () => {
    const intents = z.discriminatedUnion("intent", [
      z.object({ intent: z.literal("rename"), title: z.string().min(1, "errTitle") }),
      z.object({ intent: z.literal("tag"), themeIds: z.array(z.coerce.number()) }),
    ]);
    expect(parseForm(new URLSearchParams("intent=tag&themeIds=4&themeIds=5"), intents)).toEqual({
      ok: true,
      value: { intent: "tag", themeIds: [4, 5] },
    });
    expect(parseForm(new URLSearchParams("intent=rename&title="), intents)).toEqual({
      ok: false,
      errors: { title: "errTitle" },
      missing: [],
    });
    expect(parseForm(new URLSearchParams("intent=rename"), intents)).toEqual({
      ok: false,
      errors: { title: "errMissing" },
      missing: ["title"],
    });
    expect(parseForm(new URLSearchParams("intent=drop"), intents)).toMatchObject({
      ok: false,
      errors: { intent: "errForm" },
      missing: [],
    });
    expect(parseForm(new URLSearchParams("themeIds=4"), intents)).toMatchObject({ ok: false, missing: ["intent"] });
  });

  it("tells a field left out from one sent empty: left out is missing, empty is the schema's to judge", () => {
    const note = z.object({
      intent: z.literal("save-note"),
      themeId: z.union([z.literal(""), z.coerce.number().int().positive()]),
      hidden: z.string().optional(),
    });
    expect(parseForm(new URLSearchParams("intent=save-note&themeId="), note)).toEqual({
      ok: true,
      value: { intent: "save-note", themeId: "" },
    });
    expect(parseForm(new URLSearchParams("intent=save-note"), note)).toEqual({
      ok: false,
      errors: { themeId: "errMissing" },
      missing: ["themeId"],
    });
    // A wrong value sent is not missing: 422 with the field's message, not 400.
    expect(parseForm(new URLSearchParams("intent=save-note&themeId=x"), note)).toMatchObject({ missing: [] });
  });

  it("reads a field the browser may leave out (a radio group with nothing chosen) as empty, with its own message", () => {
    const radio = z.object({ role: leftOutAsEmpty(z.enum(["admin", "researcher"], { message: "errRole" })) });
    expect(parseForm(new URLSearchParams(""), radio)).toEqual({ ok: false, errors: { role: "errRole" }, missing: [] });
    expect(parseForm(new URLSearchParams("role=admin"), radio)).toEqual({ ok: true, value: { role: "admin" } });
  });
});
