import type { Viewer } from "../auth/viewer";
import { forbidden, unauthorized } from "../errors";

/**
 * Who manages providers: staff on /admin/providers, or the operator at the server's shell (the
 * npm run commands, who hold the database already).
 */
export const OPERATOR = "operator" as const;
export type ProviderActor = Viewer | typeof OPERATOR;

export function requireProviderAdmin(actor: ProviderActor | null): void {
  if (actor === OPERATOR) return;
  if (!actor) throw unauthorized();
  if (!actor.isStaff) throw forbidden("Only staff manage providers.");
}

/** How a sync run names who started it. */
export const actorLabel = (actor: ProviderActor) => (actor === OPERATOR ? "command" : `staff:${actor.username}`);
