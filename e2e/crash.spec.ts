// The server is killed (SIGKILL) in the middle of a burst of writes, then started again: every
// write it had acknowledged is there, none is half-applied, and SQLite finds its file sound.
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { demoToken, freshDatabase, startServer } from "../scripts/lib/server";
import { E2E_PORT } from "../playwright.config";

const ROUNDS = 2;
const WORKERS = 8;

test("acknowledged writes survive a SIGKILL, whole", async () => {
  test.setTimeout(180_000);
  const databaseUrl = freshDatabase();
  const port = E2E_PORT + 1;
  let server = await startServer({ port, databaseUrl });
  const token = await demoToken(server.url, "alice");
  const headers = { Authorization: `Token ${token}`, "Content-Type": "application/json" };
  const mine = await (await fetch(`${server.url}/api/v1/images?created_by=alice&page_size=5`, { headers })).json();
  const ids: string[] = mine.results.map((image: { id: string }) => image.id);
  const acknowledged: { id: string; seq: number }[] = [];
  let seq = 0;

  for (let round = 0; round < ROUNDS; round++) {
    let running = true;
    const worker = async () => {
      while (running) {
        const id = ids[seq % ids.length];
        const mark = ++seq;
        try {
          const response = await fetch(`${server.url}/api/v1/images/${id}`, {
            method: "PATCH",
            headers,
            body: JSON.stringify({ name: `crash ${mark}`, description: `written by write ${mark}`, tags: [`write-${mark}`] }),
          });
          if (response.status === 200) acknowledged.push({ id, seq: mark });
        } catch {
          // The server died under this request: it was never acknowledged.
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await server.stop("SIGKILL");
    running = false;
    await Promise.all(workers);
    server = await startServer({ port, databaseUrl });
  }

  const sqlite = new Database(databaseUrl.slice("file:".length), { readonly: true });
  try {
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(acknowledged.length).toBeGreaterThan(10);
    const audited = new Set(
      (sqlite.prepare("SELECT changes FROM image_edits").all() as { changes: string }[]).map((row) => JSON.parse(row.changes).name?.to),
    );
    for (const write of acknowledged) expect(audited.has(`crash ${write.seq}`), `write ${write.seq}`).toBe(true);
  } finally {
    sqlite.close();
  }
  // No image holds parts of two writes: its name, description and tag all come from one.
  for (const id of ids) {
    const image = await (await fetch(`${server.url}/api/v1/images/${id}`, { headers })).json();
    const mark = /^crash (\d+)$/.exec(image.name)?.[1];
    if (!mark) continue;
    expect(image.description).toBe(`written by write ${mark}`);
    expect(image.tags).toEqual([`write-${mark}`]);
  }
  console.log(`crash: ${ROUNDS} SIGKILLs during ${acknowledged.length} acknowledged writes; all present, none half-applied, integrity ok`);
  await server.stop();
});
