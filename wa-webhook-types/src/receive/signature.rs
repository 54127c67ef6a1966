//! `X-Hub-Signature-256`: proof that a POST comes from Meta.
//!
//! Meta signs every webhook POST with HMAC-SHA256 of the **raw request body**, keyed with the
//! app secret, and sends `sha256=<hex>` in the `X-Hub-Signature-256` header. Verify before
//! parsing, on the exact bytes received.
//!
//! # The classic pitfall
//!
//! Do not re-serialize the body (or parse it and serialize it again) before verifying. Meta
//! writes non-ASCII characters as `\uXXXX` escapes and signs that form; a JSON library that
//! re-encodes `\u00e9` as `é` produces different bytes and the signature no longer matches.
//! Keep the bytes as they came off the wire: verify them, then parse them.
//!
//! ```
//! use wa_webhook_types::receive::signature;
//!
//! let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
//! let header = signature::sign("app-secret", body); // what Meta would send
//! assert_eq!(signature::verify("app-secret", body, Some(&header)), Ok(()));
//! assert_eq!(
//!     signature::verify("another-secret", body, Some(&header)),
//!     Err(signature::SignatureError::Mismatch)
//! );
//! ```

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::fmt;

/// The header Meta sends the signature in.
pub const HEADER: &str = "X-Hub-Signature-256";

const PREFIX: &[u8] = b"sha256=";
const HEX_LEN: usize = 64;

/// Why a signature was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// The request has no `X-Hub-Signature-256` header.
    MissingHeader,
    /// The header does not start with `sha256=`.
    WrongPrefix,
    /// The header has `sha256=` but not 64 hex digits after it.
    WrongLength {
        /// How many characters followed `sha256=`.
        found: usize,
    },
    /// A character after `sha256=` is not a hex digit.
    BadHex {
        /// Its position after `sha256=`, from 0.
        position: usize,
    },
    /// A well-formed signature that does not match the body and secret.
    Mismatch,
    /// [`verify_any`] was given no app secret to check against.
    NoSecret,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::MissingHeader => write!(f, "no {HEADER} header"),
            SignatureError::WrongPrefix => write!(f, "{HEADER} does not start with `sha256=`"),
            SignatureError::WrongLength { found } => {
                write!(f, "{HEADER} has {found} characters after `sha256=`, expected {HEX_LEN} hex digits")
            }
            SignatureError::BadHex { position } => {
                write!(f, "{HEADER} has a character that is not a hex digit at position {position} after `sha256=`")
            }
            SignatureError::Mismatch => write!(
                f,
                "{HEADER} does not match the body (wrong app secret, or the body was altered)"
            ),
            SignatureError::NoSecret => write!(f, "no app secret to check {HEADER} against"),
        }
    }
}

impl std::error::Error for SignatureError {}

/// Checks `header` (the value of `X-Hub-Signature-256`, if the request had one) against the
/// HMAC-SHA256 of `body` keyed with `app_secret`, in constant time.
///
/// Upper- and lower-case hex are both accepted. `body` must be the raw bytes as received.
pub fn verify(
    app_secret: impl AsRef<[u8]>,
    body: &[u8],
    header: Option<impl AsRef<[u8]>>,
) -> Result<(), SignatureError> {
    verify_any([app_secret], body, header).map(|_| ())
}

/// Like [`verify`], against each of several app secrets: for rotating a secret, accept the old
/// and the new one for a while. Returns the index of the secret that matched; every secret is
/// compared in constant time.
pub fn verify_any<S: AsRef<[u8]>>(
    app_secrets: impl IntoIterator<Item = S>,
    body: &[u8],
    header: Option<impl AsRef<[u8]>>,
) -> Result<usize, SignatureError> {
    let header = header.ok_or(SignatureError::MissingHeader)?;
    let expected = decode(header.as_ref())?;
    let mut tried = 0;
    for (index, secret) in app_secrets.into_iter().enumerate() {
        tried += 1;
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_ref())
            .expect("HMAC takes a key of any length");
        mac.update(body);
        if mac.verify_slice(&expected).is_ok() {
            return Ok(index);
        }
    }
    Err(if tried == 0 {
        SignatureError::NoSecret
    } else {
        SignatureError::Mismatch
    })
}

/// The header value for `body`: `sha256=` and 64 lower-case hex digits. For tests and for
/// forwarding a body you verified.
pub fn sign(app_secret: impl AsRef<[u8]>, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(app_secret.as_ref())
        .expect("HMAC takes a key of any length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Whether `header` is a signature at all (present, `sha256=` and 64 hex digits), before the
/// body is read: a request without one is refused without buffering its body.
#[cfg(feature = "http")]
pub(crate) fn check_header(header: Option<&[u8]>) -> Result<(), SignatureError> {
    decode(header.ok_or(SignatureError::MissingHeader)?).map(|_| ())
}

fn decode(header: &[u8]) -> Result<[u8; 32], SignatureError> {
    let header = header.trim_ascii();
    let digits = header
        .strip_prefix(PREFIX)
        .ok_or(SignatureError::WrongPrefix)?;
    if digits.len() != HEX_LEN {
        return Err(SignatureError::WrongLength {
            found: digits.len(),
        });
    }
    if let Some(position) = digits.iter().position(|b| !b.is_ascii_hexdigit()) {
        return Err(SignatureError::BadHex { position });
    }
    let mut out = [0u8; 32];
    hex::decode_to_slice(digits, &mut out).map_err(|_| SignatureError::BadHex { position: 0 })?;
    Ok(out)
}
