import { describe, expect, it } from "vitest";
import { readForm } from "~/http/body.server";

function post(body: BodyInit | null, contentType = "application/x-www-form-urlencoded") {
  return new Request("http://x/", { method: "POST", headers: { "Content-Type": contentType }, body });
}

describe("readForm", () => {
  it("reads an ordinary form", async () => {
    const result = await readForm(post("email=a%40b.se&password=x+y"));
    expect(result.ok && result.form.get("email")).toBe("a@b.se");
    expect(result.ok && result.form.get("password")).toBe("x y");
  });

  it("refuses a body over the cap with 413", async () => {
    const result = await readForm(post("a=" + "x".repeat(11 * 1024)), { maxBytes: 10 * 1024 });
    expect(result).toMatchObject({ ok: false, status: 413 });
  });

  it("refuses bytes that are not UTF-8, raw or percent-encoded", async () => {
    expect(await readForm(post(new Uint8Array([0x61, 0x3d, 0xff, 0xfe])))).toMatchObject({
      ok: false,
      status: 400,
      problem: "encoding",
    });
    expect(await readForm(post("a=%FF%FE"))).toMatchObject({ ok: false, status: 400, problem: "encoding" });
  });

  it("reads an empty body as an empty form and refuses other content types", async () => {
    const empty = await readForm(post(null));
    expect(empty.ok && [...empty.form].length).toBe(0);
    expect(await readForm(post("{}", "application/json"))).toMatchObject({ ok: false, status: 415 });
  });

  it("reads multipart forms with a browser's mixed-case boundary", async () => {
    const boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nHej Å\r\n--${boundary}--\r\n`;
    const result = await readForm(post(body, `multipart/form-data; boundary=${boundary}`));
    expect(result.ok && result.form.get("text")).toBe("Hej Å");
  });

  it("reads multipart forms too", async () => {
    const fd = new FormData();
    fd.set("text", "hej å");
    const req = new Request("http://x/", { method: "POST", body: fd });
    const result = await readForm(req);
    expect(result.ok && result.form.get("text")).toBe("hej å");
  });
});
