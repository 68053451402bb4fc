// The baseline for the submission benchmark: a bare HTTP server that parses the JSON body and inserts one row,
// on the same knex + SQLite settings as the app (WAL, busy_timeout, synchronous=NORMAL, temp_store=MEMORY), nothing
// else. The benchmark starts it with `node --import tsx`, one process like the app's `node server.js`.
import http from "node:http";
import knexFactory from "knex";
import { knexConfig } from "../../db/knexfile";

const file = process.env.BARE_DB!;
const port = Number(process.env.PORT);
const knex = knexFactory(knexConfig({ client: "sqlite", filename: file }));
await knex.schema.createTable("bare", (t) => {
  t.string("id", 36).primary();
  t.text("body").notNullable();
});

const server = http.createServer((req, res) => {
  if (req.method === "GET") {
    res.writeHead(200).end("ok");
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    try {
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = JSON.parse(raw) as { id: string };
      await knex("bare").insert({ id: body.id, body: raw });
      res.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify({ id: body.id, status: "stored" }));
    } catch {
      res.writeHead(400).end();
    }
  });
});
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => {
  server.close();
  void knex.destroy().then(() => process.exit(0));
});
