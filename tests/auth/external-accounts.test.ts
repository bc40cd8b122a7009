// The account rules of a sign-in through the institution (SPEC §10), on their own.
import { beforeAll, describe, expect, it } from "vitest";
import { cleanUsername, isStaffByGroups, userForOidcSignIn, verifiedEmail } from "@/lib/auth/oidc/external-accounts";
import { db } from "@/lib/db/client";
import { USERNAME_PATTERN } from "@/lib/validations/common";
import { seedFixture } from "../fixtures";

const ISSUER = "https://keycloak.uni.example/realms/research";

beforeAll(async () => {
  await seedFixture();
});

describe("cleanUsername", () => {
  it.each([
    ["jdoe", "jdoe"],
    ["J.Doe@uni.example", "j.doe@uni.example"],
    ["Zoë Müller", "zoe_muller"],
    ["  spaced  out ", "spaced_out"],
    ["名前", "user"],
    ["", "user"],
    [undefined, "user"],
    [42, "user"],
  ])("%j becomes %j", (claim, cleaned) => {
    expect(cleanUsername(claim)).toBe(cleaned);
  });

  it("always gives a valid username with room for a suffix", () => {
    const long = cleanUsername("x".repeat(400));
    expect(long.length).toBe(144);
    expect(USERNAME_PATTERN.test(`${long}-99999`)).toBe(true);
  });
});

describe("isStaffByGroups", () => {
  it("accepts a list or one string, and only exact group names", () => {
    expect(isStaffByGroups(["students", "/admins"], ["/admins"])).toBe(true);
    expect(isStaffByGroups("/admins", ["/admins"])).toBe(true);
    expect(isStaffByGroups(["/admins/sub", "admins"], ["/admins"])).toBe(false);
    expect(isStaffByGroups(undefined, ["/admins"])).toBe(false);
    expect(isStaffByGroups([{ name: "/admins" }], ["/admins"])).toBe(false);
  });
});

describe("verifiedEmail", () => {
  it("keeps one address the provider has not called unverified", () => {
    expect(verifiedEmail({ email: " ada@uni.example " })).toBe("ada@uni.example");
    expect(verifiedEmail({ email: "ada@uni.example", email_verified: true })).toBe("ada@uni.example");
    expect(verifiedEmail({ email: "ada@uni.example", email_verified: false })).toBe("");
    expect(verifiedEmail({ email: "ada@uni.example, eve@evil.example" })).toBe("");
    expect(verifiedEmail({ email: "not an address" })).toBe("");
    expect(verifiedEmail({ email: ["ada@uni.example"] })).toBe("");
  });
});

describe("userForOidcSignIn", () => {
  it("names the user from the e-mail when preferred_username gives nothing usable", async () => {
    expect((await userForOidcSignIn(ISSUER, { sub: "e-1", preferred_username: "名前", email: "kenji.sato@uni.example" }, [])).username).toBe("kenji.sato");
    expect((await userForOidcSignIn(ISSUER, { sub: "e-2" }, [])).username).toBe("user");
  });


  it("gives a taken name, in any letter case, a suffix; never the local user", async () => {
    const bob = await db.user.findUniqueOrThrow({ where: { username: "bob" } });
    const first = await userForOidcSignIn(ISSUER, { sub: "b-1", preferred_username: "BOB", email: bob.email }, []);
    const second = await userForOidcSignIn(ISSUER, { sub: "b-2", preferred_username: "bob" }, []);
    expect([first.username, second.username]).toEqual(["bob-2", "bob-3"]);
    expect(first.id).not.toBe(bob.id);
    expect(await db.externalAccount.count({ where: { userId: bob.id } })).toBe(0);
  });

  it("keys accounts by issuer and sub: the same sub at another issuer is another person", async () => {
    const here = await userForOidcSignIn(ISSUER, { sub: "s-1", preferred_username: "sam" }, []);
    const again = await userForOidcSignIn(ISSUER, { sub: "s-1", preferred_username: "renamed" }, []);
    const elsewhere = await userForOidcSignIn("https://other.example", { sub: "s-1", preferred_username: "sam" }, []);
    expect(again).toEqual(here);
    expect(elsewhere.id).not.toBe(here.id);
  });

  it("makes one account of two first sign-ins at once", async () => {
    const both = await Promise.all([1, 2].map(() => userForOidcSignIn(ISSUER, { sub: "race-1", preferred_username: "racer" }, [])));
    expect(both[0]).toEqual(both[1]);
    expect(await db.externalAccount.count({ where: { subject: "race-1" } })).toBe(1);
  });

  it("manages the staff flag only when staff groups are configured", async () => {
    const made = await userForOidcSignIn(ISSUER, { sub: "st-1", preferred_username: "stella", groups: ["rc"] }, ["rc"]);
    expect(made.isStaff).toBe(true);
    expect((await userForOidcSignIn(ISSUER, { sub: "st-1", groups: [] }, [])).isStaff).toBe(true);
    expect((await userForOidcSignIn(ISSUER, { sub: "st-1", groups: [] }, ["rc"])).isStaff).toBe(false);
  });

  it("refuses an answer without a subject", async () => {
    await expect(userForOidcSignIn(ISSUER, { preferred_username: "nobody" }, [])).rejects.toThrow(/no issuer or subject/);
  });
});
