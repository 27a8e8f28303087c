//! `triage list` and `triage show`.

use super::{EXIT_FAILURE, EXIT_USAGE};
use crate::i18n;
use crate::report;
use crate::text::sanitize_line;
use crate::tree::{Lang, Tree, load::edit_distance};
use serde_json::json;
use std::io::Write;

pub fn list(tree: &Tree, lang: Lang, json: bool, out: &mut impl Write) -> i32 {
    let result = if json {
        let items: Vec<_> = tree
            .leaves()
            .map(|(id, leaf)| {
                json!({
                    "id": crate::text::sanitize(id),
                    "title": crate::text::sanitize(leaf.title.get(lang)),
                })
            })
            .collect();
        super::write_json(out, &items)
    } else {
        let width = tree
            .leaves()
            .map(|(id, _)| crate::text::width(id))
            .max()
            .unwrap_or(0)
            .min(40);
        tree.leaves().try_for_each(|(id, leaf)| {
            writeln!(
                out,
                "{:<width$}  {}",
                sanitize_line(id),
                sanitize_line(leaf.title.get(lang))
            )
        })
    };
    match result {
        Ok(()) => 0,
        Err(_) => EXIT_FAILURE,
    }
}

/// `triage list --ids`: the leaf ids alone, one a line, for the shell completions of `show`.
pub fn ids(tree: &Tree, out: &mut impl Write) -> i32 {
    match tree
        .leaves()
        .try_for_each(|(id, _)| writeln!(out, "{}", sanitize_line(id)))
    {
        Ok(()) => 0,
        Err(_) => EXIT_FAILURE,
    }
}

/// What `triage show` was asked for.
pub struct Asked<'a> {
    /// The leaf id (or an error code).
    pub id: &'a str,
    /// `triage` with the options that chose the tree, for the hints.
    pub command: &'a str,
    /// The placeholder names `--set` gave, as typed (a note names one no command has).
    pub set_names: Vec<&'a str>,
    /// The colours of the text form (`--color`; none but on a terminal).
    pub paint: crate::theme::Paint,
}

/// `triage show`; `values` fill in the commands' placeholders (`--set NAME=VALUE`).
pub fn show(
    tree: &Tree,
    asked: Asked,
    lang: Lang,
    json: bool,
    path: bool,
    values: &crate::fill::Values,
    out: &mut impl Write,
) -> i32 {
    let Asked {
        id,
        command,
        set_names,
        paint,
    } = asked;
    // Ids are lower case; an error code names the leaves that list it.
    let lower = id.trim().to_lowercase();
    let by_code: Vec<&str> = tree
        .leaves()
        .filter(|(_, l)| l.codes.iter().any(|c| c.trim().to_lowercase() == lower))
        .map(|(i, _)| i)
        .collect();
    let id = match (tree.leaf(id), tree.leaf(&lower), by_code.as_slice()) {
        (Some(_), _, _) => id,
        (None, Some(_), _) => lower.as_str(),
        (None, None, [only]) => only,
        (None, None, [_, _, ..]) => {
            super::say(&i18n::fill(
                i18n::strings(lang).cli.code_of_leaves,
                &[
                    ("code", &sanitize_line(id.trim())),
                    ("ids", &by_code.join(", ")),
                    ("triage", command),
                ],
            ));
            return EXIT_USAGE;
        }
        (None, None, []) => id,
    };
    let Some(leaf) = tree.leaf(id) else {
        let s = &i18n::strings(lang).cli;
        let args = [
            ("id", crate::text::quoted_line(id)),
            ("tree", format!("{:?}", tree.id)),
            ("list", format!("{command} list")),
        ];
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        // A question's id is no typo to correct: it names the wrong kind of node.
        let message = if tree.question(id).is_some() {
            i18n::fill(s.question_not_leaf, &args)
        } else {
            let ids: Vec<&str> = tree.leaves().map(|(i, _)| i).collect();
            let unknown = i18n::fill(s.unknown_leaf, &args);
            format!("{unknown}{}", suggestion(id, &ids, command, lang))
        };
        super::say(&message);
        return EXIT_USAGE;
    };
    // A value for a placeholder the fix does not have (in its commands or its steps' text) is
    // most likely a typo of a name.
    let step_texts = leaf
        .steps
        .iter()
        .flat_map(|s| [s.en.as_str(), s.ko.as_str()]);
    let mut names: Vec<&str> = crate::fill::leaf_names(leaf)
        .into_iter()
        .chain(step_texts.flat_map(crate::fill::names))
        .collect();
    let used: Vec<String> = names.iter().map(|n| crate::fill::key(n)).collect();
    let mut seen: Vec<String> = Vec::new();
    names.retain(|n| {
        let key = crate::fill::key(n);
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    let mut said: Vec<String> = Vec::new();
    for name in set_names.iter().filter(|_| !path) {
        let key = crate::fill::key(name);
        if used.contains(&key) || said.contains(&key) {
            continue;
        }
        let s = &i18n::strings(lang).cli;
        let unused = i18n::fill(
            s.set_unused,
            &[
                ("id", &sanitize_line(id)),
                ("name", &format!("<{}>", sanitize_line(name))),
            ],
        );
        // The names it may have meant, or the ones the fix has.
        let close = closest_ids(name, &names);
        let hint = match (close.is_empty(), names.is_empty()) {
            (false, _) => i18n::fill(s.did_you_mean, &[("ids", &bracketed(&close))]),
            (true, false) => i18n::fill(s.set_names_are, &[("names", &bracketed(&names))]),
            (true, true) => String::new(),
        };
        super::say(&format!("{unused}{hint}"));
        said.push(key);
    }
    let written = if path {
        let steps = report::path_steps(tree, id, lang).unwrap_or_default();
        if json {
            let items: Vec<_> = steps
                .iter()
                .map(|s| {
                    json!({
                        "question_id": s.question_id,
                        "question": crate::text::sanitize(&s.question),
                        "answer": crate::text::sanitize(&s.answer),
                    })
                })
                .collect();
            super::write_json(out, &json!({"id": id, "path": items}))
        } else {
            writeln!(
                out,
                "{}  {}\n\n{}",
                sanitize_line(id),
                sanitize_line(leaf.title.get(lang)),
                report::path_text(&steps)
            )
        }
    } else if json {
        super::write_json(out, &report::leaf_json(id, leaf, lang, values))
    } else {
        write!(
            out,
            "{}",
            report::leaf_text_painted(id, leaf, lang, values, paint)
        )
    };
    match written {
        Ok(()) => 0,
        Err(_) => EXIT_FAILURE,
    }
}

/// The ids of `ids` close enough to `asked` to be what was meant, closest first, at most three
/// (sanitized, to be shown).
pub fn closest_ids(asked: &str, ids: &[&str]) -> Vec<String> {
    let asked_lower = asked.to_lowercase();
    let mut scored: Vec<(usize, &str)> = ids
        .iter()
        .map(|id| (edit_distance(&asked_lower, &id.to_lowercase()), *id))
        .filter(|(d, id)| *d <= 3.max(id.len() / 3))
        .collect();
    scored.sort();
    scored
        .iter()
        .take(3)
        .map(|(_, id)| sanitize_line(id))
        .collect()
}

/// Placeholder names as the commands write them: `<VMName>, <ResourceGroup>`.
fn bracketed(names: &[impl AsRef<str>]) -> String {
    names
        .iter()
        .map(|n| format!("<{}>", sanitize_line(n.as_ref())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "; did you mean ...?" with the closest ids, or a pointer to `COMMAND list` (`command`: `triage`
/// and its `--tree`), in `lang`.
pub fn suggestion(asked: &str, ids: &[&str], command: &str, lang: Lang) -> String {
    let s = &i18n::strings(lang).cli;
    let close = closest_ids(asked, ids);
    if close.is_empty() {
        i18n::fill(s.see_every_id, &[("list", &format!("{command} list"))])
    } else {
        i18n::fill(s.did_you_mean, &[("ids", &close.join(", "))])
    }
}
