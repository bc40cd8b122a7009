// npm run provider:add -- --name NAME --auth-url URL --region REGION --credential-id ID --credential-secret SECRET
//   or, instead of the application credential: --username U --password P --project-name PROJECT [--domain-name Default]
//   or a provider without a cloud behind it: --name NAME --kind manual [--location TEXT]
// The secret may come from ATMOSPHERE_CREDENTIAL_SECRET instead, to keep it out of shell history.
// The connection is tried (sign in, find Glance, the admin role) before anything is saved;
// --no-check skips that, for a cloud that is down now. --update gives an existing openstack
// provider of that name the new connection (a rotated credential) and keeps its machines.
import { parseArgs } from "node:util";
import { OPERATOR } from "../lib/providers/actor";
import { addProvider } from "../lib/providers/add-provider";
import { runCommand } from "./lib/command";

const { values } = parseArgs({
  options: {
    name: { type: "string" },
    location: { type: "string" },
    kind: { type: "string" },
    "auth-url": { type: "string" },
    region: { type: "string" },
    "credential-id": { type: "string" },
    "credential-secret": { type: "string" },
    username: { type: "string" },
    password: { type: "string" },
    "project-name": { type: "string" },
    "domain-name": { type: "string" },
    "no-check": { type: "boolean", default: false },
    update: { type: "boolean", default: false },
  },
});

await runCommand(async () => {
  const secretFromEnvironment = process.env.ATMOSPHERE_CREDENTIAL_SECRET;
  const body = Object.fromEntries(
    Object.entries({
      name: values.name,
      location: values.location,
      kind: values.kind,
      auth_url: values["auth-url"],
      region: values.region,
      credential_id: values["credential-id"],
      credential_secret: values["credential-secret"] ?? (values["credential-id"] ? secretFromEnvironment : undefined),
      username: values.username,
      password: values.password ?? (values.username ? secretFromEnvironment : undefined),
      project_name: values["project-name"],
      domain_name: values["domain-name"],
    }).filter(([, value]) => value !== undefined),
  );
  const added = await addProvider(OPERATOR, body, { check: !values["no-check"], update: values.update });
  console.log(`${values.update ? "Updated" : "Added"} provider ${added.id}: ${added.name} (${added.kind}).`);
  if (added.checked) {
    console.log(`Signed in to project ${added.checked.projectId} with roles ${added.checked.roles.join(", ")}; Glance is at ${added.checked.imageUrl}.`);
  }
  if (added.kind === "openstack") {
    console.log(`Map users to their Keystone projects: npm run identity:add -- --username NAME --provider ${added.id} --project-id PROJECT_ID`);
    console.log(`Read its images now: npm run providers:sync -- --provider ${added.id} (the server does it every PROVIDER_SYNC_SECONDS).`);
  }
});
