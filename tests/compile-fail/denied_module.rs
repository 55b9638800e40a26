// acme-crm may call only the CRM: its SDK has no manufacturing operations at all.
async fn call(client: poly_sdk_acme_crm_prod::Client) {
    let _ = client.manufacturing().list_work_orders().send().await;
}

fn main() {
    let _ = call;
}
