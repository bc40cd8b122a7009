import "server-only";
import { db } from "../../db/client";
import { badRequest, conflict, notFound } from "../../errors";
import { actorLabel, requireProviderAdmin, type ProviderActor } from "../actor";
import { isOpenStack } from "../connection";
import { syncProvider, type SyncResult } from "./sync-provider";

/** "Sync now" and `npm run providers:sync`: a sync whether due or not, unless one is running. */
export async function syncNow(actor: ProviderActor | null, providerId: number): Promise<SyncResult> {
  requireProviderAdmin(actor);
  const provider = await db.provider.findUnique({ where: { id: providerId }, select: { name: true, kind: true, active: true } });
  if (!provider) throw notFound(`No provider has the id ${providerId}.`);
  if (!isOpenStack(provider)) throw badRequest(`${provider.name} is a manual provider: there is no cloud to sync with.`);
  if (!provider.active) throw badRequest(`${provider.name} is not active.`);
  const result = await syncProvider(providerId, actorLabel(actor!));
  if (!result) throw conflict(`${provider.name} is being synced by another process right now; look again in a moment.`);
  return result;
}
