// acme-crm's manifest denies `lookupContactByEmail`, although it is tagged `crm`.
async fn call(client: poly_sdk_acme_crm_prod::Client) {
    let _ = client.crm().lookup_contact_by_email("a@example.com".to_owned()).send().await;
}

fn main() {
    let _ = call;
}
