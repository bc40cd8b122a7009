import "server-only";
import { randomUUID } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import type { Tx } from "../db/client";
import { enqueue } from "../outbox/enqueue";
import { PermanentJobError } from "../outbox/worker";
import { mailSettings, senderDomain } from "./mail-settings";
import { renderMail, type Notice } from "./render-mail";

export const MAIL_JOB = "email";

/** The whole message, fixed when the event happens: the worker only delivers it. */
const mailPayloadSchema = z.object({
  to: z.string().min(1),
  from: z.string().min(1),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  // Chosen once per job, so that a message sent again after a lost answer can be recognized.
  messageId: z.string().min(1),
});
export type MailPayload = z.output<typeof mailPayloadSchema>;

/** One outbox job per recipient, in the event's transaction (nothing when SMTP_URL is not set). */
export async function enqueueMail(tx: Tx, recipients: string[], notice: Notice): Promise<void> {
  const settings = mailSettings();
  if (!settings.smtpUrl) return;
  const unique = [...new Map(recipients.map((address) => address.trim()).filter(Boolean).map((address) => [address.toLowerCase(), address])).values()];
  const rendered = renderMail(notice);
  await enqueue(
    tx,
    unique.map((to) => ({
      kind: MAIL_JOB,
      // A person's messages arrive in the order of the events ("approved" before "completed").
      orderKey: `email:${to.toLowerCase()}`.slice(0, 300),
      payload: { to, from: settings.from, ...rendered, messageId: `<${randomUUID()}@${senderDomain(settings.from)}>` } satisfies MailPayload,
    })),
  );
}

let cached: { url: string; transport: Transporter } | undefined;

/** One transport per SMTP_URL; its timeouts end any one send well within the outbox's lease. */
function transportFor(url: string): Transporter {
  if (cached?.url !== url) {
    cached = { url, transport: nodemailer.createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 } as never) };
  }
  return cached.transport;
}

/** The outbox handler of e-mail jobs: sends the stored message with nodemailer. */
export async function sendMailJob(payload: unknown): Promise<void> {
  const parsed = mailPayloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError("Not an e-mail job's payload.");
  const { smtpUrl } = mailSettings();
  if (!smtpUrl) throw new Error("SMTP_URL is not set in the worker's process.");
  const mail = parsed.data;
  try {
    await transportFor(smtpUrl).sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: { "Auto-Submitted": "auto-generated" },
    });
  } catch (error) {
    // 5xx to the recipient or the message is the server's final answer: trying again cannot help.
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    if ((code === "EENVELOPE" || code === "EMESSAGE") && responseCode !== undefined && responseCode >= 500 && responseCode < 600) {
      throw new PermanentJobError((error as Error).message);
    }
    throw error;
  }
}
