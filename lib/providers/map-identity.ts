import "server-only";
import { db } from "../db/client";
import { badRequest, notFound } from "../errors";
import { identityInputSchema } from "../validations/providers";
import { requireProviderAdmin, type ProviderActor } from "./actor";
import { isOpenStack } from "./connection";
import { queueImagePushes } from "./write-back/queue-push";

/**
 * Gives a user an account on a provider, or moves it to another Keystone project. The images
 * shared with them are pushed again, so that their new project becomes a member in Glance.
 */
export async function mapIdentity(actor: ProviderActor | null, body: unknown) {
  requireProviderAdmin(actor);
  const input = identityInputSchema.parse(body);
  const [user, provider] = await Promise.all([
    db.user.findUnique({ where: { username: input.username }, select: { id: true, username: true } }),
    db.provider.findUnique({ where: { id: input.provider }, select: { id: true, name: true, kind: true } }),
  ]);
  if (!user) throw notFound(`No user is called ${input.username}.`);
  if (!provider) throw notFound(`No provider has the id ${input.provider}.`);
  if (isOpenStack(provider) && !input.project_id) throw badRequest("An identity on an openstack provider names its Keystone project.", { project_id: ["Required for an openstack provider."] });
  const projectId = input.project_id ?? null;
  return db.$transaction(async (tx) => {
    const identity = await tx.identity.upsert({
      where: { userId_providerId: { userId: user.id, providerId: provider.id } },
      create: { userId: user.id, providerId: provider.id, projectId },
      update: { projectId },
      select: { id: true, projectId: true },
    });
    const shared = await tx.imageShare.findMany({ where: { userId: user.id }, select: { imageId: true } });
    await queueImagePushes(tx, { imageIds: shared.map((share) => share.imageId), providerId: provider.id, reason: `${user.username}'s project is ${projectId ?? "unset"}` });
    return { id: identity.id, username: user.username, provider: provider.id, provider_name: provider.name, project_id: identity.projectId };
  });
}
