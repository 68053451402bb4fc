import { describe, expect, it } from "vitest";
import { format } from "~/i18n/define";
import { localeFromCookieHeader } from "~/i18n/locale";
import { common } from "~/i18n/strings/common";
import { staff } from "~/i18n/strings/staff";

describe("i18n", () => {
  it("defaults to Swedish and honours the lang cookie", () => {
    expect(localeFromCookieHeader(null)).toBe("sv");
    expect(localeFromCookieHeader("a=b; lang=en")).toBe("en");
    expect(localeFromCookieHeader("lang=de")).toBe("sv");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("Vänta {minutes} minuter", { minutes: 15 })).toBe("Vänta 15 minuter");
    expect(format("{a} {b}", { a: 1 })).toBe("1 {b}");
  });

  it("has every string in both languages, none empty", () => {
    for (const group of [common, staff]) {
      expect(Object.keys(group.en).sort()).toEqual(Object.keys(group.sv).sort());
      for (const value of [...Object.values(group.sv), ...Object.values(group.en)]) expect(value.trim()).not.toBe("");
    }
  });
});
