//! Hand-written (not generated): the generated feature types on the wire. Snapshots
//! in `codegen/tests/rust.rs` show what the generator writes; these show that it
//! behaves: defaults fill absent fields, base64 bytes round-trip, tagged unions keep
//! their tag standalone and in the union, every request media type is sendable, and
//! names that would collide (with the prelude, or with each other) stay apart.

use features_sdk::pets::{AnnotatePetBody, CreatePetBody};
use features_sdk::types::{Base64Bytes, Cat, Dog, Kind, NewPet, NewPetCollarColor, PetStatus};
use serde_json::{json, Value};

fn minimal_pet() -> Value {
    json!({"name": "Rex", "owner": null, "kind": {"species": "dog", "barks": true}})
}

fn pet(value: Value) -> NewPet {
    serde_json::from_value(value).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn absent_fields_read_as_their_schema_default() {
    let pet = pet(json!({
        "name": "Rex", "owner": null, "kind": {"species": "dog", "barks": true},
        "collar": {}
    }));
    assert_eq!(pet.status, Some(PetStatus::Available));
    assert_eq!(pet.vaccinated, Some(false));
    assert_eq!(pet.rank, Some(-1));
    assert_eq!(pet.score, Some(0.5));
    assert_eq!(pet.greeting.as_deref(), Some("hi \"there\""));
    assert_eq!(pet.coat, Some(Some("brown".to_owned())));
    assert_eq!(
        pet.collar.and_then(|c| c.color),
        Some(NewPetCollarColor::Blue)
    );
    // No usable default: still absent.
    assert_eq!(pet.motto, None);
    assert_eq!(pet.since, None);
    assert_eq!(pet.photo, None);
}

#[test]
fn present_values_and_null_win_over_defaults() {
    let pet = pet(json!({
        "name": "Rex", "owner": null, "kind": {"species": "dog", "barks": true},
        "vaccinated": true, "rank": 3, "status": "sold", "coat": null, "motto": null
    }));
    assert_eq!(pet.vaccinated, Some(true));
    assert_eq!(pet.rank, Some(3));
    assert_eq!(pet.status, Some(PetStatus::Sold));
    // Absent and null stay apart: null is not the default.
    assert_eq!(pet.coat, Some(None));
    assert_eq!(pet.motto, Some(None));
}

#[test]
fn unset_fields_with_defaults_are_not_sent() {
    // `None` leaves the choice to the API: an update must not reset what it omits.
    let mut pet = pet(minimal_pet());
    pet.status = None;
    pet.vaccinated = None;
    pet.coat = None;
    let sent = serde_json::to_value(&pet).unwrap_or_else(|e| panic!("{e}"));
    let sent = sent.as_object().unwrap_or_else(|| panic!("{sent}"));
    for field in ["status", "vaccinated", "coat", "motto"] {
        assert!(!sent.contains_key(field), "{field} sent: {sent:?}");
    }
}

#[test]
fn base64_bytes_round_trip() {
    let mut value = minimal_pet();
    value["photo"] = json!("aGVsbG8=");
    value["thumbnails"] = json!(["", "YQ==", "YWI", "_-8="]);
    let pet = pet(value);
    assert_eq!(pet.photo, Some(Base64Bytes(b"hello".to_vec())));
    assert_eq!(
        pet.thumbnails,
        Some(vec![
            Base64Bytes(Vec::new()),
            Base64Bytes(b"a".to_vec()),
            Base64Bytes(b"ab".to_vec()),
            Base64Bytes(vec![0xff, 0xef]),
        ])
    );
    let sent = serde_json::to_value(&pet).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sent["photo"], json!("aGVsbG8="));
    // Written canonically: standard alphabet, padded.
    assert_eq!(sent["thumbnails"], json!(["", "YQ==", "YWI=", "/+8="]));

    let all: Vec<u8> = (0..=255).collect();
    let text = Base64Bytes(all.clone()).to_base64();
    assert_eq!(Base64Bytes::from_base64(&text), Some(Base64Bytes(all)));
    assert_eq!(
        Base64Bytes::from_base64("aGVs\r\nbG8="),
        Some(Base64Bytes(b"hello".to_vec()))
    );
    for invalid in ["a", "aGVsbG8=x", "aGV*"] {
        assert_eq!(Base64Bytes::from_base64(invalid), None, "{invalid}");
    }
    let mut value = minimal_pet();
    value["photo"] = json!("not base64!");
    assert!(serde_json::from_value::<NewPet>(value).is_err());
}

#[test]
fn tagged_union_members_keep_their_tag_standalone() {
    let dog = Dog {
        species: "dog".to_owned(),
        barks: true,
    };
    let standalone = serde_json::to_value(&dog).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(standalone, json!({"species": "dog", "barks": true}));
    let back: Dog = serde_json::from_value(standalone).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, dog);
}

#[test]
fn tagged_unions_round_trip_and_the_variant_decides_the_tag() {
    for (wire, expected) in [
        (
            json!({"species": "dog", "barks": false}),
            Kind::Dog(Dog {
                species: "dog".to_owned(),
                barks: false,
            }),
        ),
        (
            json!({"species": "cat"}),
            Kind::Cat(Cat {
                species: "cat".to_owned(),
                lives: Some(9),
            }),
        ),
    ] {
        let kind: Kind = serde_json::from_value(wire).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(kind, expected);
        let again = serde_json::to_value(&kind).unwrap_or_else(|e| panic!("{e}"));
        let back: Kind = serde_json::from_value(again).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, expected);
    }

    // Every mapping value selects its member; the first is the one written.
    let puppy: Kind = serde_json::from_value(json!({"species": "puppy", "barks": true}))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(&puppy, Kind::Dog(d) if d.barks));
    assert_eq!(puppy.tag(), Some("dog"));
    let sent = serde_json::to_value(&puppy).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sent["species"], json!("dog"));

    // A member's own tag field cannot make the union lie about its variant.
    let mislabelled = Kind::Dog(Dog {
        species: "cat".to_owned(),
        barks: true,
    });
    let sent = serde_json::to_value(&mislabelled).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sent, json!({"species": "dog", "barks": true}));
}

#[test]
fn tagged_unions_keep_unknown_members_and_reject_untagged_ones() {
    let wire = json!({"species": "axolotl", "gills": 6});
    let kind: Kind = serde_json::from_value(wire.clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kind, Kind::Unknown(wire.clone()));
    assert_eq!(kind.tag(), Some("axolotl"));
    assert_eq!(serde_json::to_value(&kind).ok(), Some(wire));

    assert!(serde_json::from_value::<Kind>(json!({"barks": true})).is_err());
    assert!(serde_json::from_value::<Kind>(json!({"species": 1})).is_err());
    // A known tag with a broken member is an error, not an unknown member.
    assert!(serde_json::from_value::<Kind>(json!({"species": "dog"})).is_err());
}

fn client() -> features_sdk::Client {
    let runtime = poly_runtime::Client::builder()
        .proxy_url("http://127.0.0.1:9")
        .api_key(poly_runtime::ApiKey::new("poly_test_key"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    features_sdk::Client::new(runtime)
}

#[test]
fn every_request_media_type_can_be_sent() {
    let client = client();
    let note = || features_sdk::types::Note {
        text: "good dog".to_owned(),
        pinned: None,
    };
    let cases = [
        (AnnotatePetBody::Json(note()), "\"application/json\""),
        (
            AnnotatePetBody::MergePatchJson(note()),
            "\"application/merge-patch+json\"",
        ),
        (
            AnnotatePetBody::TextPlain("good dog".into()),
            "\"text/plain\"",
        ),
        (
            AnnotatePetBody::Multipart(poly_runtime::Multipart::new().text("text", "good dog")),
            "\"multipart/form-data; boundary=",
        ),
    ];
    for (body, content_type) in cases {
        let request = client.pets().annotate_pet("p1".to_owned()).body(body);
        let shown = format!("{request:?}");
        assert!(shown.contains(content_type), "{content_type}: {shown}");
    }

    // A required body takes the enum as an argument.
    let json = client
        .pets()
        .create_pet(CreatePetBody::Json(pet(minimal_pet())));
    assert!(format!("{json:?}").contains("\"application/json\""));
}

#[test]
fn schemas_named_like_prelude_items_do_not_shadow_them() {
    use features_sdk::types::{Box2, Option2, String2};

    let b: Box2 = serde_json::from_value(json!({"label": "fancy"})).unwrap();
    assert_eq!(b.weight_tare, Some(0.5));
    assert_eq!(b.label, Some(String2::Fancy));
    let o: Option2 = serde_json::from_value(json!({"name": "n", "chosen": "odd"})).unwrap();
    assert_eq!(o.name, "n");
    assert!(matches!(o.chosen, Some(String2::Unknown(ref s)) if s == "odd"));
}

#[test]
fn operation_ids_differing_only_in_case_get_distinct_methods() {
    use features_sdk::names::{GetOauthCrate2Request, GetOauthCrateRequest};

    // Both exist as distinct types; the second carries a body.
    let _: Option<GetOauthCrateRequest> = None;
    let _: Option<GetOauthCrate2Request> = None;
}

#[test]
fn recursion_through_wrappers_and_inline_objects_is_boxed() {
    use features_sdk::types::Category;

    let c: Category = serde_json::from_value(json!({
        "name": "leaf",
        "parent": {"name": "root"},
        "origin": {"from": {"name": "elsewhere"}}
    }))
    .unwrap();
    assert_eq!(c.parent.unwrap().name.as_deref(), Some("root"));
    assert_eq!(
        c.origin.unwrap().from.unwrap().name.as_deref(),
        Some("elsewhere")
    );
}
