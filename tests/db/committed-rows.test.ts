// The catalog's reads of committed data (lib/db/committed-rows.ts): on SQLite they bypass
// Prisma, so they must find exactly what the same statement finds through Prisma (its values
// bound the same way, to the millisecond), never see a transaction still open, and keep working
// past the number of statements they keep prepared.
import { beforeAll, describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db/client";
import { committedRows, rowsOf } from "@/lib/db/committed-rows";
import { stopBackgroundWork } from "@/lib/ops/shutdown";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

const ids = async (statement: Prisma.Sql) => (await committedRows<{ id: string }>(statement)).map((row) => row.id).sort();
const idsThroughPrisma = async (statement: Prisma.Sql) => (await rowsOf(db)<{ id: string }>(statement)).map((row) => row.id).sort();

describe("committedRows", () => {
  it("compares dates as Prisma binds them, to the millisecond", async () => {
    const { scheduled } = world.images;
    const { endDate } = await db.image.findUniqueOrThrow({ where: { id: scheduled }, select: { endDate: true } });
    const moments = [endDate!, new Date(endDate!.getTime() - 1), new Date(endDate!.getTime() + 1)];
    for (const moment of moments) {
      for (const statement of [
        Prisma.sql`SELECT i.id FROM images i WHERE i.end_date > ${moment}`,
        Prisma.sql`SELECT i.id FROM images i WHERE i.end_date >= ${moment}`,
        Prisma.sql`SELECT i.id FROM images i WHERE i.end_date = ${moment}`,
      ]) {
        expect(await ids(statement)).toEqual(await idsThroughPrisma(statement));
      }
    }
    expect(await ids(Prisma.sql`SELECT i.id FROM images i WHERE i.end_date = ${endDate}`)).toEqual([scheduled]);
    expect(await ids(Prisma.sql`SELECT i.id FROM images i WHERE i.end_date > ${endDate}`)).not.toContain(scheduled);
  });

  it("compares booleans as Prisma binds them", async () => {
    for (const value of [true, false]) {
      const statement = Prisma.sql`SELECT i.id FROM images i WHERE i.private = ${value}`;
      expect(await ids(statement)).toEqual(await idsThroughPrisma(statement));
    }
    expect(await ids(Prisma.sql`SELECT i.id FROM images i WHERE i.private = ${true}`)).toContain(world.images.private);
  });

  it("sees what is committed, never a transaction still open", async () => {
    const id = world.images.public;
    let seenDuring = "";
    await expect(
      db.$transaction(async (tx) => {
        await tx.image.update({ where: { id }, data: { name: "uncommitted name" } });
        [{ name: seenDuring }] = await committedRows<{ name: string }>(Prisma.sql`SELECT i.name FROM images i WHERE i.id = ${id}`);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(seenDuring).toBe("Ubuntu 22.04 Base");
    await db.image.update({ where: { id }, data: { name: "committed name" } });
    expect(await committedRows(Prisma.sql`SELECT i.name FROM images i WHERE i.id = ${id}`)).toEqual([{ name: "committed name" }]);
    await db.image.update({ where: { id }, data: { name: "Ubuntu 22.04 Base" } });
  });

  it("answers right past the number of statements it keeps prepared", async () => {
    for (let n = 1; n <= 520; n++) {
      const [row] = await committedRows<{ n: number | bigint }>(Prisma.sql`SELECT ${n} + ${Prisma.raw(String(n))} AS n`);
      expect(Number(row.n)).toBe(2 * n);
    }
    // The first statements were dropped from the prepared ones; run again, they are prepared anew.
    const [row] = await committedRows<{ n: number | bigint }>(Prisma.sql`SELECT ${5} + ${Prisma.raw("1")} AS n`);
    expect(Number(row.n)).toBe(6);
  });

  it("opens its connection again for a read after the process stopped its background work", async () => {
    await stopBackgroundWork();
    expect(await ids(Prisma.sql`SELECT i.id FROM images i WHERE i.id = ${world.images.public}`)).toEqual([world.images.public]);
  });
});
