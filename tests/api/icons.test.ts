import { beforeAll, describe, expect, it } from "vitest";
import * as icon from "@/app/api/v1/images/[id]/icon/route";
import * as single from "@/app/api/v1/images/[id]/route";
import { db } from "@/lib/db/client";
import { ICON_MAX_BYTES, setImageIcon, sniffIconType } from "@/lib/images/icons";
import { call } from "../http";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});

const png = (size = 64) => {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
};
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const webp = new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ");
const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');

describe("icons", () => {
  it("are recognised by their bytes", () => {
    expect(sniffIconType(png())).toBe("image/png");
    expect(sniffIconType(jpeg)).toBe("image/jpeg");
    expect(sniffIconType(webp)).toBe("image/webp");
    expect(sniffIconType(svg)).toBeNull();
    expect(sniffIconType(new TextEncoder().encode("GIF89a......."))).toBeNull();
  });

  it.each([
    ["an SVG", svg, 400],
    ["an empty file", new Uint8Array(), 400],
    ["a file over 512 KiB", png(ICON_MAX_BYTES + 1), 413],
  ])("refuse %s, changing nothing", async (_name, bytes, status) => {
    await expect(setImageIcon(world.users.alice, world.images.public, bytes)).rejects.toMatchObject({ status });
    expect((await db.image.findUniqueOrThrow({ where: { id: world.images.public } })).icon).toBeNull();
  });

  it("may be set by the creator and staff only", async () => {
    await expect(setImageIcon(null, world.images.public, png())).rejects.toMatchObject({ status: 401 });
    await expect(setImageIcon(world.users.carol, world.images.public, png())).rejects.toMatchObject({ status: 403 });
    await expect(setImageIcon(world.users.carol, world.images.private, png())).rejects.toMatchObject({ status: 404 });
  });

  it("of a public image are served with their type and a year's private cache; the image's icon field points there", async () => {
    const path = await setImageIcon(world.users.alice, world.images.public, png(ICON_MAX_BYTES));
    const { body } = await call(single.GET, `/api/v1/images/${world.images.public}`, { params: { id: world.images.public } });
    expect(body.icon).toBe(path);
    const answer = await call(icon.GET, path, { params: { id: world.images.public } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("image/png");
    expect(answer.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(answer.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    const edit = await db.imageEdit.findFirstOrThrow({ where: { imageId: world.images.public }, orderBy: { id: "desc" } });
    expect(JSON.parse(edit.changes)).toEqual({ icon: { from: null, to: path } });
  });

  it("of a private image are hidden like the image", async () => {
    await setImageIcon(world.users.alice, world.images.private, jpeg);
    const path = `/api/v1/images/${world.images.private}/icon`;
    expect((await call(icon.GET, path, { params: { id: world.images.private } })).status).toBe(404);
    const mine = await call(icon.GET, path, { params: { id: world.images.private }, session: world.users.alice });
    expect(mine.headers.get("content-type")).toBe("image/jpeg");
  });

  // Shared with bob, retired, and scheduled (current and public: kept until it is retired, a day from now).
  it.each([
    ["private", "shared", "bob", false],
    ["retired", "retired", "alice", false],
    ["scheduled for retirement", "scheduled", undefined, true],
  ] as const)("of a %s image are kept per viewer and revalidated unless anyone may see them", async (_kind, key, viewer, forEveryone) => {
    const id = world.images[key];
    await setImageIcon(world.users.alice, id, png());
    const path = `/api/v1/images/${id}/icon`;
    const session = viewer ? world.users[viewer] : undefined;
    const answer = await call(icon.GET, path, { params: { id }, session });
    expect(answer.status).toBe(200);
    const etag = answer.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    if (forEveryone) {
      const maxAge = Number(/^private, max-age=(\d+)$/.exec(answer.headers.get("cache-control")!)![1]);
      expect(maxAge).toBeGreaterThan(24 * 60 * 60 - 60);
      expect(maxAge).toBeLessThanOrEqual(24 * 60 * 60);
    } else {
      expect(answer.headers.get("cache-control")).toBe("private, no-cache");
      expect(answer.headers.get("vary")).toBe("Cookie, Authorization");
    }
    const again = await call(icon.GET, path, { params: { id }, session, headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toBe(answer.headers.get("cache-control"));
    // Revalidation asks again who may see it: someone who may not gets a 404, never a 304.
    expect((await call(icon.GET, path, { params: { id }, session: world.users.carol, headers: { "If-None-Match": etag } })).status).toBe(forEveryone ? 304 : 404);
  });
});
