// Control for denied.ts: the same kinds of calls, to operations the acme-crm manifest
// allows in prod. This file must compile.

import { Client, secretRef } from "../../../generated-examples/acme-crm-prod/typescript/src/index.js";
import type { Contact, ContactList, Party } from "../../../generated-examples/acme-crm-prod/typescript/src/index.js";

const client = new Client({
  proxyUrl: "https://poly-proxy.internal",
  apiKey: "poly_3qT9vXkLm2Rz8YwPc4NhJd7sGf1BaU6eK0oQiVtEx5H",
  secrets: { OAuth2: secretRef("erp-partner-token") },
});

export async function allowed(): Promise<void> {
  const page: ContactList = await client.crm.listContacts({ limit: 10, status: ["lead"] });
  const contact: Contact = await client.crm.createContact({ body: { firstName: "Ada", lastName: "Lovelace" } });
  const party: Party = await client.crm.getParty({ partyId: "p_1" });
  if (party.kind === "person") {
    const given: string = party.givenName;
    void given;
  }
  await client.crm.createWebhookSubscription({
    body: { url: "https://hooks.example/x", events: ["contact.created"] },
    slots: { webhook_signing_secret: secretRef("signing-key") },
  });
  const pdf: ReadableStream<Uint8Array> = await client.crm.downloadInvoicePdf({ invoiceId: "i_1" });
  void page;
  void contact;
  void pdf;
}
