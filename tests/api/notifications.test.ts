// SPEC §8: who is told of what, in the app and (with SMTP_URL) through the outbox, and the two
// endpoints of the in-app list.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as requestImageRoute from "@/app/api/v1/provider/[providerId]/identity/[identityId]/request_image/route";
import * as requestRoute from "@/app/api/v1/image_requests/[id]/route";
import * as single from "@/app/api/v1/images/[id]/route";
import * as listRoute from "@/app/api/v1/notifications/route";
import * as readRoute from "@/app/api/v1/notifications/read/route";
import { hashPassword } from "@/lib/auth/passwords";
import { db } from "@/lib/db/client";
import { MAIL_JOB, type MailPayload } from "@/lib/notifications/mail-job";
import { call, type CallOptions } from "../http";
import { PASSWORD, seedFixture, type Fixture } from "../fixtures";
import { seedRequestBody } from "../seed-example";
import { moveRequestAs, submitAsAlice } from "../request-helpers";

let world: Fixture;
let staff2: { id: number; username: string; isStaff: boolean };
beforeAll(async () => {
  world = await seedFixture();
  staff2 = await db.user.create({
    data: { username: "staff2", email: "staff2@example.org", displayName: "Second staff", passwordHash: await hashPassword(PASSWORD), isStaff: true },
    select: { id: true, username: true, isStaff: true },
  });
});
afterEach(() => {
  delete process.env.SMTP_URL;
  delete process.env.SUPPORT_EMAIL;
  delete process.env.NEXTAUTH_URL;
});

const as = (user: { id: number; username: string; isStaff: boolean }): CallOptions => ({ session: user });
// Nothing is sent in this file (no worker runs): the jobs are looked at in the table.
const withMail = () => (process.env.SMTP_URL = "smtp://127.0.0.1:9");

let instances = 0;
/** alice asks for an image of a new instance of hers; the request's id. */
const submit = (body: Record<string, unknown> = {}) => submitAsAlice(world, `Notify image ${++instances}`, body);
const move = (id: number, status: string, by = world.users.staff, admin_message?: string) => moveRequestAs(by, id, status, admin_message);

const editImage = (id: string, body: unknown, by = world.users.alice) => call(single.PATCH, `/api/v1/images/${id}`, { method: "PATCH", params: { id }, body, ...as(by) });

/** The notices a user got since `after` (a notification id), oldest first. */
const noticesOf = (userId: number, after = 0) => db.notification.findMany({ where: { userId, id: { gt: after } }, orderBy: { id: "asc" } });
const lastNoticeId = async () => (await db.notification.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
const lastJobId = async () => (await db.outboxJob.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
/** The e-mails queued since `after` (an outbox job id). */
const mailsSince = async (after: number) =>
  (await db.outboxJob.findMany({ where: { kind: MAIL_JOB, id: { gt: after } }, orderBy: { id: "asc" } })).map((job) => JSON.parse(job.payload) as MailPayload);

describe("who is told, in the app", () => {
  it("a submitted request: every staff user, not the requester", async () => {
    const before = await lastNoticeId();
    const id = await submit();
    for (const user of [world.users.staff, staff2]) {
      const notices = await noticesOf(user.id, before);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: "request_submitted", link: `/requests/${id}`, readAt: null });
      expect(notices[0].title).toBe(`alice asked support for an image: request #${id} ("Notify image ${instances}")`);
      expect(notices[0].body).toBe(seedRequestBody("", 1).description);
    }
    for (const user of [world.users.alice, world.users.bob, world.users.carol]) expect(await noticesOf(user.id, before)).toEqual([]);
  });

  it("a withdrawn request: every staff user", async () => {
    const id = await submit();
    const before = await lastNoticeId();
    await move(id, "closed", world.users.alice);
    for (const user of [world.users.staff, staff2]) {
      expect((await noticesOf(user.id, before)).map((notice) => [notice.kind, notice.link])).toEqual([["request_withdrawn", `/requests/${id}`]]);
    }
    expect(await noticesOf(world.users.alice.id, before)).toEqual([]);
  });

  it("each move by staff: the requester, with staff's message; not the staff member who moved it", async () => {
    const id = await submit();
    const before = await lastNoticeId();
    await move(id, "approved", world.users.staff, "Looks fine.");
    await move(id, "processing", staff2);
    await move(id, "failed", world.users.staff, "The disk was full.");
    await move(id, "approved", world.users.staff);
    const completed = await move(id, "completed", staff2, "Imaged <b>and</b> published.");
    const denied = await submit();
    await move(denied, "denied", world.users.staff, "Leave the SSH keys out, please.");
    const notices = await noticesOf(world.users.alice.id, before);
    expect(notices.map((notice) => [notice.kind, notice.body, notice.link])).toEqual([
      ["request_approved", "Looks fine.", `/requests/${id}`],
      ["request_processing", "", `/requests/${id}`],
      ["request_failed", "The disk was full.", `/requests/${id}`],
      ["request_approved", "", `/requests/${id}`],
      ["request_completed", "Imaged <b>and</b> published.", `/images/${completed.image}`],
      ["request_denied", "Leave the SSH keys out, please.", `/requests/${denied}`],
    ]);
    expect(notices[4].title).toBe(`Your image "Notify image ${instances - 1}" is ready (request #${id})`);
    // Staff hear of the submissions only (not of their own moves, nor of each other's).
    expect((await noticesOf(world.users.staff.id, before)).map((notice) => notice.kind)).toEqual(["request_submitted"]);
    expect((await noticesOf(staff2.id, before)).map((notice) => notice.kind)).toEqual(["request_submitted"]);
  });

  it("a completed request with a user list: each listed user is told the image is shared with them", async () => {
    const id = await submit({ vis: ["bob", "carol"] });
    await move(id, "approved");
    const before = await lastNoticeId();
    const { image } = await move(id, "completed");
    for (const user of [world.users.bob, world.users.carol]) {
      const notices = await noticesOf(user.id, before);
      expect(notices.map((notice) => [notice.kind, notice.link, notice.title])).toEqual([["image_shared", `/images/${image}`, `alice shared the image "Notify image ${instances}" with you`]]);
    }
    expect((await noticesOf(world.users.alice.id, before)).map((notice) => notice.kind)).toEqual(["request_completed"]);
  });

  it("a public or private request's completion tells nobody else", async () => {
    const id = await submit({ vis: "private" });
    await move(id, "approved");
    const before = await lastNoticeId();
    await move(id, "completed");
    expect((await db.notification.findMany({ where: { id: { gt: before } } })).map((notice) => [notice.userId, notice.kind])).toEqual([[world.users.alice.id, "request_completed"]]);
  });

  it("an edit: only the users it adds to shared_with, once", async () => {
    const image = world.images.shared; // shared with bob
    let before = await lastNoticeId();
    expect((await editImage(image, { shared_with: ["bob", "carol"] })).status).toBe(200);
    expect((await noticesOf(world.users.carol.id, before)).map((notice) => [notice.kind, notice.link, notice.title])).toEqual([
      ["image_shared", `/images/${image}`, 'alice shared the image "Shared Lab Notebook" with you'],
    ]);
    expect(await noticesOf(world.users.bob.id, before)).toEqual([]);

    before = await lastNoticeId();
    expect((await editImage(image, { description: "Edited, shares untouched", shared_with: ["carol", "bob"] })).status).toBe(200);
    expect((await editImage(image, { shared_with: ["bob"] })).status).toBe(200);
    expect(await db.notification.count({ where: { id: { gt: before } } })).toBe(0);

    // Staff add alice's own image to bob's list again: bob hears it from staff; alice, not in the list, hears nothing.
    await editImage(image, { shared_with: [] });
    before = await lastNoticeId();
    expect((await editImage(image, { shared_with: ["bob", "staff"] }, world.users.staff)).status).toBe(200);
    expect((await noticesOf(world.users.bob.id, before)).map((notice) => notice.title)).toEqual(['staff shared the image "Shared Lab Notebook" with you']);
    expect(await noticesOf(world.users.staff.id, before)).toEqual([]);
  });

  it("nothing when the event itself fails", async () => {
    const id = await submit();
    const before = await lastNoticeId();
    const request = await db.imageRequest.findUniqueOrThrow({ where: { id } });
    // A second open request for the same instance: 409, and no notice for it.
    const again = await call(requestImageRoute.POST, "/api/v1/provider/1/identity/x/request_image/", {
      method: "POST",
      params: { providerId: String(world.providers.p1.id), identityId: world.identities.aliceIdentity.id },
      body: seedRequestBody(request.instanceAlias, world.providers.p1.id, "Twice"),
      ...as(world.users.alice),
    });
    expect(again.status).toBe(409);
    // A move the table does not allow: 409.
    expect((await call(requestRoute.PATCH, `/api/v1/image_requests/${id}`, { method: "PATCH", params: { id: String(id) }, body: { status: "completed" }, ...as(world.users.alice) })).status).toBe(409);
    expect(await db.notification.count({ where: { id: { gt: before } } })).toBe(0);
  });
});

describe("who is e-mailed (the outbox)", () => {
  it("nothing is queued without SMTP_URL", async () => {
    const before = await lastJobId();
    const id = await submit();
    await move(id, "approved", world.users.staff, "ok");
    expect(await db.outboxJob.count({ where: { id: { gt: before } } })).toBe(0);
  });

  it("a submission: every staff user's address, one message each, when SUPPORT_EMAIL is not set", async () => {
    withMail();
    const before = await lastJobId();
    const id = await submit();
    const mails = await mailsSince(before);
    expect(mails.map((mail) => mail.to).sort()).toEqual(["staff2@example.org", "staff@example.org"]);
    expect(mails.every((mail) => mail.subject === `alice asked support for an image: request #${id} ("Notify image ${instances}")`)).toBe(true);
    expect(new Set(mails.map((mail) => mail.messageId)).size).toBe(2);
  });

  it("a submission and a withdrawal: only SUPPORT_EMAIL when it is set, in the app still every staff user", async () => {
    withMail();
    process.env.SUPPORT_EMAIL = "help@cloud.example.org";
    const [beforeJob, beforeNotice] = [await lastJobId(), await lastNoticeId()];
    const id = await submit();
    await move(id, "closed", world.users.alice);
    expect((await mailsSince(beforeJob)).map((mail) => [mail.to, mail.subject.split(":")[0].split(" ").slice(1, 2)[0]])).toEqual([
      ["help@cloud.example.org", "asked"],
      ["help@cloud.example.org", "withdrew"],
    ]);
    expect(await db.notification.count({ where: { id: { gt: beforeNotice }, userId: { in: [world.users.staff.id, staff2.id] } } })).toBe(4);
  });

  it("a staff move: the requester's address", async () => {
    withMail();
    const id = await submit();
    const before = await lastJobId();
    await move(id, "approved", world.users.staff, "Approved, imaging tonight.");
    const [mail, ...others] = await mailsSince(before);
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ to: "alice@example.org", from: "Atmosphere Images <no-reply@localhost>" });
    expect(mail.text).toContain("Approved, imaging tonight.");
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
  });

  it("a kind turned off: no e-mail, the in-app notice still there; other kinds still mailed", async () => {
    withMail();
    await db.notificationSetting.create({ data: { userId: world.users.alice.id, kind: "request_approved", email: false } });
    await db.notificationSetting.create({ data: { userId: world.users.alice.id, kind: "request_processing", email: true } });
    await db.notificationSetting.create({ data: { userId: staff2.id, kind: "request_submitted", email: false } });
    try {
      const [beforeJob, beforeNotice] = [await lastJobId(), await lastNoticeId()];
      const id = await submit();
      await move(id, "approved", world.users.staff, "ok");
      await move(id, "processing");
      const mails = await mailsSince(beforeJob);
      expect(mails.map((mail) => mail.to)).toEqual(["staff@example.org", "alice@example.org"]);
      expect(mails[1].subject).toMatch(/^Support is imaging your instance/);
      expect((await noticesOf(world.users.alice.id, beforeNotice)).map((notice) => notice.kind)).toEqual(["request_approved", "request_processing"]);
      expect((await noticesOf(staff2.id, beforeNotice)).map((notice) => notice.kind)).toEqual(["request_submitted"]);
    } finally {
      await db.notificationSetting.deleteMany();
    }
  });

  it("a shared image: the new user's address only", async () => {
    withMail();
    await editImage(world.images.private, { shared_with: ["bob"] });
    const before = await lastJobId();
    await editImage(world.images.private, { shared_with: ["bob", "carol"] });
    expect((await mailsSince(before)).map((mail) => [mail.to, mail.subject])).toEqual([["carol@example.org", 'alice shared the image "Alice Private Pipeline" with you']]);
  });
});

describe("GET /notifications", () => {
  const list = (query: string, options: CallOptions) => call(listRoute.GET, `/api/v1/notifications${query}`, options);

  it("is the caller's, newest first, paged with next, previous and Link", async () => {
    const mine = await db.notification.findMany({ where: { userId: world.users.alice.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(mine.length).toBeGreaterThan(3);
    const first = await list("?page_size=2", as(world.users.alice));
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(mine.length);
    expect(first.body.results.map((notice: { id: number }) => notice.id)).toEqual(mine.slice(0, 2).map((notice) => notice.id));
    expect(first.body.results[0]).toEqual({
      id: mine[0].id,
      kind: mine[0].kind,
      title: mine[0].title,
      body: mine[0].body,
      link: `http://test.local${mine[0].link}`,
      created_at: mine[0].createdAt.toISOString(),
      read_at: null,
    });
    expect(first.body.next).toBe("http://test.local/api/v1/notifications?page_size=2&page=2");
    expect(first.headers.get("link")).toContain('rel="next"');
    const second = await list("?page_size=2&page=2", as(world.users.alice));
    expect(second.body.results.map((notice: { id: number }) => notice.id)).toEqual(mine.slice(2, 4).map((notice) => notice.id));
    expect((await list("?page=999", as(world.users.alice))).status).toBe(404);
  });

  it("links under NEXTAUTH_URL when it is set", async () => {
    process.env.NEXTAUTH_URL = "https://images.example.org";
    const { body } = await list("?page_size=1", as(world.users.alice));
    expect(body.results[0].link).toMatch(/^https:\/\/images\.example\.org\/(requests|images)\//);
    expect(body.next).toMatch(/^https:\/\/images\.example\.org\/api\/v1\/notifications\?/);
  });

  it("filters the unread ones with unread=true", async () => {
    const unread = await db.notification.count({ where: { userId: world.users.staff.id, readAt: null } });
    const { status, body } = await list("?unread=true&page_size=1", as(world.users.staff));
    expect(status).toBe(200);
    expect(body.count).toBe(unread);
  });

  it("answers 401 to anonymous callers and bad tokens, 400 to bad parameters", async () => {
    expect((await list("", {})).status).toBe(401);
    expect((await list("", { token: "atmo_not-a-token" })).status).toBe(401);
    expect((await list("", { token: world.tokens.revoked })).status).toBe(401);
    for (const query of ["?page=0", "?page=x", "?page_size=1001", "?page_size=-1", "?unread=maybe", "?page=99999999999999999999"]) {
      const { status, body } = await list(query, as(world.users.alice));
      expect(status, query).toBe(400);
      expect(body.errors, query).toBeDefined();
    }
  });
});

describe("POST /notifications/read", () => {
  const read = (body: unknown, options: CallOptions, headers?: Record<string, string>) =>
    call(readRoute.POST, "/api/v1/notifications/read", { method: "POST", body, headers, ...options });
  const unreadOf = (userId: number) => db.notification.count({ where: { userId, readAt: null } });

  it("marks the caller's notifications by id, and answers how many are still unread", async () => {
    const [a, b] = await db.notification.findMany({ where: { userId: world.users.alice.id, readAt: null }, orderBy: { id: "asc" }, take: 2 });
    const before = await unreadOf(world.users.alice.id);
    const { status, body } = await read({ ids: [a.id, b.id, a.id] }, as(world.users.alice));
    expect(status).toBe(200);
    expect(body).toEqual({ marked: 2, unread: before - 2 });
    const readAt = (await db.notification.findUniqueOrThrow({ where: { id: a.id } })).readAt;
    expect(readAt).not.toBeNull();
    // Marking again changes nothing, the first moment of reading kept.
    expect((await read({ ids: [a.id] }, as(world.users.alice))).body).toEqual({ marked: 0, unread: before - 2 });
    expect((await db.notification.findUniqueOrThrow({ where: { id: a.id } })).readAt).toEqual(readAt);
  });

  it("leaves someone else's notifications alone", async () => {
    const staffs = await db.notification.findMany({ where: { userId: world.users.staff.id, readAt: null }, select: { id: true } });
    expect(staffs.length).toBeGreaterThan(0);
    const { status, body } = await read({ ids: [...staffs.map((notice) => notice.id), 2_147_483_647] }, as(world.users.alice));
    expect(status).toBe(200);
    expect(body.marked).toBe(0);
    expect(await unreadOf(world.users.staff.id)).toBe(staffs.length);
  });

  it('marks all of the caller\'s with {"all": true}, and nobody else\'s', async () => {
    const staffUnread = await unreadOf(world.users.staff.id);
    const { status, body } = await read({ all: true }, { token: world.tokens.alice });
    expect(status).toBe(200);
    expect(body.unread).toBe(0);
    expect(await unreadOf(world.users.alice.id)).toBe(0);
    expect(await unreadOf(world.users.staff.id)).toBe(staffUnread);
  });

  it("answers 401 to anonymous callers before reading the body", async () => {
    expect((await read({ all: true }, {})).status).toBe(401);
    expect((await read("not json", {})).status).toBe(401);
    expect((await read({ all: true }, { token: world.tokens.expired })).status).toBe(401);
  });

  it("refuses every malformed body with a 400 (or 413, 415), never a 500, and changes nothing", async () => {
    const before = await db.notification.count({ where: { readAt: null } });
    const cases: [unknown, number][] = [
      [{}, 400],
      [{ ids: [] }, 400],
      [{ ids: [1], all: true }, 400],
      [{ all: false }, 400],
      [{ all: "true" }, 400],
      [{ all: 1 }, 400],
      [{ ids: "1" }, 400],
      [{ ids: "1,2" }, 400],
      [{ ids: 1 }, 400],
      [{ ids: [1.5] }, 400],
      [{ ids: [0] }, 400],
      [{ ids: [-1] }, 400],
      [{ ids: ["1"] }, 400],
      [{ ids: [null] }, 400],
      [{ ids: [[1]] }, 400],
      [{ ids: [{ id: 1 }] }, 400],
      [{ ids: [2_147_483_648] }, 400],
      [{ ids: [1e300] }, 400],
      [{ ids: Array.from({ length: 1001 }, (_, n) => n + 1) }, 400],
      [{ ids: Array.from({ length: 100_000 }, (_, n) => n + 1) }, 400],
      [{ all: true, extra: 1 }, 400],
      [{ __proto__: { all: true } }, 400],
      [[1, 2], 400],
      ["[1, 2", 400],
      ['"all"', 400],
      ["null", 400],
      ["true", 400],
      ["{ids: [1]}", 400],
      [`{"ids": [${"1,".repeat(600_000)}1]}`, 413],
    ];
    for (const [body, expected] of cases) {
      const { status, body: answer } = await read(body, as(world.users.staff));
      expect(status, JSON.stringify(body)?.slice(0, 80)).toBe(expected);
      expect(answer.detail, JSON.stringify(body)?.slice(0, 80)).toBeTruthy();
    }
    expect((await read("ids=1", as(world.users.staff), { "Content-Type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect(await db.notification.count({ where: { readAt: null } })).toBe(before);
  });
});
