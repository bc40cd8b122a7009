// The kinds of viewer and of image the authorization tables run over, and SPEC §2 between them.
import type { CallOptions } from "./http";
import type { addInstitutionStaff } from "./fixtures";

/** The fixture with the institution's staff user added. */
export type MatrixWorld = Awaited<ReturnType<typeof addInstitutionStaff>>;

// The "institution" kinds are users made by a sign-in through the institution (SPEC §10): the
// same rules hold for them, in a session and with an API token.
export const VIEWERS = [
  "anonymous",
  "plain user",
  "creator",
  "shared-with user",
  "staff",
  "valid token",
  "revoked token",
  "institution user",
  "institution staff",
  "institution token",
] as const;
export type ViewerKind = (typeof VIEWERS)[number];
export const IMAGES = ["public", "private", "shared", "retired", "scheduled"] as const;
export type ImageKind = (typeof IMAGES)[number];

/** How a viewer of this kind calls the API, in the fixture's world. */
export function as(world: MatrixWorld, viewer: ViewerKind): CallOptions {
  const credentials: Record<ViewerKind, CallOptions> = {
    anonymous: {},
    "plain user": { session: world.users.carol },
    creator: { session: world.users.alice },
    "shared-with user": { session: world.users.bob },
    staff: { session: world.users.staff },
    "valid token": { token: world.tokens.alice },
    "revoked token": { token: world.tokens.revoked },
    "institution user": { session: world.users.olivia },
    "institution staff": { session: world.users.rcStaff },
    "institution token": { token: world.tokens.olivia },
  };
  return credentials[viewer];
}

// SPEC §2: who may see which image (a valid token is its holder, alice, the creator).
export const SEES: Record<ViewerKind, ImageKind[]> = {
  anonymous: ["public", "scheduled"],
  "plain user": ["public", "scheduled"],
  creator: [...IMAGES],
  "shared-with user": ["public", "scheduled", "shared"],
  staff: [...IMAGES],
  "valid token": [...IMAGES],
  "revoked token": [],
  "institution user": ["public", "scheduled"],
  "institution staff": [...IMAGES],
  "institution token": ["public", "scheduled"],
};
export const CURRENT: ImageKind[] = ["public", "private", "shared", "scheduled"];
/** The creator (in person or through her token) and staff: rules 2 and 3. */
export const OWN_OR_STAFF: ViewerKind[] = ["creator", "staff", "valid token", "institution staff"];
