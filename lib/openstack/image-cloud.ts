import type { DesiredImageState, ImageCloud } from "../providers/image-cloud";
import { acceptMember, addMember, getImageJson, imageAction, listImagePages, listMembers, patchImage, removeMember, toCloudImage, type PatchOperation } from "./glance";
import type { OpenStackConnection } from "./keystone";
import { OpenStackSession } from "./session";

/** The OpenStack driver: Keystone for the token and the catalog, Glance for the images. */
export class OpenStackImageCloud implements ImageCloud {
  private readonly session: OpenStackSession;

  constructor(connection: OpenStackConnection) {
    this.session = new OpenStackSession(connection);
  }

  async check() {
    const token = await this.session.token();
    // One read proves Glance takes the token too.
    await this.session.glance("/v2/images?limit=1", "list images");
    return { imageUrl: token.imageUrl, projectId: token.projectId, roles: token.roles };
  }

  imagePages(pageSize: number) {
    return listImagePages(this.session, pageSize);
  }

  async getImage(id: string) {
    const json = await getImageJson(this.session, id);
    return json && toCloudImage(json);
  }

  async members(id: string) {
    return (await listMembers(this.session, id)).filter((member) => member.status !== "rejected").map((member) => member.member_id);
  }

  async findImages(property: string, value: string) {
    const found = [];
    for await (const page of listImagePages(this.session, 100, { [property]: value })) found.push(...page);
    return found;
  }

  /**
   * Compares the image with what the catalog wants and changes only what differs, in the order
   * Glance needs: members go before the image stops being `shared` and come after it becomes
   * `shared` (Glance refuses members on other visibilities). Running it twice changes nothing the
   * second time, so a delivery retried after a lost answer is applied once in effect.
   */
  async applyImageState(id: string, state: DesiredImageState): Promise<string[] | null> {
    const json = await getImageJson(this.session, id);
    if (!json) return null;
    const image = toCloudImage(json);
    const done: string[] = [];
    const members = new Set(state.visibility === "shared" ? state.members.filter((project) => project !== image.owner) : []);

    if (image.visibility === "shared" && state.visibility !== "shared") await this.syncMembers(id, members, done);
    const operations: PatchOperation[] = [];
    if (image.visibility !== state.visibility) operations.push({ op: "replace", path: "/visibility", value: state.visibility });
    for (const [name, value] of Object.entries(state.properties)) {
      if (json[name] !== value) operations.push({ op: "add", path: `/${name}`, value });
    }
    if (operations.length > 0) {
      await patchImage(this.session, id, operations);
      done.push(...operations.map((operation) => `${operation.path.slice(1)}=${String(operation.value)}`));
    }
    if (state.visibility === "shared") await this.syncMembers(id, members, done);

    if (!state.active && image.status === "active") {
      await imageAction(this.session, id, "deactivate");
      done.push("deactivated");
    } else if (state.active && image.status === "deactivated") {
      await imageAction(this.session, id, "reactivate");
      done.push("reactivated");
    }
    return done;
  }

  private async syncMembers(id: string, wanted: Set<string>, done: string[]) {
    const current = await listMembers(this.session, id);
    for (const member of current) {
      if (!wanted.has(member.member_id)) {
        await removeMember(this.session, id, member.member_id);
        done.push(`member -${member.member_id}`);
      }
    }
    for (const project of wanted) {
      const member = current.find((candidate) => candidate.member_id === project);
      if (!member) {
        await addMember(this.session, id, project);
        done.push(`member +${project}`);
      }
      if (member?.status !== "accepted") await acceptMember(this.session, id, project);
    }
  }
}
