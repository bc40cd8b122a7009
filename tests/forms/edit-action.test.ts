// The edit page's server action on the fixture's database: a description-only save changes the
// description only, in the image's row, its shares and the audit record.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { saveImageAction } from "@/app/images/[id]/edit/actions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";
import { findVisibleImage } from "@/lib/images/get-image";
import { imageEtag, toImageJson } from "@/lib/images/serialize";
import { updateImage } from "@/lib/images/update-image";
import { seedFixture, type Fixture } from "../fixtures";
import { editForm, type FormChanges } from "./image-form";

// Server actions read the session from the request's cookies: here the signed-in user is set by the test.
let signedIn: Viewer;
vi.mock("@/lib/auth/viewer", () => ({ currentViewer: async () => signedIn }));

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
  signedIn = world.users.alice;
});

/** Renders the edit page's form for the image, applies the changes and submits it; the action redirects on success. */
async function submit(id: string, changes: FormChanges) {
  const row = await findVisibleImage(signedIn, id);
  const form = editForm(toImageJson(row, signedIn), Date.now(), { etag: imageEtag(row), ...changes });
  await expect(saveImageAction(id, {}, form)).rejects.toThrow("NEXT_REDIRECT");
}

const stored = (id: string) =>
  db.image.findUniqueOrThrow({
    where: { id },
    select: { name: true, private: true, endDate: true, sharedWith: { select: { userId: true }, orderBy: { userId: "asc" } }, tags: { select: { tagId: true }, orderBy: { tagId: "asc" } } },
  });
const lastEdit = async (id: string) => JSON.parse((await db.imageEdit.findFirstOrThrow({ where: { imageId: id }, orderBy: { id: "desc" } })).changes);

describe("a description-only save through the edit page", () => {
  it.each([
    ["scheduled to retire at a time that is not midnight", "scheduled", "2099-06-15T16:11:23.456Z", undefined],
    ["shared", "shared", undefined, undefined],
    ["public, keeping a share list for when it is private", "public", undefined, ["bob"]],
  ] as const)("%s: the row, its shares and the audit record change in the description only", async (_, kind, endDate, keptShares) => {
    const id = world.images[kind];
    if (endDate || keptShares) {
      await updateImage(signedIn, id, { end_date: endDate, shared_with: keptShares }, { replace: false, ifMatch: null });
    }
    const before = await stored(id);
    const edits = await db.imageEdit.count({ where: { imageId: id } });

    await submit(id, { description: `Fixed a typo (${kind}).` });

    expect(await stored(id)).toEqual(before);
    expect((await db.image.findUniqueOrThrow({ where: { id } })).description).toBe(`Fixed a typo (${kind}).`);
    expect(await db.imageEdit.count({ where: { imageId: id } })).toBe(edits + 1);
    expect(Object.keys(await lastEdit(id))).toEqual(["description"]);
  });

  it("scheduling later today stores that moment", async () => {
    const soon = new Date(Date.now() + 60 * 60 * 1000);
    const [day, time] = [soon.toISOString().slice(0, 10), soon.toISOString().slice(11, 16)];
    await submit(world.images.public, { retirement: "schedule", end_day: day, end_time: time });
    expect((await stored(world.images.public)).endDate?.toISOString()).toBe(`${day}T${time}:00.000Z`);
    expect(Object.keys(await lastEdit(world.images.public))).toEqual(["end_date"]);
  });
});
