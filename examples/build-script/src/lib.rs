//! An application crate that generates its tenant's SDK at build time (see `build.rs`)
//! and calls the ERP through the Poly proxy.

include!(concat!(env!("OUT_DIR"), "/poly_sdk.rs"));

/// The application's own code: a CRM report over the first page of contacts.
pub async fn active_contact_names(
    client: &erp::Client,
) -> Result<Vec<String>, erp::CallError<erp::crm::ListContactsError>> {
    let page = client.crm().list_contacts().limit(50).send().await?;
    Ok(page
        .items
        .into_iter()
        .filter(|c| c.status == erp::types::ContactStatus::Active)
        .map(|c| format!("{} {}", c.first_name, c.last_name))
        .collect())
}
