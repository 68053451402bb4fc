import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "~/auth/password.server";

describe("scrypt passwords", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("demo-password");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("demo-password", hash)).toBe(true);
    expect(await verifyPassword("demo-passwore", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same", b)).toBe(true);
  });

  it("treats a malformed stored hash as no match instead of throwing", async () => {
    expect(await verifyPassword("x", "plaintext")).toBe(false);
    expect(await verifyPassword("x", "scrypt$1$2")).toBe(false);
  });

  it("normalises Unicode so å typed two ways is the same password", async () => {
    const hash = await hashPassword("lösenord-å");
    expect(await verifyPassword("lösenord-a\u030a", hash)).toBe(true);
  });

  it("generates readable random passwords without look-alike characters", () => {
    const pw = generatePassword();
    expect(pw).toHaveLength(14);
    expect(pw).not.toMatch(/[0O1lI]/);
    expect(generatePassword()).not.toBe(pw);
  });
});
