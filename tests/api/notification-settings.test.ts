// The per-kind e-mail opt-out, opening a notice from the list, and the mail settings read at start.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { emailSettings, saveEmailSettings } from "@/lib/notifications/email-settings";
import { NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { mailStatusLine, senderDomain } from "@/lib/notifications/mail-settings";
import { openNotification } from "@/lib/notifications/mark-read";
import { pollInterval } from "@/lib/outbox/server-worker";
import { seedFixture, type Fixture } from "../fixtures";

let world: Fixture;
beforeAll(async () => {
  world = await seedFixture();
});
afterEach(() => {
  for (const name of ["SMTP_URL", "MAIL_FROM", "OUTBOX_POLL_MS"]) delete process.env[name];
});

describe("e-mail settings", () => {
  it("are all on with no rows; staff see support's kinds, others do not", async () => {
    expect(await emailSettings(world.users.alice)).toEqual(Object.fromEntries(NOTIFICATION_KINDS.filter((kind) => !["request_submitted", "request_withdrawn"].includes(kind)).map((kind) => [kind, true])));
    expect(Object.keys(await emailSettings(world.users.staff))).toEqual([...NOTIFICATION_KINDS]);
  });

  it("keep the checked kinds and turn the others off; a user cannot store support's kinds", async () => {
    await saveEmailSettings(world.users.alice, { email: ["request_approved", "image_shared", "request_submitted"] });
    const settings = await emailSettings(world.users.alice);
    expect(settings.request_approved).toBe(true);
    expect(settings.image_shared).toBe(true);
    expect(settings.request_denied).toBe(false);
    expect(await db.notificationSetting.count({ where: { userId: world.users.alice.id, kind: "request_submitted" } })).toBe(0);
    await saveEmailSettings(world.users.alice, { email: [] });
    expect(Object.values(await emailSettings(world.users.alice)).every((on) => !on)).toBe(true);
  });

  it("refuse unknown kinds and anonymous callers", async () => {
    await expect(saveEmailSettings(world.users.bob, { email: ["no_such_kind"] })).rejects.toThrow();
    await expect(saveEmailSettings(world.users.bob, { email: "request_denied" })).rejects.toThrow();
    await expect(saveEmailSettings(null, { email: [] })).rejects.toMatchObject({ status: 401 });
    expect(await db.notificationSetting.count({ where: { userId: world.users.bob.id } })).toBe(0);
  });
});

describe("opening a notice from /notifications", () => {
  it("marks it read and gives its path; someone else's or a made-up id is a 404 and changes nothing", async () => {
    const notice = await db.notification.create({ data: { userId: world.users.alice.id, kind: "image_shared", title: "t", link: `/images/${world.images.shared}` } });
    await expect(openNotification(world.users.bob, String(notice.id))).rejects.toMatchObject({ status: 404 });
    for (const id of ["0", "-1", "abc", "1e3", "99999999999", ""]) await expect(openNotification(world.users.alice, id)).rejects.toMatchObject({ status: 404 });
    expect((await db.notification.findUniqueOrThrow({ where: { id: notice.id } })).readAt).toBeNull();
    expect(await openNotification(world.users.alice, String(notice.id))).toBe(`/images/${world.images.shared}`);
    const readAt = (await db.notification.findUniqueOrThrow({ where: { id: notice.id } })).readAt;
    expect(readAt).not.toBeNull();
    await openNotification(world.users.alice, String(notice.id));
    expect((await db.notification.findUniqueOrThrow({ where: { id: notice.id } })).readAt).toEqual(readAt);
  });
});

describe("settings read at start", () => {
  it("say when mail is off, and where it goes when on", () => {
    expect(mailStatusLine()).toBe("SMTP_URL is not set: notifications are in the app only");
    process.env.SMTP_URL = "smtps://user:secret@mail.example.org:465";
    process.env.MAIL_FROM = "Images <images@example.org>";
    expect(mailStatusLine()).toBe("notifications are also e-mailed through smtps://mail.example.org:465 from Images <images@example.org>");
    expect(mailStatusLine()).not.toContain("secret");
  });

  it("refuse an SMTP_URL or OUTBOX_POLL_MS they cannot use", () => {
    for (const value of ["mail.example.org", "http://mail.example.org", "smtp//x"]) {
      process.env.SMTP_URL = value;
      expect(() => mailStatusLine(), value).toThrow(/SMTP_URL must be/);
    }
    process.env.OUTBOX_POLL_MS = "soon";
    expect(() => pollInterval()).toThrow(/OUTBOX_POLL_MS/);
    process.env.OUTBOX_POLL_MS = "500";
    expect(pollInterval()).toBe(500);
  });

  it("take the Message-ID's domain from the sender", () => {
    expect(senderDomain("Atmosphere Images <no-reply@images.example.org>")).toBe("images.example.org");
    expect(senderDomain("plain@example.org")).toBe("example.org");
    expect(senderDomain("<weird@exa mple>")).toBe("localhost");
  });
});
