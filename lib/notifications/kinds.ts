// What a notification can be about (SPEC §8), and who hears of each kind.

export const NOTIFICATION_KINDS = [
  "request_submitted",
  "request_withdrawn",
  "request_approved",
  "request_denied",
  "request_processing",
  "request_completed",
  "request_failed",
  "image_shared",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Support hears of these (staff users); the rest go to the people the request or image concerns. */
export const SUPPORT_KINDS: NotificationKind[] = ["request_submitted", "request_withdrawn"];

/** The kinds a user can be told of, as the settings page offers them. */
export const kindsFor = (user: { isStaff: boolean }) => NOTIFICATION_KINDS.filter((kind) => user.isStaff || !SUPPORT_KINDS.includes(kind));

/** Words for the settings page. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  request_submitted: "Someone submits an image request (support)",
  request_withdrawn: "Someone withdraws an image request (support)",
  request_approved: "Support approves your request",
  request_denied: "Support denies your request",
  request_processing: "Support starts imaging your instance",
  request_completed: "Your image is ready",
  request_failed: "Imaging your instance failed",
  image_shared: "Someone shares an image with you",
};
