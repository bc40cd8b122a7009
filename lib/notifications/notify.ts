import "server-only";
import type { Tx } from "../db/client";
import { enqueueMail } from "./mail-job";
import { mailSettings } from "./mail-settings";
import { SUPPORT_KINDS, type NotificationKind } from "./kinds";
import type { Notice } from "./render-mail";

/** What happened; the hooks in the data layer pass no more than ids, and this reads the rest. */
export type NotifyEvent =
  /** A request was created (lib/image-requests/request-image.ts). */
  | { type: "request_submitted"; requestId: number; actorId: number }
  /** A request changed status; it is read as it now is (lib/image-requests/move-request.ts). */
  | { type: "request_moved"; requestId: number; actorId: number }
  /** An edit changed who an image is shared with, from and to these usernames (lib/images/update-image.ts). */
  | { type: "image_shared"; imageId: string; actorId: number; before: string[]; after: string[] };

interface Recipient {
  id: number;
  email: string;
}

interface Message {
  kind: NotificationKind;
  recipients: Recipient[];
  notice: Notice;
}

const BODY_MAX = 2000;
const clip = (text: string) => (text.length > BODY_MAX ? `${text.slice(0, BODY_MAX - 1)}…` : text);

/**
 * SPEC §8: tells the people an event concerns, in the event's own transaction: an in-app notice
 * for each, and (with SMTP_URL) an e-mail in the outbox for each who has not turned that kind
 * off. Nobody is told of what they did themselves.
 */
export async function notify(tx: Tx, event: NotifyEvent): Promise<void> {
  for (const message of await messagesFor(tx, event)) {
    const recipients = message.recipients.filter((user) => user.id !== event.actorId);
    await deliver(tx, { ...message, recipients });
  }
}

async function deliver(tx: Tx, { kind, recipients, notice }: Message): Promise<void> {
  if (recipients.length > 0) {
    await tx.notification.createMany({
      data: recipients.map((user) => ({ userId: user.id, kind, title: notice.title, body: notice.body, link: notice.links[0].path, createdAt: new Date() })),
    });
  }
  const { smtpUrl, supportEmail } = mailSettings();
  if (!smtpUrl) return;
  // Support's mailbox, when there is one, hears of every request whoever made it.
  if (SUPPORT_KINDS.includes(kind) && supportEmail) return enqueueMail(tx, [supportEmail], notice);
  if (recipients.length === 0) return;
  const optedOut = await tx.notificationSetting.findMany({
    where: { userId: { in: recipients.map((user) => user.id) }, kind, email: false },
    select: { userId: true },
  });
  const off = new Set(optedOut.map((row) => row.userId));
  await enqueueMail(
    tx,
    recipients.filter((user) => !off.has(user.id)).map((user) => user.email),
    notice,
  );
}

const userSelect = { id: true, email: true } as const;
const staffUsers = (tx: Tx) => tx.user.findMany({ where: { isStaff: true }, select: userSelect, orderBy: { id: "asc" } });

async function messagesFor(tx: Tx, event: NotifyEvent): Promise<Message[]> {
  if (event.type === "image_shared") return imageShared(tx, event);
  const request = await tx.imageRequest.findUniqueOrThrow({
    where: { id: event.requestId },
    select: {
      id: true,
      name: true,
      description: true,
      status: true,
      imageId: true,
      // The move's own message (the request's admin_message keeps the last one given).
      history: { orderBy: { id: "desc" }, take: 1, select: { message: true } },
      visibility: true,
      visUsers: true,
      fork: true,
      createdBy: { select: { ...userSelect, username: true } },
    },
  });
  const about = `request #${request.id} ("${request.name}")`;
  const requestLink = { label: `Request #${request.id}`, path: `/requests/${request.id}` };
  if (event.type === "request_submitted") {
    return [
      {
        kind: "request_submitted",
        recipients: await staffUsers(tx),
        notice: { title: `${request.createdBy.username} asked support for an image: ${about}`, body: clip(request.description), links: [requestLink] },
      },
    ];
  }

  const message = clip(request.history[0]?.message ?? "");
  const toRequester = (kind: NotificationKind, title: string, links = [requestLink]): Message => ({
    kind,
    recipients: [request.createdBy],
    notice: { title, body: message, links },
  });
  switch (request.status) {
    case "closed":
      return [
        {
          kind: "request_withdrawn",
          recipients: await staffUsers(tx),
          notice: { title: `${request.createdBy.username} withdrew ${about}`, body: "", links: [requestLink] },
        },
      ];
    case "approved":
      return [toRequester("request_approved", `Your image ${about} was approved`)];
    case "denied":
      return [toRequester("request_denied", `Your image ${about} was denied`)];
    case "processing":
      return [toRequester("request_processing", `Support is imaging your instance for ${about}`)];
    case "failed":
      return [toRequester("request_failed", `Imaging your instance for ${about} failed`)];
    case "completed": {
      if (!request.imageId) return [toRequester("request_completed", `Your image ${about} is ready`)];
      const imageLink = { label: `The image "${request.name}"`, path: `/images/${request.imageId}` };
      return [
        toRequester("request_completed", `Your image "${request.name}" is ready (request #${request.id})`, [imageLink, requestLink]),
        // The user list of a request that made a new image: all of them are newly shared with.
        ...(request.fork && request.visibility === "users" ? [await sharedMessage(tx, request.imageId, request.createdBy.username, usernames(request.visUsers))] : []),
      ];
    }
    default:
      return [];
  }
}

const usernames = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((name): name is string => typeof name === "string") : [];
  } catch {
    return [];
  }
};

async function imageShared(tx: Tx, event: Extract<NotifyEvent, { type: "image_shared" }>): Promise<Message[]> {
  // Only those the edit adds: an edit that keeps someone on the list tells them nothing new.
  const added = event.after.filter((name) => !event.before.includes(name));
  if (added.length === 0) return [];
  const actor = await tx.user.findUniqueOrThrow({ where: { id: event.actorId }, select: { username: true } });
  return [await sharedMessage(tx, event.imageId, actor.username, added)];
}

async function sharedMessage(tx: Tx, imageId: string, by: string, names: string[]): Promise<Message> {
  const image = await tx.image.findUniqueOrThrow({ where: { id: imageId }, select: { name: true } });
  const recipients = names.length ? await tx.user.findMany({ where: { username: { in: names } }, select: userSelect, orderBy: { id: "asc" } }) : [];
  return {
    kind: "image_shared",
    recipients,
    notice: { title: `${by} shared the image "${image.name}" with you`, body: "", links: [{ label: `The image "${image.name}"`, path: `/images/${imageId}` }] },
  };
}
