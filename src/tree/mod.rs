//! Decision trees: the RON schema, loading with precise positions, and validation. Pure: no
//! terminal, no global state.

pub mod diagnostic;
pub mod load;
mod scan;
pub mod schema;
pub mod validate;

pub use diagnostic::Diagnostic;
pub use schema::{Answer, Command, Lang, Leaf, Link, Node, Os, Question, Step, Text, Tree};

use std::collections::{HashMap, VecDeque};
use std::path::Path;

/// The Azure VM backup guide, shipped inside the binary.
pub const EMBEDDED_SOURCE: &str = include_str!("../../trees/azure-vm-backup.ron");
pub const EMBEDDED_NAME: &str = "trees/azure-vm-backup.ron";

/// The embedded tree. A test guarantees it loads without a single diagnostic.
pub fn embedded() -> Tree {
    match load_str(EMBEDDED_NAME, EMBEDDED_SOURCE) {
        Ok(tree) => tree,
        Err(errors) => panic!(
            "the embedded tree is broken (a release bug):\n{}",
            errors.iter().map(|e| e.to_string()).collect::<String>()
        ),
    }
}

/// Id of the embedded tree, without parsing it.
pub fn embedded_id() -> &'static str {
    "azure-vm-backup"
}

/// Parses and validates a tree; all problems are returned at once.
pub fn load_str(file: &str, src: &str) -> Result<Tree, Vec<Diagnostic>> {
    let mut tree = load::parse(file, src).map_err(|d| vec![d])?;
    tree.build_index();
    let problems = validate::validate(file, src, &tree);
    if problems.is_empty() {
        Ok(tree)
    } else {
        Err(problems)
    }
}

/// Reads, parses and validates a tree file.
pub fn load_path(path: &Path) -> Result<Tree, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| vec![io_diagnostic(&name, &e)])?;
    if meta.len() > load::MAX_FILE_BYTES as u64 {
        return Err(vec![
            Diagnostic::new(
                &name,
                format!(
                    "file is {} bytes; trees are limited to {} bytes (10 MiB)",
                    meta.len(),
                    load::MAX_FILE_BYTES
                ),
            )
            .help("split the tree into several files"),
        ]);
    }
    let bytes = std::fs::read(path).map_err(|e| vec![io_diagnostic(&name, &e)])?;
    let src = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or("");
        vec![
            Diagnostic::new(&name, "the file is not valid UTF-8 text")
                .at_offset(valid, offset)
                .help("save the file as UTF-8"),
        ]
    })?;
    load_str(&name, without_bom(&src))
}

/// `text` without a leading byte order mark: Windows editors (Notepad) save UTF-8 with one,
/// and it is no character of the file's first line (columns are counted without it).
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn io_diagnostic(name: &str, e: &std::io::Error) -> Diagnostic {
    let help = match e.kind() {
        std::io::ErrorKind::NotFound => "check the path",
        std::io::ErrorKind::PermissionDenied => "check the file's permissions",
        _ => "check that the path is a readable file",
    };
    Diagnostic::new(name, format!("cannot read the file: {e}")).help(help)
}

/// For each node reached from the start: the (question, answer) that first leads to it (none for
/// the start) and how many answers deep it is.
type Parents<'t> = HashMap<&'t str, (Option<(&'t str, usize)>, usize)>;

impl Tree {
    pub(crate) fn build_index(&mut self) {
        self.index.clear();
        for (i, (id, _)) in self.nodes.iter().enumerate() {
            self.index.entry(id.clone()).or_insert(i);
        }
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        match self.index.get(id) {
            Some(i) => Some(&self.nodes[*i].1),
            // Trees built in code (tests) may not have an index yet.
            None if self.index.is_empty() => {
                self.nodes.iter().find(|(k, _)| k == id).map(|(_, n)| n)
            }
            None => None,
        }
    }

    pub fn leaf(&self, id: &str) -> Option<&Leaf> {
        match self.node(id) {
            Some(Node::Leaf(l)) => Some(l),
            _ => None,
        }
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        match self.node(id) {
            Some(Node::Question(q)) => Some(q),
            _ => None,
        }
    }

    /// Leaves in file order.
    pub fn leaves(&self) -> impl Iterator<Item = (&str, &Leaf)> {
        self.nodes.iter().filter_map(|(id, n)| match n {
            Node::Leaf(l) => Some((id.as_str(), l)),
            _ => None,
        })
    }

    pub fn questions(&self) -> impl Iterator<Item = (&str, &Question)> {
        self.nodes.iter().filter_map(|(id, n)| match n {
            Node::Question(q) => Some((id.as_str(), q)),
            _ => None,
        })
    }

    /// For every reachable node, the answer that first reaches it in a breadth-first walk from
    /// `start`: (question id, answer index), and its depth. Linear in the size of the tree.
    fn parents(&self) -> Parents<'_> {
        let mut parents: Parents = HashMap::new();
        let mut queue = VecDeque::new();
        if self.node(&self.start).is_none() {
            return parents;
        }
        parents.insert(self.start.as_str(), (None, 0));
        queue.push_back((self.start.as_str(), 0));
        while let Some((id, depth)) = queue.pop_front() {
            if let Some(Node::Question(q)) = self.node(id) {
                for (i, a) in q.answers.iter().enumerate() {
                    if parents.contains_key(a.next.as_str()) || self.node(&a.next).is_none() {
                        continue;
                    }
                    parents.insert(a.next.as_str(), (Some((id, i)), depth + 1));
                    queue.push_back((a.next.as_str(), depth + 1));
                }
            }
        }
        parents
    }

    /// For every reachable node, the shortest path of answers from `start`: (question id, answer
    /// index) pairs. Its size grows with the depth of the tree: prefer [`Tree::path_to`] for one
    /// node and [`Tree::depths`] for depths.
    pub fn shortest_paths(&self) -> HashMap<&str, Vec<(&str, usize)>> {
        let parents = self.parents();
        parents
            .keys()
            .map(|id| (*id, Self::path_in(&parents, id)))
            .collect()
    }

    /// For every reachable node, how many answers the shortest way from `start` takes.
    pub fn depths(&self) -> HashMap<&str, usize> {
        self.parents()
            .into_iter()
            .map(|(id, (_, depth))| (id, depth))
            .collect()
    }

    /// The answers that lead from `start` to `id` by the shortest way.
    pub fn path_to(&self, id: &str) -> Option<Vec<(&str, usize)>> {
        let parents = self.parents();
        parents
            .contains_key(id)
            .then(|| Self::path_in(&parents, id))
    }

    /// `path_to` as an owned trail (question id, answer index), as the wizard keeps it.
    pub fn trail_to(&self, id: &str) -> Option<Vec<(String, usize)>> {
        self.path_to(id)
            .map(|p| p.into_iter().map(|(q, a)| (q.to_string(), a)).collect())
    }

    fn path_in<'t>(parents: &Parents<'t>, id: &str) -> Vec<(&'t str, usize)> {
        let mut path = Vec::new();
        let mut at = parents.get(id);
        while let Some((Some((question, answer)), _)) = at {
            path.push((*question, *answer));
            at = parents.get(question);
        }
        path.reverse();
        path
    }

    /// Calls `f` on every string of the tree (for normalisation).
    pub fn for_each_string_mut(&mut self, mut f: impl FnMut(&mut String)) {
        fn text(t: &mut Text, f: &mut impl FnMut(&mut String)) {
            f(&mut t.en);
            f(&mut t.ko);
        }
        f(&mut self.id);
        text(&mut self.title, &mut f);
        if let Some(s) = &mut self.source {
            text(s, &mut f);
        }
        f(&mut self.start);
        for group in &mut self.synonyms {
            group.iter_mut().for_each(&mut f);
        }
        for (id, node) in &mut self.nodes {
            f(id);
            match node {
                Node::Question(q) => {
                    text(&mut q.text, &mut f);
                    if let Some(w) = &mut q.why {
                        text(w, &mut f);
                    }
                    for a in &mut q.answers {
                        text(&mut a.label, &mut f);
                        f(&mut a.next);
                    }
                }
                Node::Leaf(l) => {
                    text(&mut l.title, &mut f);
                    l.errors.iter_mut().for_each(|e| text(e, &mut f));
                    text(&mut l.cause, &mut f);
                    for s in &mut l.steps {
                        f(&mut s.en);
                        f(&mut s.ko);
                        s.run.iter_mut().for_each(|c| f(c.code_mut()));
                    }
                    for link in &mut l.links {
                        text(&mut link.title, &mut f);
                        f(&mut link.url);
                    }
                    l.codes.iter_mut().for_each(&mut f);
                    l.keywords.iter_mut().for_each(&mut f);
                    l.see_also.iter_mut().for_each(&mut f);
                }
            }
        }
    }
}
