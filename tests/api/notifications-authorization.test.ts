// The notification endpoints × every kind of caller: each sees and marks only their own.
import { beforeEach, beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/v1/notifications/route";
import * as readRoute from "@/app/api/v1/notifications/read/route";
import { db } from "@/lib/db/client";
import { call, type CallOptions } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

const VIEWERS = ["anonymous", "plain user", "recipient", "staff", "valid token", "revoked token", "expired token", "malformed token"] as const;
type ViewerKind = (typeof VIEWERS)[number];

/** How each kind of caller authenticates, and whose notifications they act on (null: nobody, a 401). */
const CALLERS: Record<ViewerKind, () => { options: CallOptions; owner: number | null }> = {
  anonymous: () => ({ options: {}, owner: null }),
  "plain user": () => ({ options: { session: world.users.carol }, owner: world.users.carol.id }),
  recipient: () => ({ options: { session: world.users.alice }, owner: world.users.alice.id }),
  staff: () => ({ options: { session: world.users.staff }, owner: world.users.staff.id }),
  "valid token": () => ({ options: { token: world.tokens.alice }, owner: world.users.alice.id }),
  "revoked token": () => ({ options: { token: world.tokens.revoked }, owner: null }),
  "expired token": () => ({ options: { token: world.tokens.expired }, owner: null }),
  "malformed token": () => ({ options: { headers: { Authorization: "Token nope" } }, owner: null }),
};
const as = (viewer: ViewerKind) => CALLERS[viewer]().options;
const ownerOf = (viewer: ViewerKind) => CALLERS[viewer]().owner;

// Two notices each for alice, bob and staff; carol has none.
beforeEach(async () => {
  await db.notification.deleteMany();
  for (const user of [world.users.alice, world.users.bob, world.users.staff]) {
    for (const n of [1, 2]) await db.notification.create({ data: { userId: user.id, kind: "image_shared", title: `For ${user.username} ${n}`, link: `/images/${world.images.shared}` } });
  }
});

const unreadBy = async () =>
  Object.fromEntries(
    await Promise.all(Object.values(world.users).map(async (user) => [user.username, await db.notification.count({ where: { userId: user.id, readAt: null } })] as const)),
  );

describe.each(VIEWERS)("as %s", (viewer) => {
  const owner = () => ownerOf(viewer);

  it("GET /notifications: 401, or exactly the caller's own", async () => {
    const { status, body } = await call(listRoute.GET, "/api/v1/notifications", as(viewer));
    if (owner() === null) return expect(status).toBe(401);
    expect(status).toBe(200);
    const own = await db.notification.findMany({ where: { userId: owner()! }, select: { id: true }, orderBy: { id: "desc" } });
    expect(body.results.map((notice: { id: number }) => notice.id)).toEqual(own.map((notice) => notice.id));
  });

  it('POST /notifications/read {"all": true}: 401, or only the caller\'s marked', async () => {
    const before = await unreadBy();
    const { status, body } = await call(readRoute.POST, "/api/v1/notifications/read", { method: "POST", body: { all: true }, ...as(viewer) });
    const after = await unreadBy();
    if (owner() === null) {
      expect(status).toBe(401);
      return expect(after).toEqual(before);
    }
    expect(status).toBe(200);
    const username = Object.values(world.users).find((user) => user.id === owner())!.username;
    expect(body).toEqual({ marked: before[username], unread: 0 });
    expect(after).toEqual({ ...before, [username]: 0 });
  });

  it("POST /notifications/read with bob's ids: 401, or nothing marked (200) for anyone but bob", async () => {
    const bobs = await db.notification.findMany({ where: { userId: world.users.bob.id }, select: { id: true } });
    const before = await unreadBy();
    const { status, body } = await call(readRoute.POST, "/api/v1/notifications/read", { method: "POST", body: { ids: bobs.map((notice) => notice.id) }, ...as(viewer) });
    expect(status).toBe(owner() === null ? 401 : 200);
    if (owner() !== null) expect(body.marked).toBe(0);
    expect(await unreadBy()).toEqual(before);
  });
});
