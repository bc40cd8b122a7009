import "server-only";
import { committedReader, db } from "../db/client";
import { AppError, conflict } from "../errors";
import { CloudError } from "../openstack/errors";
import { SecretsKeyError } from "../secrets/secret-box";
import { cloudForProvider, connectionSelect, isOpenStack } from "../providers/connection";
import type { CloudImage } from "../providers/image-cloud";
import { machineCloudFields, type MachineCloudFields } from "../providers/machine-fields";

export interface CompletionMachine {
  alias?: string;
  cloud?: MachineCloudFields;
}

const aliasTaken = async (alias: string) => (await committedReader.machine.findUnique({ where: { alias }, select: { alias: true } })) !== null;

/**
 * The machine completing a request records (SPEC §9). On a manual provider: the alias given, or a
 * new one. On an openstack provider: the snapshot's Glance image, named by `alias` or found by its
 * property atmosphere_request; it must exist, be active, and not be another version's machine.
 * Asked before the completion's transaction: no call to a cloud is made while it holds locks.
 */
export async function completionMachine(request: { id: number; providerId: number }, alias: string | undefined): Promise<CompletionMachine> {
  if (alias && (await aliasTaken(alias))) throw conflict(`The image ${alias} is a machine of another version already.`, { alias: ["Already in the catalog."] });
  const provider = await db.provider.findUniqueOrThrow({ where: { id: request.providerId }, select: connectionSelect });
  if (!isOpenStack(provider)) return alias ? { alias } : {};
  let image: CloudImage;
  try {
    image = alias ? await namedImage(provider, alias) : await imageOfRequest(provider, request.id);
  } catch (error) {
    if (error instanceof CloudError || error instanceof SecretsKeyError) {
      throw new AppError(503, `${provider.name} cannot be asked for the snapshot right now: ${error.message}`, undefined, { "Retry-After": "30" });
    }
    throw error;
  }
  if (image.status !== "active") throw conflict(`The image ${image.id} in ${provider.name} is ${image.status}, not active: complete the request once its upload has finished.`, { alias: ["Not active."] });
  if (!alias && (await aliasTaken(image.id))) throw conflict(`The image ${image.id} is a machine of another version already.`, { alias: ["Already in the catalog."] });
  return { alias: image.id, cloud: machineCloudFields(image) };
}

async function namedImage(provider: Parameters<typeof cloudForProvider>[0], alias: string): Promise<CloudImage> {
  const image = await cloudForProvider(provider).getImage(alias);
  if (!image) throw conflict(`${provider.name} has no image ${alias}.`, { alias: ["No such image in Glance."] });
  return image;
}

async function imageOfRequest(provider: Parameters<typeof cloudForProvider>[0], requestId: number): Promise<CloudImage> {
  const found = await cloudForProvider(provider).findImages("atmosphere_request", String(requestId));
  const candidates = found.filter((image) => image.status === "active");
  if (candidates.length === 1) return candidates[0];
  const hint = `make the snapshot in OpenStack (openstack server image create --property atmosphere_request=${requestId} …) or give its id as alias`;
  if (found.length === 0) throw conflict(`${provider.name} has no image whose atmosphere_request is ${requestId}: ${hint}.`, { alias: ["Required: no image carries this request's id."] });
  if (candidates.length === 0) throw conflict(`The image ${found[0].id} in ${provider.name} is ${found[0].status}, not active: complete the request once its upload has finished.`, { alias: ["Not active."] });
  throw conflict(`${provider.name} has ${candidates.length} active images whose atmosphere_request is ${requestId}: give the right one's id as alias.`, { alias: ["Several images match."] });
}
