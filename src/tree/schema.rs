//! The RON schema of a decision tree.
//!
//! The format is written by support engineers, so it has few concepts: a tree, its nodes keyed by
//! id, and two kinds of node (a `Question` with answers, a `Leaf` with the fix). Every piece of
//! text a user reads is a pair `(en: "...", ko: "...")`. See `docs/tree-format.md`.

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashMap;
use std::fmt;

/// A language the tree's text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "ko" | "kr" | "korean" | "한국어" => Some(Lang::Ko),
            _ => None,
        }
    }

    pub fn toggled(self) -> Lang {
        match self {
            Lang::En => Lang::Ko,
            Lang::Ko => Lang::En,
        }
    }
}

/// A piece of user-visible text in every language of the tree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ko: String,
}

impl Text {
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            ko: ko.into(),
        }
    }

    /// The text in `lang`, falling back to the other language when a translation is missing.
    pub fn get(&self, lang: Lang) -> &str {
        let (wanted, other) = match lang {
            Lang::En => (&self.en, &self.ko),
            Lang::Ko => (&self.ko, &self.en),
        };
        if wanted.is_empty() { other } else { wanted }
    }

    pub fn exact(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }

    pub fn exact_mut(&mut self, lang: Lang) -> &mut String {
        match lang {
            Lang::En => &mut self.en,
            Lang::Ko => &mut self.ko,
        }
    }
}

/// A whole decision tree, as one RON file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tree {
    /// Short stable id, e.g. `azure-vm-backup`; `--tree ID` picks a tree by it.
    pub id: String,
    pub title: Text,
    /// Where the content comes from (document, version, date).
    #[serde(default)]
    pub source: Option<Text>,
    /// Languages every text must exist in; both by default.
    #[serde(default = "all_languages")]
    pub languages: Vec<Lang>,
    /// Id of the first question.
    pub start: String,
    /// Groups of words that mean the same to a searcher ("VM", "virtual machine", "가상 머신").
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
    /// Topics next to the tree's that it does not cover (another product, another workload):
    /// a search that names one is told so instead of being given a fix that only shares words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_covered: Vec<NotCovered>,
    /// Nodes keyed by id, in the order of the file; duplicates are kept so validation can name them.
    #[serde(
        deserialize_with = "ordered_entries",
        serialize_with = "serialize_entries"
    )]
    pub nodes: Vec<(String, Node)>,
    /// Position in `nodes` of each id (its first occurrence); built on load.
    #[serde(skip)]
    pub(crate) index: HashMap<String, usize>,
}

fn all_languages() -> Vec<Lang> {
    Lang::ALL.to_vec()
}

/// A node is either a question or a leaf (the fix).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Node {
    Question(Question),
    Leaf(Leaf),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub text: Text,
    /// One line for trainees: why this question matters.
    #[serde(default)]
    pub why: Option<Text>,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub label: Text,
    /// Id of the node this answer leads to.
    pub next: String,
    /// The operating system this answer says the VM runs ("Windows" / "Linux" answers): the fix
    /// reached through it shows the steps for that system first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub os: Vec<Os>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leaf {
    pub title: Text,
    /// The error message(s) exactly as the portal shows them.
    #[serde(default)]
    pub errors: Vec<Text>,
    pub cause: Text,
    pub steps: Vec<Step>,
    #[serde(default)]
    pub links: Vec<Link>,
    /// Operating systems the fix applies to; empty means any.
    #[serde(default)]
    pub os: Vec<Os>,
    /// Error codes (newer Azure Backup docs, numeric codes) that mean the same failure.
    #[serde(default)]
    pub codes: Vec<String>,
    /// Extra words a searcher may type, in any language.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Ids of leaves worth a look when this one does not fit.
    #[serde(default)]
    pub see_also: Vec<String>,
}

/// One numbered step of a fix, with the commands it runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ko: String,
    #[serde(default)]
    pub run: Vec<Command>,
    /// The operating systems the step is for (empty: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub os: Vec<Os>,
}

impl Step {
    pub fn text(&self) -> Text {
        Text::new(self.en.clone(), self.ko.clone())
    }

    pub fn get(&self, lang: Lang) -> &str {
        let (wanted, other) = match lang {
            Lang::En => (&self.en, &self.ko),
            Lang::Ko => (&self.ko, &self.en),
        };
        if wanted.is_empty() { other } else { wanted }
    }
}

/// A command to copy, labelled with the shell it runs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    /// Windows command prompt.
    Cmd(String),
    PowerShell(String),
    Bash(String),
    /// A registry file to import with `reg import` or a double click.
    Reg(String),
}

impl Command {
    pub fn code(&self) -> &str {
        match self {
            Command::Cmd(c) | Command::PowerShell(c) | Command::Bash(c) | Command::Reg(c) => c,
        }
    }

    pub fn code_mut(&mut self) -> &mut String {
        match self {
            Command::Cmd(c) | Command::PowerShell(c) | Command::Bash(c) | Command::Reg(c) => c,
        }
    }

    /// Short shell label shown above the block.
    pub fn shell(&self) -> &'static str {
        match self {
            Command::Cmd(_) => "cmd",
            Command::PowerShell(_) => "PowerShell",
            Command::Bash(_) => "bash",
            Command::Reg(_) => "registry file (.reg)",
        }
    }

    /// Machine-readable shell name for JSON output.
    pub fn shell_id(&self) -> &'static str {
        match self {
            Command::Cmd(_) => "cmd",
            Command::PowerShell(_) => "powershell",
            Command::Bash(_) => "bash",
            Command::Reg(_) => "reg",
        }
    }
}

/// A topic the tree does not cover, and the words that name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotCovered {
    /// What it is, as in "This may be about {topic}".
    pub topic: Text,
    /// Words or phrases that name it in a query, any language ("MARS", "file share"); a
    /// phrase matches its words in order.
    pub phrases: Vec<String>,
    /// Where to read about it instead.
    #[serde(default)]
    pub link: Option<Link>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: Text,
    pub url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Os {
    Windows,
    Linux,
}

impl Os {
    pub fn name(self) -> &'static str {
        match self {
            Os::Windows => "Windows",
            Os::Linux => "Linux",
        }
    }
}

impl Leaf {
    /// Every command of the leaf, in step order.
    pub fn commands(&self) -> impl Iterator<Item = &Command> {
        self.steps.iter().flat_map(|s| s.run.iter())
    }
}

fn ordered_entries<'de, D>(deserializer: D) -> Result<Vec<(String, Node)>, D::Error>
where
    D: Deserializer<'de>,
{
    struct Entries;
    impl<'de> Visitor<'de> for Entries {
        type Value = Vec<(String, Node)>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map of node id to Question(...) or Leaf(...)")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(entry) = map.next_entry::<String, Node>()? {
                out.push(entry);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Entries)
}

fn serialize_entries<S>(nodes: &[(String, Node)], serializer: S) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
{
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(nodes.len()))?;
    for (id, node) in nodes {
        map.serialize_entry(id, node)?;
    }
    map.end()
}
