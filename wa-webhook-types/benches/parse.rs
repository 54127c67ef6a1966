//! Parse throughput of the generated types against two baselines measured in the same run:
//! `serde_json::Value`, and hand-written `#[derive(Deserialize)]` structs for the same payloads
//! that ignore unknown keys and keep nothing raw (the fastest plausible hand-written parser).
//!
//! Corpus: every spec example (`EXAMPLES`), plus the payloads of `../shared/fixtures` when that
//! folder is beside the project. Run: `cargo bench -p wa-webhook-types --bench parse`.
//!
//! Wall-clock times on a shared machine are noisy; for figures that repeat, count instructions:
//! run the bench binary under `valgrind --tool=callgrind` with `--bench --exact parse::typed
//! --sample-count N --sample-size 1` for two values of N, and divide the difference in `Ir` by
//! the difference in N (that cancels the cost of loading the corpus).

#[path = "support/corpus.rs"]
mod corpus;

use corpus::{corpus, corpus_note};
use wa_webhook_types::Notification;

fn main() {
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    println!(
        "corpus: {} payloads, {bytes} bytes ({})",
        corpus.len(),
        corpus_note()
    );
    divan::main();
}

/// Times `parse` over the whole corpus, counting bytes for throughput.
fn bench_corpus<T>(bencher: divan::Bencher, parse: fn(&[u8]) -> T) {
    let corpus = corpus();
    let bytes = corpus.iter().map(Vec::len).sum::<usize>();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            for body in corpus {
                divan::black_box(parse(divan::black_box(body)));
            }
        });
}

#[divan::bench]
fn typed(bencher: divan::Bencher) {
    bench_corpus(bencher, |body| Notification::from_slice(body).unwrap());
}

#[divan::bench]
fn serde_json_value(bencher: divan::Bencher) {
    bench_corpus(bencher, |body| {
        serde_json::from_slice::<serde_json::Value>(body).unwrap()
    });
}

#[divan::bench]
fn hand_written_structs(bencher: divan::Bencher) {
    bench_corpus(bencher, |body| {
        serde_json::from_slice::<baseline::Notification>(body).unwrap()
    });
}

#[divan::bench]
fn hand_written_tagged_enum(bencher: divan::Bencher) {
    // Some bodies do not fit these structs; the error path is timed too.
    bench_corpus(bencher, |body| {
        serde_json::from_slice::<tagged::Notification>(body).ok()
    });
}

/// The same structs, dispatched the way serde's derive does it by hand: `field` selects the
/// value's type through an adjacently tagged enum, with a catch-all for other fields.
mod tagged {
    #![allow(dead_code)]
    use serde::Deserialize;

    pub type Notification = super::baseline::Notification<Change>;

    #[derive(Deserialize)]
    #[serde(tag = "field", content = "value", rename_all = "snake_case")]
    pub enum Change {
        Messages(super::baseline::Value),
        Security(super::baseline::Value),
        PartnerSolutions(super::baseline::Value),
        #[serde(other)]
        Other,
    }
}

/// What a careful hand-written parser for the same pages looks like: derived, one pass, one wide
/// struct for every field's value (no dispatch), unknown keys dropped, strings owned.
mod baseline {
    #![allow(dead_code)]
    use serde::Deserialize;

    /// The envelope, generic over how a change is parsed.
    #[derive(Deserialize)]
    pub struct Notification<C = Change> {
        object: String,
        entry: Vec<Entry<C>>,
    }

    #[derive(Deserialize)]
    struct Entry<C> {
        id: String,
        time: Option<serde_json::Value>,
        changes: Vec<C>,
    }

    #[derive(Deserialize)]
    pub struct Change {
        field: String,
        value: Value,
    }

    #[derive(Deserialize)]
    pub struct Value {
        messaging_product: Option<String>,
        metadata: Option<Metadata>,
        contacts: Option<Vec<Contact>>,
        messages: Option<Vec<Message>>,
        statuses: Option<Vec<Status>>,
        display_phone_number: Option<String>,
        event: Option<String>,
        requester: Option<String>,
        solution_id: Option<String>,
        solution_status: Option<String>,
    }

    #[derive(Deserialize)]
    struct Metadata {
        display_phone_number: String,
        phone_number_id: String,
    }

    #[derive(Deserialize)]
    struct Contact {
        profile: Option<Profile>,
        wa_id: Option<String>,
        user_id: Option<String>,
    }

    #[derive(Deserialize)]
    struct Profile {
        name: Option<String>,
    }

    #[derive(Deserialize)]
    struct Message {
        from: Option<String>,
        id: String,
        timestamp: serde_json::Value,
        #[serde(rename = "type")]
        kind: Option<String>,
        reaction: Option<Reaction>,
        text: Option<Text>,
    }

    #[derive(Deserialize)]
    struct Reaction {
        message_id: String,
        emoji: Option<String>,
    }

    #[derive(Deserialize)]
    struct Text {
        body: String,
    }

    #[derive(Deserialize)]
    struct Status {
        id: String,
        status: String,
        timestamp: serde_json::Value,
        recipient_id: Option<String>,
        conversation: Option<Conversation>,
        pricing: Option<Pricing>,
        errors: Option<Vec<Error>>,
    }

    #[derive(Deserialize)]
    struct Conversation {
        id: String,
        expiration_timestamp: Option<serde_json::Value>,
        origin: Option<Origin>,
    }

    #[derive(Deserialize)]
    struct Origin {
        #[serde(rename = "type")]
        kind: String,
    }

    #[derive(Deserialize)]
    struct Pricing {
        billable: Option<bool>,
        pricing_model: Option<String>,
        #[serde(rename = "type")]
        kind: Option<String>,
        category: Option<String>,
    }

    #[derive(Deserialize)]
    struct Error {
        code: serde_json::Value,
        title: Option<String>,
        message: Option<String>,
        error_data: Option<ErrorData>,
        href: Option<String>,
    }

    #[derive(Deserialize)]
    struct ErrorData {
        details: String,
    }
}
