// npm run identity:add -- --username NAME --provider PROVIDER_ID [--project-id KEYSTONE_PROJECT_ID]
// Gives the user an account on the provider (or moves it to another project). On an openstack
// provider the project is required: it owns the user's Glance images and becomes a member of the
// images shared with them.
import { parseArgs } from "node:util";
import { OPERATOR } from "../lib/providers/actor";
import { mapIdentity } from "../lib/providers/map-identity";
import { runCommand } from "./lib/command";

const { values } = parseArgs({ options: { username: { type: "string" }, provider: { type: "string" }, "project-id": { type: "string" } } });

await runCommand(async () => {
  const identity = await mapIdentity(OPERATOR, { username: values.username, provider: values.provider, ...(values["project-id"] ? { project_id: values["project-id"] } : {}) });
  console.log(`${identity.username} has identity ${identity.id} on ${identity.provider_name} (${identity.provider})${identity.project_id ? `, Keystone project ${identity.project_id}` : ""}.`);
});
