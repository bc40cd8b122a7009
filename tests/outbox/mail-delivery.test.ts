// E-mail notifications end to end: the events write jobs, workers send them with nodemailer to a
// real SMTP server, which parses what arrives. Also while that server is down or refusing, and
// with two workers (two database clients, as two app processes) at once.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as single from "@/app/api/v1/images/[id]/route";
import { createDb, db } from "@/lib/db/client";
import { enqueueMail, MAIL_JOB } from "@/lib/notifications/mail-job";
import { outboxHandlers } from "@/lib/outbox/handlers";
import { RETRY_DELAYS_MS } from "@/lib/outbox/schedule";
import { runDueJobs, startOutboxWorker } from "@/lib/outbox/worker";
import { call, type CallOptions } from "../http";
import { seedFixture, type Fixture } from "../fixtures";
import { moveRequestAs, submitAsAlice } from "../request-helpers";
import { TestSmtpServer } from "../smtp";

let world: Fixture;
const smtp = new TestSmtpServer();
// Two workers, each with a database client of its own, as in two app processes.
const workers = [createDb(process.env.DATABASE_URL, { busyTimeoutMs: 0 }), createDb(process.env.DATABASE_URL, { busyTimeoutMs: 0 })];
const quiet = { log: () => {} };

beforeAll(async () => {
  world = await seedFixture();
  await smtp.start();
});
afterAll(async () => {
  await smtp.stop();
  await Promise.all(workers.map((client) => client.$disconnect()));
});
beforeEach(async () => {
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_URL = "https://images.example.org";
  process.env.MAIL_FROM = "Research Cloud Images <images@cloud.example.org>";
  smtp.mode = "accept";
  smtp.received.length = 0;
  await db.outboxJob.deleteMany();
});
afterEach(() => {
  for (const name of ["SMTP_URL", "NEXTAUTH_URL", "MAIL_FROM", "SUPPORT_EMAIL"]) delete process.env[name];
});

const as = (user: Fixture["users"][keyof Fixture["users"]]): CallOptions => ({ session: user });

let instances = 0;
const submit = (body: Record<string, unknown> = {}) => submitAsAlice(world, `Mailed image ${++instances}`, body);
const move = (id: number, status: string, admin_message?: string) => moveRequestAs(world.users.staff, id, status, admin_message);

/** Passes of one worker at this moment until nothing is left to claim. */
async function drain(at: Date, client = workers[0]) {
  for (let pass = 0; pass < 50; pass++) {
    const { claimed } = await runDueJobs(client, { handlers: outboxHandlers(), clock: () => at, ...quiet });
    if (claimed === 0) return;
  }
  throw new Error("the outbox did not drain");
}

const messageIdsByJob = async () => (await db.outboxJob.findMany({ where: { kind: MAIL_JOB } })).map((job) => JSON.parse(job.payload).messageId as string);
const received = (to: string) => smtp.received.filter((message) => message.envelope.to.includes(to));

describe("e-mail through a real SMTP server", () => {
  it("delivers each notice to its recipients: subject, plain text and HTML, absolute links, user text escaped", async () => {
    const id = await submit({ vis: ["bob"] });
    const hostile = `<script>alert("x")</script> & <a href="https://evil.example">click</a>`;
    await move(id, "approved", hostile);
    const { image } = await move(id, "completed", "Done.");
    await drain(new Date());

    const [submitted] = received("staff@example.org");
    expect(received("staff@example.org")).toHaveLength(1);
    expect(submitted.envelope.from).toBe("images@cloud.example.org");
    expect(submitted.mail.from?.text).toBe('"Research Cloud Images" <images@cloud.example.org>');
    expect(submitted.mail.subject).toBe(`alice asked support for an image: request #${id} ("Mailed image ${instances}")`);
    expect(submitted.mail.text).toContain(`https://images.example.org/requests/${id}`);

    const toAlice = received("alice@example.org");
    expect(toAlice.map((message) => message.mail.subject)).toEqual([
      `Your image request #${id} ("Mailed image ${instances}") was approved`,
      `Your image "Mailed image ${instances}" is ready (request #${id})`,
    ]);
    const approved = toAlice[0].mail;
    expect(approved.to && !Array.isArray(approved.to) && approved.to.text).toBe("alice@example.org");
    expect(approved.text).toContain(hostile);
    expect(approved.html).toBeTruthy();
    const html = approved.html as string;
    expect(html).not.toContain("<script>");
    expect(html).not.toContain('href="https://evil.example"');
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;");
    expect(html).toContain(`<a href="https://images.example.org/requests/${id}">`);
    expect(approved.headers.get("auto-submitted")).toBe("auto-generated");

    const ready = toAlice[1].mail;
    expect(ready.text).toContain(`https://images.example.org/images/${image}`);
    expect(ready.html).toContain(`<a href="https://images.example.org/images/${image}">`);

    const [shared, ...more] = received("bob@example.org");
    expect(more).toEqual([]);
    expect(shared.mail.subject).toBe(`alice shared the image "Mailed image ${instances}" with you`);
    expect(shared.mail.text).toContain(`https://images.example.org/images/${image}`);

    // One message per job, with the job's own Message-ID.
    expect(smtp.received.map((message) => message.mail.messageId).sort()).toEqual((await messageIdsByJob()).sort());
    expect(await db.outboxJob.count({ where: { status: { not: "done" } } })).toBe(0);
  });

  it("links to the server's own address without NEXTAUTH_URL, and writes to SUPPORT_EMAIL when it is set", async () => {
    delete process.env.NEXTAUTH_URL;
    process.env.SUPPORT_EMAIL = "support-desk@cloud.example.org";
    const id = await submit();
    await drain(new Date());
    expect(smtp.received.map((message) => message.envelope.to)).toEqual([["support-desk@cloud.example.org"]]);
    expect(smtp.received[0].mail.text).toContain(`http://localhost:${process.env.PORT || 3000}/requests/${id}`);
  });

  it("loses and repeats nothing while the server refuses connections, answers 421, then 451, and comes back", async () => {
    const t0 = new Date(Date.now() + 1000);
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const first = await submit();
    const second = await submit();
    await move(first, "approved", "First approved");
    await move(second, "denied", "Second denied");
    const jobs = await messageIdsByJob();
    expect(jobs).toHaveLength(4); // two submissions to staff, two moves to alice

    await smtp.stop(); // connections refused
    await drain(at(0));
    let rows = await db.outboxJob.findMany({ orderBy: { id: "asc" } });
    // The first of each recipient's line was tried and waits; the rest of the line waits behind it.
    expect(rows.map((row) => row.attempts)).toEqual([1, 0, 1, 0]);
    expect(rows[0].lastError).toMatch(/ECONNREFUSED/);

    await smtp.start();
    smtp.mode = "421 at greeting";
    await drain(at(RETRY_DELAYS_MS[0] - 1)); // not yet due
    expect((await db.outboxJob.findMany({ orderBy: { id: "asc" } })).map((row) => row.attempts)).toEqual([1, 0, 1, 0]);
    await drain(at(RETRY_DELAYS_MS[0]));
    rows = await db.outboxJob.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => row.attempts)).toEqual([2, 0, 2, 0]);
    expect(rows[0].lastError).toMatch(/421/);

    smtp.mode = "451 after data";
    await drain(at(RETRY_DELAYS_MS[0] + RETRY_DELAYS_MS[1]));
    rows = await db.outboxJob.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => row.attempts)).toEqual([3, 0, 3, 0]);
    expect(rows[0].lastError).toMatch(/451/);
    expect(smtp.received).toEqual([]);

    smtp.mode = "accept";
    await drain(at(RETRY_DELAYS_MS[0] + RETRY_DELAYS_MS[1] + RETRY_DELAYS_MS[2]));
    rows = await db.outboxJob.findMany({ orderBy: { id: "asc" } });
    expect(rows.every((row) => row.status === "done")).toBe(true);
    expect(smtp.received.map((message) => message.mail.messageId).sort()).toEqual(jobs.sort());
    // Each recipient's messages arrive in the order of the events.
    expect(received("alice@example.org").map((message) => message.mail.subject)).toEqual([
      `Your image request #${first} ("Mailed image ${instances - 1}") was approved`,
      `Your image request #${second} ("Mailed image ${instances}") was denied`,
    ]);
  });

  it("gives a message the server refuses for good (550) up at once", async () => {
    await db.$transaction((tx) => enqueueMail(tx, ["nobody@example.org"], { title: "Hello", body: "", links: [{ label: "Home", path: "/" }] }));
    smtp.mode = "550 at recipient";
    await drain(new Date());
    expect(await db.outboxJob.findFirstOrThrow()).toMatchObject({ status: "failed", attempts: 1 });
    expect(smtp.received).toEqual([]);
  });

  it("sends each message once when two workers in two processes run at once", async () => {
    const recipients = Array.from({ length: 40 }, (_, n) => `user${n % 25}@example.org`);
    for (const [n, to] of recipients.entries()) {
      await db.$transaction((tx) => enqueueMail(tx, [to], { title: `Message ${n}`, body: "", links: [{ label: "Home", path: "/" }] }));
    }
    const jobs = await messageIdsByJob();
    const running = workers.map((client, index) => startOutboxWorker(client, { handlers: outboxHandlers(), pollMs: 5, batch: 5, workerId: `worker-${index}`, ...quiet }));
    for (let waited = 0; waited < 25_000 && (await db.outboxJob.count({ where: { status: "pending" } })) > 0; waited += 25) await sleep(25);
    await Promise.all(running.map((worker) => worker.stop()));
    const ids = smtp.received.map((message) => message.mail.messageId!);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect(ids.sort()).toEqual(jobs.sort());
    // Both took part, and one recipient's messages came in the order they were queued.
    const claimedBy = new Set((await db.outboxJob.findMany({ select: { claimedBy: true } })).map((row) => row.claimedBy?.split("/")[0]));
    expect(claimedBy).toEqual(new Set(["worker-0", "worker-1"]));
    expect(received("user3@example.org").map((message) => message.mail.subject)).toEqual(["Message 3", "Message 28"]);
  });

  it("queues nothing for mail without SMTP_URL, and the edit that shares still notifies in the app", async () => {
    delete process.env.SMTP_URL;
    const answer = await call(single.PATCH, `/api/v1/images/${world.images.private}`, {
      method: "PATCH",
      params: { id: world.images.private },
      body: { shared_with: ["carol"] },
      ...as(world.users.alice),
    });
    expect(answer.status).toBe(200);
    expect(await db.outboxJob.count()).toBe(0);
    expect(await db.notification.count({ where: { userId: world.users.carol.id, kind: "image_shared" } })).toBe(1);
  });
});
