// SPEC §4's table of who may move a request from which status to which.
export const REQUEST_STATUSES = ["pending", "approved", "processing", "completed", "failed", "denied", "closed"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

type Role = "staff" | "requester";

type Target = Exclude<RequestStatus, "pending">;

const MOVES: Record<RequestStatus, Partial<Record<Target, Role>>> = {
  pending: { approved: "staff", denied: "staff", closed: "requester" },
  approved: { processing: "staff", completed: "staff", failed: "staff", denied: "staff", closed: "requester" },
  processing: { completed: "staff", failed: "staff" },
  failed: { approved: "staff" },
  completed: {},
  denied: {},
  closed: {},
};

/** Final statuses end the request: its instance may then be requested again. */
export const FINAL_STATUSES: RequestStatus[] = ["completed", "denied", "closed"];
export const isFinal = (status: RequestStatus) => FINAL_STATUSES.includes(status);

/** Staff must say why. */
export const NEEDS_ADMIN_MESSAGE: RequestStatus[] = ["denied", "failed"];

/** The statuses this viewer may move the request to from where it is. */
export function allowedMoves(from: RequestStatus, viewer: { isStaff: boolean; isRequester: boolean }): Target[] {
  return (Object.entries(MOVES[from]) as [Target, Role][])
    .filter(([, role]) => (role === "staff" ? viewer.isStaff : viewer.isRequester))
    .map(([to]) => to);
}

/** Words for people, in the order a request lives through them. */
export const STATUS_LABELS: Record<RequestStatus, string> = {
  pending: "Waiting for support",
  approved: "Approved",
  processing: "Being imaged",
  completed: "Completed",
  failed: "Failed",
  denied: "Denied",
  closed: "Withdrawn",
};
