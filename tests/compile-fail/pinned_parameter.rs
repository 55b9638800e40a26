// The company id is pinned by the proxy: the SDK offers no way to set it.
async fn call(client: poly_sdk_acme_crm_prod::Client) {
    let _ = client.crm().list_contacts().x_company_id("42".to_owned()).send().await;
}

fn main() {
    let _ = call;
}
