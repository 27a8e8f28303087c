//! Any bytes as a tree file: parsing, validation and the text of every diagnostic must never
//! panic (nor hang, nor exhaust memory); a tree that loads must survive the code that shows it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use triage::tree::{self, Lang};

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let name = "fuzz.ron";
    // The parser alone (no validation), as `load_str` calls it first.
    if let Err(d) = tree::load::parse(name, &src) {
        let _ = d.to_string();
    }
    match tree::load_str(name, &src) {
        Err(errors) => {
            for e in &errors {
                let _ = e.to_string();
            }
        }
        Ok(t) => {
            // A valid tree: every leaf through the report code, the paths, the statistics.
            let paths = t.shortest_paths();
            for (id, leaf) in t.leaves() {
                for lang in Lang::ALL {
                    let _ = triage::report::leaf_text(id, leaf, lang);
                    let _ = triage::report::leaf_json(id, leaf, lang);
                    let _ = triage::report::quit_summary(id, leaf, lang);
                    if paths.contains_key(id)
                        && let Some(steps) = triage::report::path_steps(&t, id, lang)
                    {
                        let _ = triage::report::path_text(&steps);
                    }
                }
            }
        }
    }
});
