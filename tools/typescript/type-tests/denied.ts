// Calls the acme-crm manifest denies in prod. This file must NOT compile, and
// scripts/typescript-check checks that tsc reports each line below.

import { Client } from "../../../generated-examples/acme-crm-prod/typescript/src/index.js";

const client = new Client({
  proxyUrl: "https://poly-proxy.internal",
  apiKey: "poly_3qT9vXkLm2Rz8YwPc4NhJd7sGf1BaU6eK0oQiVtEx5H",
});

export async function denied(): Promise<void> {
  // Not a crm operation: the tenant's rules do not allow manufacturing or files.
  await client.manufacturing.createWorkOrder({ body: {} });
  await client.files.uploadFile({ body: new Uint8Array(1) });
  // A crm operation the tenant denies explicitly.
  await client.crm.lookupContactByEmail({ email: "ada@northwind.example" });
  // A pinned parameter: the proxy fills X-Company-Id itself.
  await client.crm.listContacts({ xCompanyId: "1001" });
}
