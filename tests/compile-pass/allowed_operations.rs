// The allowed operations exist, take secret references where the manifest binds a
// scheme by reference, and take the slot's reference instead of the secret itself.
async fn call(client: poly_sdk_acme_crm_prod::Client, oauth: poly_sdk_acme_crm_prod::SecretRef) {
    let _ = client.crm().list_contacts().limit(10).send().await;
    let _ = client.crm().get_service_status().send().await;
    let _ = client.crm().delete_webhook_subscription(uuid::Uuid::nil(), &oauth).send().await;
}

fn main() {
    let _ = call;
}
