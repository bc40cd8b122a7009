// A small, known world for the API tests: four users, two providers, and images of every
// kind of visibility (public, private, shared, retired, scheduled for retirement).
import { createApiToken } from "../lib/auth/api-tokens";
import { userForOidcSignIn } from "../lib/auth/oidc/external-accounts";
import { hashPassword } from "../lib/auth/passwords";
import { db } from "../lib/db/client";
import { createImageRecord, type NewImage } from "../lib/images/create-image";

const DAY = 24 * 60 * 60 * 1000;
export const PASSWORD = "correct horse battery";

export type Fixture = Awaited<ReturnType<typeof seedFixture>>;

export async function seedFixture() {
  const passwordHash = await hashPassword(PASSWORD);
  const user = (username: string, isStaff = false) =>
    db.user.create({
      data: { username, email: `${username}@example.org`, displayName: username, passwordHash, isStaff },
      select: { id: true, username: true, isStaff: true },
    });
  const alice = await user("alice"); // creates the images
  const bob = await user("bob"); // some are shared with him
  const carol = await user("carol"); // a plain user
  const staff = await user("staff", true);
  // Made by signing in through the institution (SPEC §10): no password, linked by issuer and sub.
  const institution = { issuer: "https://login.uni.example/realms/research", staffGroups: ["rc-staff"] };
  const olivia = await userForOidcSignIn(institution.issuer, { sub: "f3a9-olivia", preferred_username: "olivia", email: "olivia@uni.example", groups: ["students"] }, institution.staffGroups);

  const p1 = await db.provider.create({ data: { name: "Provider One", location: "Tucson" } });
  const p2 = await db.provider.create({ data: { name: "Provider Two", location: "Austin" } });
  const aliceIdentity = await db.identity.create({ data: { userId: alice.id, providerId: p1.id } });
  const bobIdentity = await db.identity.create({ data: { userId: bob.id, providerId: p1.id } });
  const aliceIdentity2 = await db.identity.create({ data: { userId: alice.id, providerId: p2.id } });
  const aliceInstance = await db.instance.create({
    data: {
      name: "alice-vm",
      ipAddress: "10.0.0.5",
      providerId: p1.id,
      identityId: aliceIdentity.id,
      tags: { create: [{ tag: { create: { name: "Lab", key: "lab" } } }, { tag: { create: { name: "Genomics", key: "genomics" } } }] },
    },
  });
  const aliceSecondInstance = await db.instance.create({ data: { name: "alice-vm-2", providerId: p1.id, identityId: aliceIdentity.id } });
  await db.instance.create({
    data: { name: "alice-old-vm", providerId: p1.id, identityId: aliceIdentity.id, endDate: new Date(Date.now() - DAY) },
  });
  const bobInstance = await db.instance.create({ data: { name: "bob-vm", providerId: p1.id, identityId: bobIdentity.id } });

  const now = Date.now();
  let order = 0;
  const image = (name: string, extra: Partial<NewImage> = {}) =>
    createImageRecord(db, {
      name,
      description: `About ${name}`,
      createdBy: alice,
      tags: [],
      private: false,
      sharedWithIds: [],
      // Distinct, known start dates: the default ordering is newest first.
      startDate: new Date(now - 100 * DAY + ++order * DAY),
      versions: [{ version: "1", providerId: p1.id }],
      ...extra,
    });

  const images = {
    public: await image("Ubuntu 22.04 Base", { tags: ["Ubuntu", "Featured"], description: "A plain Ubuntu system" }),
    private: await image("Alice Private Pipeline", { private: true, tags: ["Genomics"] }),
    shared: await image("Shared Lab Notebook", { private: true, sharedWithIds: [bob.id], tags: ["Jupyter", "Python"] }),
    retired: await image("Retired CentOS 6", { endDate: new Date(now - DAY), tags: ["CentOS"] }),
    scheduled: await image("Workshop Genomics Box", { endDate: new Date(now + DAY), tags: ["Genomics", "Workshop"] }),
    retiredShared: await image("Retired Shared Box", { private: true, sharedWithIds: [bob.id], endDate: new Date(now - DAY) }),
    bobsPublic: await image("Bob Rocky Linux", {
      createdBy: bob,
      tags: ["Rocky", "Featured"],
      versions: [
        { version: "1", providerId: p2.id, startDate: new Date(now - 10 * DAY), endDate: new Date(now - 5 * DAY) },
        { version: "2", providerId: p2.id, startDate: new Date(now - 5 * DAY) },
      ],
    }),
  };

  const tokens = {
    alice: (await createApiToken(alice.id, "alice laptop")).token,
    bob: (await createApiToken(bob.id, "bob laptop")).token,
    staff: (await createApiToken(staff.id, "staff laptop")).token,
    olivia: (await createApiToken(olivia.id, "olivia laptop")).token,
    revoked: (await createApiToken(alice.id, "revoked")).token,
    expired: (await createApiToken(alice.id, "expired", new Date(now + DAY))).token,
  };
  await db.apiToken.updateMany({ where: { name: "revoked" }, data: { revokedAt: new Date() } });
  await db.apiToken.updateMany({ where: { name: "expired" }, data: { expiresAt: new Date(now - 1000) } });

  return { users: { alice, bob, carol, staff, olivia }, institution, providers: { p1, p2 }, identities: { aliceIdentity, aliceIdentity2, bobIdentity }, aliceInstance, aliceSecondInstance, bobInstance, images, tokens };
}

/**
 * A staff user made by the institution's groups claim, for the authorization tables only (the
 * other tests count the staff users who are notified).
 */
export async function addInstitutionStaff(world: Fixture) {
  const rcStaff = await userForOidcSignIn(world.institution.issuer, { sub: "0c21-ravi", preferred_username: "ravi", email: "ravi@uni.example", groups: ["rc-staff"] }, world.institution.staffGroups);
  return { ...world, users: { ...world.users, rcStaff } };
}
