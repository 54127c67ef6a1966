//! Hostile input: thousands of mutations of real payloads never panic, a parse that succeeds
//! always re-serializes to the JSON it read, and a sound change survives a broken neighbour.
//! Deterministic (fixed seeds), so a failure reproduces.

use serde_json::{json, Value};
use wa_webhook_types::{Change, Notification};

/// The bodies to mutate: every spec example, and the fixtures when they are beside the project.
fn corpus() -> Vec<Vec<u8>> {
    let mut bodies: Vec<Vec<u8>> = wa_webhook_types::EXAMPLES
        .iter()
        .map(|e| e.json.as_bytes().to_vec())
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures");
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap_or_else(|e| {
        panic!(
            "the fixtures are missing at {} ({e}); they live in ../shared/fixtures",
            dir.display()
        )
    });
    for entry in serde_json::from_str::<Vec<Value>>(&manifest).unwrap() {
        bodies.push(std::fs::read(dir.join(entry["file"].as_str().unwrap())).unwrap());
    }
    bodies
}

/// JSON text as a `Value`, at any depth: a change kept raw may nest deeper than the 128 levels
/// a typed parse allows.
fn json_value(bytes: &[u8]) -> Value {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    de.disable_recursion_limit();
    serde::Deserialize::deserialize(&mut de).expect("JSON")
}

/// Parses; if that succeeds, the typed value must write back the JSON it read, and the drift
/// report must not panic either.
fn check(body: &[u8]) -> bool {
    let Ok(notification) = Notification::from_slice(body) else {
        return false;
    };
    let _ = notification.drift();
    let output = serde_json::to_vec(&notification).unwrap();
    assert_eq!(
        json_value(&output),
        json_value(body),
        "round trip of {}",
        String::from_utf8_lossy(body)
    );
    true
}

/// Every node of a JSON tree, as a path of steps, for picking one at random.
fn paths(value: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                prefix.push(Step::Key(k.clone()));
                paths(v, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                prefix.push(Step::Index(i));
                paths(v, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn node<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// A value of another JSON type than `value`.
fn swap_type(rng: &mut fastrand::Rng, value: &Value) -> Value {
    let choices = [
        json!(null),
        json!(true),
        json!(-17),
        json!(3.25),
        json!("swapped"),
        json!([1, "x"]),
        json!({"k": [null]}),
    ];
    loop {
        let pick = choices[rng.usize(..choices.len())].clone();
        if std::mem::discriminant(&pick) != std::mem::discriminant(value) {
            return pick;
        }
    }
}

fn mutate(rng: &mut fastrand::Rng, body: &[u8]) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(body).unwrap();
    match rng.u8(..5) {
        0 => body[..rng.usize(..body.len())].to_vec(),
        1 => {
            let mut bytes = body.to_vec();
            for _ in 0..rng.usize(1..4) {
                let i = rng.usize(..bytes.len());
                bytes[i] ^= 1 << rng.u8(..8);
            }
            bytes
        }
        kind => {
            let mut all = Vec::new();
            paths(&value, &mut Vec::new(), &mut all);
            let path = all[rng.usize(..all.len())].clone();
            match kind {
                2 => {
                    let target = node(&mut value, &path);
                    *target = swap_type(rng, target);
                }
                3 => {
                    if let Some((Step::Key(key), parent)) = path.split_last() {
                        node(&mut value, parent)
                            .as_object_mut()
                            .unwrap()
                            .remove(key);
                    }
                }
                _ => {
                    let target = node(&mut value, &path);
                    let mut nested = target.take();
                    for _ in 0..rng.usize(1..300) {
                        nested = json!([nested]);
                    }
                    *target = nested;
                }
            }
            serde_json::to_vec(&value).unwrap()
        }
    }
}

#[test]
fn thousands_of_mutations_never_panic_and_what_parses_round_trips() {
    let corpus = corpus();
    let mut rng = fastrand::Rng::with_seed(0x5eed);
    let (mut tried, mut parsed) = (0, 0);
    for body in &corpus {
        for _ in 0..30 {
            let mutated = mutate(&mut rng, body);
            tried += 1;
            parsed += usize::from(check(&mutated));
        }
    }
    assert!(tried >= 4000, "{tried} mutations");
    // Most mutations inside a change value keep the body parseable: isolation at work.
    assert!(
        parsed > tried / 3,
        "only {parsed} of {tried} mutated bodies parsed"
    );
}

#[test]
fn a_sound_change_survives_a_broken_neighbour() {
    let corpus = corpus();
    let mut rng = fastrand::Rng::with_seed(42);
    let mut checked = 0;
    for body in &corpus {
        let Ok(value) = serde_json::from_slice::<Value>(body) else {
            continue;
        };
        let Some(sound) = value["entry"][0]["changes"][0].as_object().cloned() else {
            continue;
        };
        let alone = json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [sound]}]});
        let alone = Notification::from_slice(alone.to_string().as_bytes()).unwrap();
        for _ in 0..10 {
            // Break the neighbour's value somewhere: a type swap or a deep nesting.
            let mut broken = Value::Object(sound.clone());
            let mut all = Vec::new();
            paths(&broken["value"], &mut Vec::new(), &mut all);
            let path = all[rng.usize(..all.len())].clone();
            let target = node(&mut broken["value"], &path);
            *target = if rng.bool() {
                swap_type(&mut rng, target)
            } else {
                (0..200).fold(target.take(), |v, _| json!([v]))
            };

            let batch: Value = json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [broken, Value::Object(sound.clone())]}]});
            let parsed = Notification::from_slice(batch.to_string().as_bytes())
                .expect("the envelope is intact");
            let changes: Vec<&Change> = parsed.changes().collect();
            assert_eq!(changes.len(), 2);
            assert_eq!(
                changes[1],
                alone.changes().next().unwrap(),
                "the sound change is typed as on its own"
            );
            assert_eq!(json_value(&serde_json::to_vec(&parsed).unwrap()), batch);
            checked += 1;
        }
    }
    assert!(checked >= 1000, "{checked} batches");
}

/// The path of an array's item as the drift report writes it (`entry[0].changes[0].value.messages[1]`).
fn drift_path(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => out.push_str(&format!(".{k}")),
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Whether the types isolate the items of the array at `path`: an item that is not an object is
/// reported `invalid` at its own path.
fn isolates_items(value: &Value, path: &[Step]) -> bool {
    let mut probe = value.clone();
    let array = node(&mut probe, path).as_array_mut().unwrap();
    array.push(json!("x_not_an_object"));
    let item_path = format!("{}[{}]", drift_path(path), array.len() - 1);
    let parsed = Notification::from_slice(&serde_json::to_vec(&probe).unwrap()).unwrap();
    parsed.drift().iter().any(|d| d.path == item_path)
}

#[test]
fn a_broken_item_leaves_its_siblings_and_parents_as_they_were() {
    let corpus = corpus();
    let mut rng = fastrand::Rng::with_seed(7);
    let (mut checked, mut messages_compared) = (0, 0);
    for body in &corpus {
        let value: Value = serde_json::from_slice(body).unwrap();
        let original = Notification::from_slice(body).unwrap();
        let original_drift = original.drift();
        // Every array of objects inside a change value that the types isolate items of, by the
        // path of the array (an array inside a `Json` value, as a standby echo's send request
        // holds, is not typed item by item: its parent item is).
        let mut all = Vec::new();
        paths(&value, &mut Vec::new(), &mut all);
        let arrays: Vec<Vec<Step>> = all
            .into_iter()
            .filter(|p| p.len() > 5 && matches!(&p[4], Step::Key(k) if k == "value"))
            .filter(|p| {
                let array = p.iter().fold(&value, |v, step| match step {
                    Step::Key(k) => &v[k.as_str()],
                    Step::Index(i) => &v[*i],
                });
                array
                    .as_array()
                    .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_object))
            })
            .filter(|p| isolates_items(&value, p))
            .collect();
        for _ in 0..if arrays.is_empty() { 0 } else { 6 } {
            // Append a broken copy of one item beside the sound ones.
            let array_path = arrays[rng.usize(..arrays.len())].clone();
            let mut batch = value.clone();
            let array = node(&mut batch, &array_path).as_array_mut().unwrap();
            let mut item = array[rng.usize(..array.len())].clone();
            let mut inside = Vec::new();
            paths(&item, &mut Vec::new(), &mut inside);
            let target = node(&mut item, &inside[rng.usize(..inside.len())]);
            *target = if rng.u8(..4) == 0 {
                (0..200).fold(target.take(), |v, _| json!([v]))
            } else {
                swap_type(&mut rng, target)
            };
            let broken_index = array.len();
            array.push(item);
            let bytes = serde_json::to_vec(&batch).unwrap();
            assert!(check(&bytes), "an item mutation fails the body");
            let parsed = Notification::from_slice(&bytes).unwrap();
            let item_path = format!("{}[{broken_index}]", drift_path(&array_path));
            let under = |path: &str| {
                path == item_path
                    || path.starts_with(&format!("{item_path}."))
                    || path.starts_with(&format!("{item_path}["))
            };
            // Outside the broken item, the drift is what it was: siblings and parents stay typed.
            let outside = |drift: &[wa_webhook_types::Drift]| -> Vec<String> {
                drift
                    .iter()
                    .filter(|d| !under(&d.path))
                    .map(ToString::to_string)
                    .collect()
            };
            assert_eq!(
                outside(&parsed.drift()),
                outside(&original_drift),
                "breaking {item_path} in {}",
                String::from_utf8_lossy(&bytes)
            );
            // A message beside the broken one is equal to its unmutated parse.
            if let [Step::Key(_), Step::Index(e), Step::Key(_), Step::Index(c), Step::Key(_), Step::Key(list)] =
                &array_path[..]
            {
                let change = |n: &Notification| {
                    n.entry
                        .get(*e)
                        .and_then(|e| e.changes.get(*c))
                        .map(|c| c.change.clone())
                };
                if let (true, Some(Change::Messages(before)), Some(Change::Messages(after))) =
                    (list == "messages", change(&original), change(&parsed))
                {
                    let (before, after) = (before.messages.unwrap(), after.messages.unwrap());
                    for i in 0..broken_index {
                        assert!(
                            after.get(i).is_some(),
                            "message {i} beside {item_path} is typed"
                        );
                        assert_eq!(
                            before.get(i),
                            after.get(i),
                            "message {i} beside {item_path}"
                        );
                        messages_compared += 1;
                    }
                }
            }
            checked += 1;
        }
    }
    eprintln!("{checked} broken items, {messages_compared} sibling messages compared");
    assert!(checked >= 900, "{checked} broken items");
    assert!(
        messages_compared >= 250,
        "{messages_compared} sibling messages compared"
    );
}

#[test]
fn twenty_thousand_levels_of_nesting_are_an_error_where_typed_and_kept_where_raw() {
    let deep = |depth: usize| format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    // Where a typed parse meets it: a type error at that key; the change is kept raw.
    let typed = format!(
        r#"{{"object": "x", "entry": [{{"id": "1", "changes": [{{"field": "security", "value": {{"display_phone_number": {}, "event": "PIN_CHANGED"}}}}]}}]}}"#,
        deep(20_000)
    );
    let n = Notification::from_slice(typed.as_bytes()).unwrap();
    let Some(Change::Invalid(invalid)) = n.changes().next() else {
        panic!("expected an invalid change")
    };
    assert_eq!(invalid.error().path(), "display_phone_number");
    assert!(
        invalid.error().message().contains("invalid type: sequence"),
        "{}",
        invalid.error()
    );
    // Where it is only kept raw (an unknown key): scanned without recursion, kept, written back.
    for depth in [20_000, 1_000_000] {
        let raw = format!(
            r#"{{"object": "x", "entry": [], "future": {}}}"#,
            deep(depth)
        );
        let n = Notification::from_slice(raw.as_bytes()).unwrap();
        assert_eq!(n.extra.get("future").unwrap().get().len(), 2 * depth + 1);
        let compact = raw.replace(": ", ":").replace(", ", ",");
        assert!(
            serde_json::to_string(&n).unwrap() == compact,
            "written back whole"
        );
    }
    // In the envelope itself, typed: an error naming the place, not a crash.
    let envelope = format!(r#"{{"object": {}, "entry": []}}"#, deep(20_000));
    let e = Notification::from_slice(envelope.as_bytes()).unwrap_err();
    assert_eq!(e.path(), "object");
}

#[test]
fn a_multi_megabyte_string_parses_and_round_trips() {
    let big = "é".repeat(3 * 1024 * 1024);
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
        {"field": "security", "value": {"display_phone_number": big, "event": "PIN_CHANGED"}},
        {"field": "future_field", "value": {"blob": big}}
    ]}]});
    let bytes = body.to_string().into_bytes();
    assert!(bytes.len() > 12 * 1024 * 1024);
    let n = Notification::from_slice(&bytes).unwrap();
    let Some(Change::Security(value)) = n.changes().next() else {
        panic!()
    };
    assert_eq!(value.display_phone_number.len(), big.len());
    assert_eq!(serde_json::to_value(&n).unwrap(), body);
}

/// `from_slice` reads a body with something that does not fit again with that place targeted
/// (kept raw with the error the first read gave, or typed on its own) rather than isolating every
/// array: it must give what the long way (strictly, then isolating every item) gives, whatever
/// broke and however often.
#[test]
fn targeted_passes_give_what_strict_then_isolating_gives() {
    use wa_webhook_types::__private::{from_slice_counted, from_slice_untargeted};
    let corpus = corpus();
    let mut rng = fastrand::Rng::with_seed(0x7a5e);
    // Bodies compared; read again; read again with every place kept with the error that found it.
    let (mut compared, mut targeted, mut kept) = (0, 0, 0);
    for body in &corpus {
        for round in 0..12 {
            // One mutation of any kind, or up to a dozen values of another type.
            let mutated = if round % 2 == 0 {
                mutate(&mut rng, body)
            } else {
                let mut value: Value = serde_json::from_slice(body).unwrap();
                let mut all = Vec::new();
                paths(&value, &mut Vec::new(), &mut all);
                for _ in 0..rng.usize(1..13) {
                    // A path under a value swapped before may be gone.
                    let pointer: String = all[rng.usize(..all.len())]
                        .iter()
                        .map(|step| match step {
                            Step::Key(key) => {
                                format!("/{}", key.replace('~', "~0").replace('/', "~1"))
                            }
                            Step::Index(index) => format!("/{index}"),
                        })
                        .collect();
                    if let Some(target) = value.pointer_mut(&pointer) {
                        *target = swap_type(&mut rng, target);
                    }
                }
                serde_json::to_vec(&value).unwrap()
            };
            let (fast, counts) = from_slice_counted(&mutated);
            let (reads, read_alone) = (counts.body_reads, counts.places_read_alone);
            let long = from_slice_untargeted(&mutated);
            match (&fast, &long) {
                (Ok(fast), Ok(long)) => {
                    assert_eq!(fast, long, "{}", String::from_utf8_lossy(&mutated));
                    // Values compare by value; the wire forms must agree too.
                    assert_eq!(
                        serde_json::to_string(fast).unwrap(),
                        serde_json::to_string(long).unwrap()
                    );
                    assert_eq!(fast.drift(), long.drift());
                    if reads > 1 {
                        targeted += 1;
                        if read_alone == 0 {
                            kept += 1;
                        }
                    }
                }
                (Err(fast), Err(long)) => assert_eq!(fast.to_string(), long.to_string()),
                _ => panic!(
                    "from_slice: {fast:?}\nthe long way: {long:?}\nbody: {}",
                    String::from_utf8_lossy(&mutated)
                ),
            }
            compared += 1;
        }
    }
    assert!(compared >= 4000, "{compared} bodies");
    assert!(targeted > 1000, "only {targeted} bodies were read again");
    assert!(
        kept * 2 > targeted,
        "only {kept} of {targeted} bodies read again kept each place's first error"
    );
}

/// More items that do not fit than the targeted passes take: the long way, to the same result.
#[test]
fn a_body_with_many_items_that_do_not_fit_gives_what_the_long_way_gives() {
    use wa_webhook_types::__private::from_slice_untargeted;
    let status = |i: usize| json!({"id": format!("wamid.{i}"), "status": "delivered", "timestamp": {"x_unknown_key": i}, "recipient_id": "16505551234"});
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "statuses": (0..12).map(status).collect::<Vec<_>>()
    }}]}]});
    let body = serde_json::to_vec(&body).unwrap();
    let n = Notification::from_slice(&body).unwrap();
    assert_eq!(n, from_slice_untargeted(&body).unwrap());
    let drift = n.drift();
    assert_eq!(drift.len(), 12, "{drift:?}");
    assert_eq!(drift[11].path, "entry[0].changes[0].value.statuses[11]");
}
