//! What a parse keeps: the size of the common structs, and the bytes a parsed corpus holds per
//! byte of input, for the typed parse and `serde_json::Value` measured in the same run (a
//! counting allocator: heap bytes live while every parsed body is kept, plus their inline size).
//!
//! Run: `cargo bench -p wa-webhook-types --bench footprint`.

#[path = "support/corpus.rs"]
mod corpus;

use std::alloc::{GlobalAlloc, Layout, System};
use std::mem::size_of;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use wa_webhook_types::shared::{message::Message, status::MessageStatus};
use wa_webhook_types::{Change, EntryChange, Notification};

/// The system allocator, counting the bytes live.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Relaxed);
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes kept per input byte when every body of `corpus` is parsed by `parse` and kept.
fn kept_per_byte<T>(corpus: &[Vec<u8>], parse: fn(&[u8]) -> T) -> f64 {
    let input: usize = corpus.iter().map(Vec::len).sum();
    let before = LIVE.load(Relaxed);
    let kept: Vec<T> = corpus.iter().map(|body| parse(body)).collect();
    let bytes = LIVE.load(Relaxed) - before; // the Vec holds each T inline: counted here
    drop(kept);
    bytes as f64 / input as f64
}

fn main() {
    let corpus = corpus::corpus();
    let input: usize = corpus.iter().map(Vec::len).sum();
    println!(
        "corpus: {} payloads, {input} bytes ({})",
        corpus.len(),
        corpus::corpus_note()
    );
    println!("| type | bytes |\n| --- | --- |");
    for (name, size) in [
        ("Notification", size_of::<Notification>()),
        ("EntryChange", size_of::<EntryChange>()),
        ("Change", size_of::<Change>()),
        ("Message", size_of::<Message>()),
        ("MessageStatus", size_of::<MessageStatus>()),
    ] {
        println!("| `{name}` | {size} |");
    }
    let typed = kept_per_byte(corpus, |b| Notification::from_slice(b).unwrap());
    let value = kept_per_byte(corpus, |b| {
        serde_json::from_slice::<serde_json::Value>(b).unwrap()
    });
    println!(
        "\nbytes kept per input byte: typed {typed:.2}, serde_json::Value {value:.2} ({:.2}x)",
        typed / value
    );
}
