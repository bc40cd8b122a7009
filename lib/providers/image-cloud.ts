// The small interface between the catalog's rules and a cloud's image service. The catalog
// (sync, write-back, request completion) speaks only this; lib/openstack/ is the one driver.
import type { CloudImage } from "../openstack/glance";

export type { CloudImage };

/** What the catalog wants a cloud image to be (SPEC §9's write-back). */
export interface DesiredImageState {
  visibility: "public" | "shared" | "private";
  /** Projects (tenants) that get the image, accepted on their behalf; only with "shared". */
  members: string[];
  /** Our properties: atmosphere_image, atmosphere_version. */
  properties: Record<string, string>;
  /** False: deactivated (retired in the catalog). */
  active: boolean;
}

export interface ImageCloud {
  /** Signs in and finds the image service: what an operator sees when adding a provider. */
  check(): Promise<{ imageUrl: string; projectId: string; roles: string[] }>;
  /** Every image the catalog's credential sees, a page at a time. */
  imagePages(pageSize: number): AsyncGenerator<CloudImage[]>;
  getImage(id: string): Promise<CloudImage | null>;
  /** The projects an image is shared with (accepted or not yet). */
  members(id: string): Promise<string[]>;
  /** Images whose property `name` has this value (atmosphere_request, for completing requests). */
  findImages(property: string, value: string): Promise<CloudImage[]>;
  /** Makes the image so; returns what had to change (empty: nothing), or null when it is gone. */
  applyImageState(id: string, state: DesiredImageState): Promise<string[] | null>;
}
