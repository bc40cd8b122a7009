// Image requests as the notification tests make them: alice asks for an image of a new instance
// of hers, and someone moves it.
import { expect } from "vitest";
import * as requestImageRoute from "../app/api/v1/provider/[providerId]/identity/[identityId]/request_image/route";
import * as requestRoute from "../app/api/v1/image_requests/[id]/route";
import type { Viewer } from "../lib/auth/viewer";
import { db } from "../lib/db/client";
import type { Fixture } from "./fixtures";
import { call } from "./http";
import { seedRequestBody } from "./seed-example";

let instances = 0;

/** alice's request for an image of a new instance, named `name`, with `body` over the seed's example; its id. */
export async function submitAsAlice(world: Fixture, name: string, body: Record<string, unknown> = {}): Promise<number> {
  const instance = await db.instance.create({ data: { name: `requested-${++instances}`, providerId: world.providers.p1.id, identityId: world.identities.aliceIdentity.id } });
  const { status, body: created } = await call(requestImageRoute.POST, "/api/v1/provider/1/identity/x/request_image/", {
    method: "POST",
    params: { providerId: String(world.providers.p1.id), identityId: world.identities.aliceIdentity.id },
    body: { ...seedRequestBody(instance.alias, world.providers.p1.id, name), ...body },
    session: world.users.alice,
  });
  expect(status).toBe(201);
  return created.id;
}

/** Moves a request (200 expected); the request's JSON. */
export async function moveRequestAs(by: Viewer, id: number, status: string, admin_message?: string) {
  const answer = await call(requestRoute.PATCH, `/api/v1/image_requests/${id}`, {
    method: "PATCH",
    params: { id: String(id) },
    body: { status, ...(admin_message ? { admin_message } : {}) },
    session: by,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}
