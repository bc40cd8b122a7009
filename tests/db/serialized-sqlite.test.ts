// SQLite's one connection (SPEC §11, issue 15): a statement sent while another request's
// transaction is open waits for it, instead of running inside it and being rolled back with it.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken, viewerFromAuthorization } from "@/lib/auth/api-tokens";
import { db, dbKind } from "@/lib/db/client";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a write made while another transaction is open and then fails", () => {
  it("is not rolled back with it: the token created meanwhile works, the one revoked meanwhile stays revoked", async () => {
    const { token: revoked, summary } = await createApiToken(world.users.bob.id, "to revoke meanwhile");
    const order: string[] = [];
    const failing = db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: world.users.carol.id }, data: { displayName: "changed, then rolled back" } });
      order.push("transaction wrote");
      await sleep(150); // real I/O awaited inside the transaction opens the window
      order.push("transaction fails");
      throw new Error("the transaction fails");
    });
    await sleep(20);
    const created = createApiToken(world.users.alice.id, "made meanwhile").then((result) => {
      order.push("token created");
      return result;
    });
    // One plain statement, outside any transaction of its own (Prisma wraps many of its writes in one).
    const revoking = db.$executeRaw`UPDATE api_tokens SET revoked_at = ${new Date()} WHERE id = ${summary.id}`.then(() => order.push("token revoked"));
    await expect(failing).rejects.toThrow("the transaction fails");
    const [{ token }] = await Promise.all([created, revoking]);
    expect((await viewerFromAuthorization(`Token ${token}`)).username).toBe("alice");
    await expect(viewerFromAuthorization(`Token ${revoked}`)).rejects.toMatchObject({ status: 401 });
    expect((await db.user.findUniqueOrThrow({ where: { id: world.users.carol.id } })).displayName).toBe("carol");
    // On SQLite the write waited for the transaction; on PostgreSQL it ran beside it, on a connection of its own.
    if (dbKind === "sqlite") expect(order.slice(0, 2)).toEqual(["transaction wrote", "transaction fails"]);
  });

  it("a read made meanwhile does not see the transaction's uncommitted write", async () => {
    let seen = "";
    const failing = db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: world.users.bob.id }, data: { displayName: "uncommitted" } });
      await sleep(100);
      throw new Error("rolled back");
    });
    await sleep(20);
    seen = (await db.user.findUniqueOrThrow({ where: { id: world.users.bob.id } })).displayName;
    await expect(failing).rejects.toThrow("rolled back");
    expect(seen).toBe("bob");
  });
});

describe.runIf(dbKind === "sqlite")("a COMMIT that fails", () => {
  it("rolls the transaction back and frees the connection for everything after it", async () => {
    const failing = db.$transaction(async (tx) => {
      // Foreign keys checked at COMMIT, and a session for a user that does not exist.
      await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
      await tx.$executeRawUnsafe("INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES ('orphan', 999999, 0, 0, 0)");
    });
    await expect(failing).rejects.toThrow();
    const after = await Promise.race([db.session.count({ where: { id: "orphan" } }), sleep(3_000).then(() => "still waiting")]);
    expect(after).toBe(0);
    expect(await db.$transaction((tx) => tx.user.count())).toBeGreaterThan(0);
  });
});
