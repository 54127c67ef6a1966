//! Signature verification and the subscription handshake: every way a request can be wrong.

use serde_json::Value;
use wa_webhook_types::receive::signature::{self, SignatureError};
use wa_webhook_types::receive::verification::{self, Handshake, HandshakeError};

fn vector() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/fixtures/signature_vector_whatsapp-api-js.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("the signature vector is missing: {} ({e}); it lives in ../shared/fixtures beside the project", path.display())
    });
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_published_vector_verifies_over_the_bytes_meta_signed() {
    let v = vector();
    let secret = v["app_secret"].as_str().unwrap();
    let escaped = v["body_escaped"].as_str().unwrap().as_bytes();
    let header = v["expected_header"].as_str().unwrap();
    assert_eq!(signature::verify(secret, escaped, Some(header)), Ok(()));
    assert_eq!(signature::sign(secret, escaped), header);

    // The same text with its escapes decoded is other bytes: it must not verify.
    let decoded = v["body"].as_str().unwrap().as_bytes();
    assert_eq!(
        signature::verify(secret, decoded, Some(header)),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        signature::sign(secret, decoded),
        v["hmac_over_utf8_bytes_of_body_for_contrast"]
            .as_str()
            .unwrap()
    );
}

#[test]
fn re_serializing_the_body_before_verifying_breaks_the_signature() {
    let raw = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"text":"J'ai mang\u00e9"}}]}]}"#;
    let header = signature::sign("secret", raw);
    assert_eq!(signature::verify("secret", raw, Some(&header)), Ok(()));
    let reserialized = serde_json::to_vec(&serde_json::from_slice::<Value>(raw).unwrap()).unwrap();
    assert_ne!(reserialized, raw.to_vec());
    assert_eq!(
        signature::verify("secret", &reserialized, Some(&header)),
        Err(SignatureError::Mismatch)
    );
}

#[test]
fn upper_case_hex_and_surrounding_space_are_accepted() {
    let header = signature::sign("secret", b"body");
    let upper = format!("sha256={}", header["sha256=".len()..].to_uppercase());
    assert_eq!(signature::verify("secret", b"body", Some(&upper)), Ok(()));
    assert_eq!(
        signature::verify("secret", b"body", Some(format!(" {header} "))),
        Ok(())
    );
}

#[test]
fn every_malformed_header_is_rejected_with_its_reason() {
    let good = signature::sign("secret", b"body");
    let hex = &good["sha256=".len()..];
    let cases: Vec<(Option<String>, SignatureError)> = vec![
        (None, SignatureError::MissingHeader),
        (Some(String::new()), SignatureError::WrongPrefix),
        (Some(format!("sha1={hex}")), SignatureError::WrongPrefix),
        (Some(hex.to_owned()), SignatureError::WrongPrefix),
        (Some(format!("SHA256={hex}")), SignatureError::WrongPrefix),
        (
            Some("sha256=".to_owned()),
            SignatureError::WrongLength { found: 0 },
        ),
        (
            Some(format!("sha256={}", &hex[..63])),
            SignatureError::WrongLength { found: 63 },
        ),
        (
            Some(format!("sha256={hex}00")),
            SignatureError::WrongLength { found: 66 },
        ),
        (
            Some(format!("sha256={}g", &hex[..63])),
            SignatureError::BadHex { position: 63 },
        ),
        (
            Some(format!("sha256=é{}", &hex[..62])),
            SignatureError::BadHex { position: 0 },
        ),
        (
            Some(format!("sha256={}", "0".repeat(64))),
            SignatureError::Mismatch,
        ),
    ];
    for (header, expected) in cases {
        assert_eq!(
            signature::verify("secret", b"body", header.as_deref()),
            Err(expected.clone()),
            "{header:?}"
        );
        assert!(!expected.to_string().is_empty());
    }
    assert_eq!(
        signature::verify("secret", b"bodY", Some(&good)),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        signature::verify("Secret", b"body", Some(&good)),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        signature::verify("secret", b"body", Some(good.as_bytes())),
        Ok(()),
        "bytes work like str"
    );
}

fn handshake(query: &str) -> Handshake {
    Handshake::from_query(query)
}

#[test]
fn a_correct_handshake_returns_the_challenge() {
    let h = handshake("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock");
    assert_eq!(verification::verify(&h, "meatyhamhock"), Ok("1158201444"));
    let h = handshake("?hub.verify_token=a%20b%26c&hub.mode=subscribe&hub.challenge=x+y&other=1");
    assert_eq!(verification::verify(&h, "a b&c"), Ok("x y"));
}

#[test]
fn every_bad_handshake_is_refused_with_its_reason() {
    let cases = [
        (
            "hub.challenge=1&hub.verify_token=t",
            HandshakeError::MissingMode,
        ),
        (
            "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=t",
            HandshakeError::WrongMode,
        ),
        (
            "hub.mode=&hub.challenge=1&hub.verify_token=t",
            HandshakeError::WrongMode,
        ),
        (
            "hub.mode=subscribe&hub.challenge=1",
            HandshakeError::MissingToken,
        ),
        (
            "hub.mode=subscribe&hub.challenge=1&hub.verify_token=T",
            HandshakeError::TokenMismatch,
        ),
        (
            "hub.mode=subscribe&hub.challenge=1&hub.verify_token=",
            HandshakeError::TokenMismatch,
        ),
        (
            "hub.mode=subscribe&hub.challenge=1&hub.verify_token=tt",
            HandshakeError::TokenMismatch,
        ),
        (
            "hub.mode=subscribe&hub.verify_token=t",
            HandshakeError::MissingChallenge,
        ),
        ("", HandshakeError::MissingMode),
    ];
    for (query, expected) in cases {
        assert_eq!(
            verification::verify(&handshake(query), "t"),
            Err(expected.clone()),
            "{query}"
        );
        assert!(!expected.to_string().is_empty());
    }
}

#[test]
fn verify_any_accepts_either_secret_while_one_rotates_and_says_which() {
    let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
    let old = wa_webhook_types::receive::signature::sign("old-secret", body);
    let new = wa_webhook_types::receive::signature::sign("new-secret", body);
    let secrets = ["new-secret", "old-secret"];
    use wa_webhook_types::receive::signature::{verify_any, SignatureError};
    assert_eq!(verify_any(secrets, body, Some(&new)), Ok(0));
    assert_eq!(verify_any(secrets, body, Some(&old)), Ok(1));
    let other = wa_webhook_types::receive::signature::sign("x-example-other-secret", body);
    assert_eq!(
        verify_any(secrets, body, Some(&other)),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        verify_any(Vec::<&str>::new(), body, Some(&new)),
        Err(SignatureError::NoSecret)
    );
    assert_eq!(
        verify_any(secrets, body, None::<&str>),
        Err(SignatureError::MissingHeader)
    );
}

/// A wrong `hub.mode` is kept (and so echoed and logged) cut to a few dozen characters.
#[test]
fn a_wrong_mode_is_never_repeated() {
    use wa_webhook_types::receive::verification::{verify, Handshake, HandshakeError};
    let long = Handshake {
        mode: Some("é".repeat(1000)),
        verify_token: Some("t".into()),
        challenge: Some("1".into()),
    };
    let refused = verify(&long, "t").unwrap_err();
    assert_eq!(refused, HandshakeError::WrongMode);
    assert_eq!(refused.to_string(), "hub.mode is not \"subscribe\"");
    // A token of another length is refused like any other (the comparison is of digests).
    let short = Handshake {
        mode: Some("subscribe".into()),
        verify_token: Some("t".into()),
        challenge: Some("1".into()),
    };
    assert_eq!(
        verify(&short, "a-much-longer-token"),
        Err(HandshakeError::TokenMismatch)
    );
    assert_eq!(verify(&short, "t"), Ok("1"));
}
