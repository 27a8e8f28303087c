//! Placeholders in commands (`<VMName>`, `<resource-group>`): finding them, the values a pasted
//! error already holds (Azure resource ids, CLI flags and JSON keys name the VM, its resource
//! group, the vault, ...), and commands with the values put in. Pure: no terminal.
//!
//! Two spellings of one thing share a value: a placeholder's key is its name lower-cased
//! without punctuation (`<VMName>` and `<vm-name>` are both `vmname`), and a few common other
//! names are folded into one (`<ResourceGroupName>`, `<rg>` → `resourcegroup`).

use std::collections::BTreeMap;
use std::ops::Range;

/// Longest value kept (Azure names are at most 90 characters; ids are longer but are not
/// placeholders' values).
pub const MAX_VALUE_CHARS: usize = 200;

/// Names that mean the same thing, folded into the first one of each row.
const SAME: &[&[&str]] = &[
    &[
        "vmname",
        "vm",
        "virtualmachine",
        "virtualmachinename",
        "vmnames",
    ],
    &["resourcegroup", "resourcegroupname", "rg", "rgname"],
    &["vaultname", "vault", "recoveryservicesvault", "rsvault"],
    &["storageaccount", "storageaccountname"],
    &[
        "nsgname",
        "nsg",
        "networksecuritygroup",
        "networksecuritygroupname",
    ],
    &["nicname", "nic", "networkinterface", "networkinterfacename"],
    &["vnetname", "vnet", "virtualnetwork", "virtualnetworkname"],
    &["keyvaultname", "keyvault"],
];

/// The key values are kept under for a placeholder named `name`.
pub fn key(name: &str) -> String {
    let plain: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    SAME.iter()
        .find(|row| row.contains(&plain.as_str()))
        .map_or(plain, |row| row[0].to_string())
}

/// `NAME=VALUE` (or `<NAME>=VALUE`) as a user gives a value: the name (letters, digits, `-` and
/// `_`, from a letter) and the value; `None` when the text is not that.
pub fn setting(text: &str) -> Option<(&str, &str)> {
    let (name, value) = text.split_once('=')?;
    let name = name.trim().trim_start_matches('<').trim_end_matches('>');
    let good = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    good.then_some((name, value.trim()))
}

/// One placeholder in a command: where it is (the brackets included) and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder<'a> {
    pub range: Range<usize>,
    pub name: &'a str,
}

/// The placeholders of `command`, in order: `<` then a letter, then letters, digits, `-` and
/// `_`, then `>`. Shell redirections (`< file`, `<<EOF`, `<(cmd)`) and comparisons are not
/// placeholders.
pub fn placeholders(command: &str) -> Vec<Placeholder<'_>> {
    let bytes = command.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            let start = i + 1;
            let mut end = start;
            while end < bytes.len()
                && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'-' | b'_'))
            {
                end += 1;
            }
            if bytes.get(end) == Some(&b'>') && end - start <= 64 {
                found.push(Placeholder {
                    range: i..end + 1,
                    name: &command[start..end],
                });
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// The names of the placeholders of `command`, one per key, in the order they first appear.
pub fn names(command: &str) -> Vec<&str> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for p in placeholders(command) {
        let k = key(p.name);
        if !seen.contains(&k) {
            seen.push(k);
            out.push(p.name);
        }
    }
    out
}

/// Values for placeholders, by key. Values the user typed are kept over values read from a
/// paste.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    map: BTreeMap<String, (String, Source)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Typed,
    Pasted,
}

impl Values {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.map.get(&key(name)).map(|(v, _)| v.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Sets the value the user typed for `name` (an empty one forgets it).
    pub fn set(&mut self, name: &str, value: &str) {
        let value = clean(value);
        if value.is_empty() {
            self.map.remove(&key(name));
        } else {
            self.map.insert(key(name), (value, Source::Typed));
        }
    }

    /// Takes in the values a pasted text names ([`from_text`]), but not over typed ones.
    pub fn learn(&mut self, text: &str) {
        for (k, v) in from_text(text) {
            match self.map.get(&k) {
                Some((_, Source::Typed)) => {}
                _ => {
                    self.map.insert(k, (v, Source::Pasted));
                }
            }
        }
    }

    /// `command` with every placeholder that has a value replaced by it.
    pub fn fill(&self, command: &str) -> String {
        let mut out = String::with_capacity(command.len());
        let mut at = 0;
        for p in placeholders(command) {
            if let Some(value) = self.get(p.name) {
                out.push_str(&command[at..p.range.start]);
                out.push_str(value);
                at = p.range.end;
            }
        }
        out.push_str(&command[at..]);
        out
    }

    /// The placeholders of `command` still without a value.
    pub fn missing<'a>(&self, command: &'a str) -> Vec<&'a str> {
        names(command)
            .into_iter()
            .filter(|n| self.get(n).is_none())
            .collect()
    }
}

/// A value as kept: control characters and line breaks out, spaces at the ends trimmed, at most
/// [`MAX_VALUE_CHARS`].
pub fn clean(value: &str) -> String {
    value
        .chars()
        .filter(|c| !crate::text::is_unsafe_char(*c) && !c.is_control())
        .take(MAX_VALUE_CHARS)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Resource types of an Azure resource id and the key of their name.
const ID_SEGMENTS: &[(&str, &str)] = &[
    ("virtualmachines", "vmname"),
    ("vaults", "vaultname"),
    ("storageaccounts", "storageaccount"),
    ("networksecuritygroups", "nsgname"),
    ("networkinterfaces", "nicname"),
    ("virtualnetworks", "vnetname"),
];

/// Flags and parameters (lower case, without dashes) whose next word is a value.
const FLAGS: &[(&str, &str)] = &[
    ("g", "resourcegroup"),
    ("resourcegroup", "resourcegroup"),
    ("resourcegroupname", "resourcegroup"),
    ("vaultname", "vaultname"),
    ("v", "vaultname"),
    ("vmname", "vmname"),
    ("storageaccountname", "storageaccount"),
    ("nsgname", "nsgname"),
];

/// JSON keys and "Key: value" labels (lower case, without punctuation) whose value names a
/// resource.
const LABELS: &[(&str, &str)] = &[
    ("resourcegroup", "resourcegroup"),
    ("resourcegroupname", "resourcegroup"),
    ("vmname", "vmname"),
    ("virtualmachinename", "vmname"),
    ("entityfriendlyname", "vmname"),
    ("vaultname", "vaultname"),
    ("storageaccountname", "storageaccount"),
];

/// A word that can be an Azure resource's name: letters, digits, `-`, `_`, `.` and `()`.
fn name_like(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 90
        && word.chars().any(|c| c.is_ascii_alphanumeric())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '(' | ')'))
}

/// The values `text` (a pasted error, log or CLI output) names: from Azure resource ids
/// (`/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm`), CLI flags and
/// PowerShell parameters (`-g rg`, `--vault-name v`, `-ResourceGroupName rg`) and JSON keys or
/// labels (`"resourceGroup": "rg"`, `VM name: vm`). The first value found for a key wins; the
/// resource group of a vault's id is the vault's (`VaultResourceGroup`).
pub fn from_text(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: &str, out: &mut Vec<(String, String)>| {
        let v = v.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ')' | '('));
        if name_like(v) && !out.iter().any(|(have, _)| have == k) {
            out.push((k.to_string(), v.to_string()));
        }
    };
    container_values(text, &mut out, &mut put);
    // Resource ids.
    let mut rest = text;
    while let Some(at) = find_ignore_case(rest, "/resourcegroups/") {
        let id = &rest[at + 1..];
        let end = id
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '<' | '>'))
            .unwrap_or(id.len());
        let parts: Vec<&str> = id[..end].split('/').collect();
        let group = parts.get(1).copied().unwrap_or("");
        for pair in parts.windows(2) {
            let kind = pair[0].to_ascii_lowercase();
            if let Some((_, k)) = ID_SEGMENTS.iter().find(|(seg, _)| *seg == kind) {
                put(k, pair[1], &mut out);
                if *k == "vaultname" {
                    put("vaultresourcegroup", group, &mut out);
                }
            }
        }
        // The group of an id of something else than a vault: the VM's, most often.
        let is_vault = parts.iter().any(|p| p.eq_ignore_ascii_case("vaults"));
        if !is_vault {
            put("resourcegroup", group, &mut out);
        }
        rest = &id[end..];
    }
    // Flags, parameters, JSON keys and labels: a word, then its value.
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '=')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        let Some(next) = words.get(i + 1) else {
            break;
        };
        if let Some(flag) = word.strip_prefix('-') {
            let flag: String = flag
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if let Some((_, k)) = FLAGS.iter().find(|(f, _)| *f == flag) {
                put(k, next.trim_matches(|c| c == '"' || c == '\''), &mut out);
            }
            continue;
        }
        if !word.ends_with(':') && !word.ends_with("\":") {
            continue;
        }
        let label: String = word
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if let Some((_, k)) = LABELS.iter().find(|(l, _)| *l == label) {
            let value = next.trim_matches(|c| c == '"' || c == '\'' || c == ',');
            // A job's "resourceGroup" is its vault's: not the VM's.
            let vaults = out
                .iter()
                .any(|(k, v)| k == "vaultresourcegroup" && v == value);
            if !(vaults && *k == "resourcegroup") {
                put(k, value, &mut out);
            }
        }
    }
    // "VM name: vm-01" as two words before the colon.
    for three in words.windows(3) {
        let label = format!("{}{}", three[0], three[1]).to_ascii_lowercase();
        if label == "vmname:" || label == "virtualmachine:" {
            put("vmname", three[2], &mut out);
        }
    }
    out
}

/// A backup item's container names the VM's resource group and the VM:
/// `iaasvmcontainerv2;rg-app;vm-01` (in `containerName`, `protectedItemName`, job ids).
fn container_values(
    text: &str,
    out: &mut Vec<(String, String)>,
    put: &mut impl FnMut(&str, &str, &mut Vec<(String, String)>),
) {
    let mut rest = text;
    while let Some(at) = find_ignore_case(rest, "iaasvmcontainerv2;") {
        let after = &rest[at + "iaasvmcontainerv2;".len()..];
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '/'))
            .unwrap_or(after.len());
        let mut parts = after[..end].split(';');
        if let (Some(group), Some(vm)) = (parts.next(), parts.next()) {
            put("resourcegroup", group, out);
            put("vmname", vm, out);
        }
        rest = &after[end..];
    }
}

/// Where `needle` (lower case ASCII) is in `haystack`, ignoring ASCII case.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_bracketed_names_and_not_redirections() {
        let cmd =
            "az vm show -g <resource-group> -n <VMName> < input.txt && cat <<EOF && diff <(a) b";
        let names: Vec<&str> = placeholders(cmd).iter().map(|p| p.name).collect();
        assert_eq!(names, ["resource-group", "VMName"]);
        assert_eq!(&cmd[placeholders(cmd)[1].range.clone()], "<VMName>");
        assert_eq!(
            names_of("Get-AzVM -Name <VMName> ; echo <vm-name>"),
            ["VMName"]
        );
        assert!(placeholders("if [ a <b ]; then").is_empty());
    }

    fn names_of(cmd: &str) -> Vec<&str> {
        names(cmd)
    }

    #[test]
    fn two_spellings_of_a_name_share_one_value() {
        assert_eq!(key("VMName"), "vmname");
        assert_eq!(key("vm-name"), "vmname");
        assert_eq!(key("ResourceGroupName"), "resourcegroup");
        assert_eq!(key("resource-group"), "resourcegroup");
        assert_eq!(key("VaultResourceGroup"), "vaultresourcegroup");
        let mut v = Values::default();
        v.set("vm-name", "vm-01");
        assert_eq!(
            v.fill("Get-AzVM -Name <VMName>; az vm show -n <vm-name> -g <rg>"),
            "Get-AzVM -Name vm-01; az vm show -n vm-01 -g <rg>"
        );
        assert_eq!(v.missing("az vm show -n <vm-name> -g <rg>"), ["rg"]);
        v.set("VMName", "  ");
        assert_eq!(v.get("vm-name"), None);
    }

    #[test]
    fn a_paste_names_the_vm_its_group_and_the_vault() {
        let paste = r#"{
  "errorCode": "UserErrorGuestAgentStatusUnavailable",
  "entityFriendlyName": "vm-sql-prd-02",
  "id": "/subscriptions/0f8f5e2a-1b33-4c1d-9a55-3f2b8a7c9d10/resourceGroups/rg-vault/providers/Microsoft.RecoveryServices/vaults/rsv-core/backupJobs/1a2b",
  "resourceGroup": "rg-vault",
  "containerName": "iaasvmcontainerv2;rg-core;vm-sql-prd-02",
}"#;
        let values = from_text(paste);
        let get = |k: &str| {
            values
                .iter()
                .find(|(have, _)| have == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("vmname"), Some("vm-sql-prd-02"));
        assert_eq!(get("vaultname"), Some("rsv-core"));
        assert_eq!(get("vaultresourcegroup"), Some("rg-vault"));
        assert_eq!(get("resourcegroup"), Some("rg-core"));

        let id = "/subscriptions/x/resourceGroups/RG-App/providers/Microsoft.Compute/virtualMachines/web01.";
        let values = from_text(id);
        assert_eq!(
            values,
            [
                ("vmname".to_string(), "web01".to_string()),
                ("resourcegroup".to_string(), "RG-App".to_string())
            ]
        );
        let cli = from_text("az backup job list -g rg-core -v rsv-core --status Failed");
        assert_eq!(
            cli,
            [
                ("resourcegroup".to_string(), "rg-core".to_string()),
                ("vaultname".to_string(), "rsv-core".to_string())
            ]
        );
        let ps = from_text("Get-AzVM -ResourceGroupName 'rg-web' -VMName web-02");
        assert_eq!(ps.len(), 2, "{ps:?}");
        assert_eq!(
            from_text("VM name: vm-db-01 failed"),
            [("vmname".to_string(), "vm-db-01".to_string())]
        );
    }

    #[test]
    fn words_that_are_not_names_are_not_taken() {
        assert!(from_text("-g $(rm -rf /) -v 'a;b' resourceGroup: ").is_empty());
        assert!(from_text("Backup failed on the VM, error 320001").is_empty());
        let mut v = Values::default();
        v.learn("-g rg-pasted");
        v.set("ResourceGroup", "rg-typed");
        v.learn("-g rg-other");
        assert_eq!(v.get("resource-group"), Some("rg-typed"));
        v.set("x", "a\u{1b}[31mb\nc");
        assert_eq!(v.get("x"), Some("a[31mbc"));
    }
}
