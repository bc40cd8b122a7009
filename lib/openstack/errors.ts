// What went wrong talking to OpenStack, in words an operator can act on. Never carries a secret:
// messages are built from the service's name, the address and the service's own error text.

export type CloudErrorKind = "unreachable" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "refused";

export class CloudError extends Error {
  override name = "CloudError";

  constructor(
    readonly kind: CloudErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Glance's JSON errors end in HTML line breaks ("… <br /><br />\n\n\n"); Keystone nests them. */
export function serviceMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: string; error?: { message?: string } };
    const message = parsed.error?.message ?? parsed.message;
    if (typeof message === "string") return message.replace(/<br\s*\/?>/gi, " ").replace(/\s+/g, " ").trim();
  } catch {
    // not JSON: fall through to the text itself
  }
  return body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 300);
}

const KIND_BY_STATUS: Record<number, CloudErrorKind> = { 401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "conflict" };

export const errorForStatus = (service: string, status: number, body: string, what: string) =>
  new CloudError(KIND_BY_STATUS[status] ?? "refused", `${service} answered ${status} to ${what}: ${serviceMessage(body) || "no details"}`, status);
