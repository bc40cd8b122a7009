// The notification pages' server actions: the settings form (also a forged one) and Mark all as read.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { markAllReadAction } from "@/app/notifications/actions";
import { saveEmailSettingsAction } from "@/app/settings/notifications/actions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { seedFixture, type Fixture } from "../fixtures";

let signedIn: Viewer;
vi.mock("@/lib/auth/viewer", () => ({ currentViewer: async () => signedIn }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
  signedIn = world.users.bob;
});

/** The action's redirect target (actions end in a redirect, thrown as NEXT_REDIRECT). */
async function redirectOf(action: Promise<void>): Promise<string> {
  const error = await action.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(String((error as Error)?.message)).toBe("NEXT_REDIRECT");
  return String((error as { digest: string }).digest).split(";")[2];
}

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

describe("the settings form", () => {
  it("saves the checked kinds", async () => {
    expect(await redirectOf(saveEmailSettingsAction(form([["email", "image_shared"]])))).toBe("/settings/notifications?saved=1");
    const rows = await db.notificationSetting.findMany({ where: { userId: world.users.bob.id, email: true } });
    expect(rows.map((row) => row.kind)).toEqual(["image_shared"]);
  });

  it("answers a forged form (unknown kinds, too many values) on the page, not with a server error, and changes nothing", async () => {
    const before = await db.notificationSetting.findMany({ where: { userId: world.users.bob.id }, orderBy: { kind: "asc" } });
    for (const entries of [[["email", "no_such_kind"]], Array.from({ length: 50 }, () => ["email", "image_shared"])] as [string, string][][]) {
      expect(await redirectOf(saveEmailSettingsAction(form(entries)))).toBe("/settings/notifications?saved=0");
    }
    expect(await db.notificationSetting.findMany({ where: { userId: world.users.bob.id }, orderBy: { kind: "asc" } })).toEqual(before);
  });
});

describe("Mark all as read", () => {
  it("marks the signed-in user's notices only", async () => {
    for (const user of [world.users.bob, world.users.carol]) await db.notification.create({ data: { userId: user.id, kind: "image_shared", title: "t", link: "/images" } });
    expect(await redirectOf(markAllReadAction())).toBe("/notifications");
    expect(await db.notification.count({ where: { userId: world.users.bob.id, readAt: null } })).toBe(0);
    expect(await db.notification.count({ where: { userId: world.users.carol.id, readAt: null } })).toBe(1);
  });
});
