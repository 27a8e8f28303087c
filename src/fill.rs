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

/// Placeholder names as a list to show: `<VMName>, <ResourceGroup>`.
pub fn bracketed(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("<{}>", crate::text::sanitize_line(n)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The placeholders of all the commands of `leaf`, one per key, in the order they first appear.
pub fn leaf_names(leaf: &crate::tree::Leaf) -> Vec<&str> {
    one_per_key(
        leaf.commands()
            .flat_map(|c| placeholders(c.code()).into_iter().map(|p| p.name)),
    )
}

/// The names of the placeholders of `command`, one per key, in the order they first appear.
pub fn names(command: &str) -> Vec<&str> {
    one_per_key(placeholders(command).into_iter().map(|p| p.name))
}

fn one_per_key<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for name in names {
        let k = key(name);
        if !seen.contains(&k) {
            seen.push(k);
            out.push(name);
        }
    }
    out
}

/// Values for placeholders, by key. The latest word wins: a value typed replaces one read from
/// a paste, and a later paste that names the same thing (another VM) replaces a typed one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    map: BTreeMap<String, String>,
}

impl Values {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.map.get(&key(name)).map(String::as_str)
    }

    /// Sets the value the user typed for `name` (an empty one forgets it); refuses a value
    /// with a character a command could take as syntax (see [`allowed`]), naming it.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), char> {
        let value = value.trim();
        if let Some(bad) = value.chars().find(|c| !allowed(*c)) {
            return Err(bad);
        }
        let value: String = value.chars().take(MAX_VALUE_CHARS).collect();
        if value.is_empty() {
            self.map.remove(&key(name));
        } else {
            self.map.insert(key(name), value);
        }
        Ok(())
    }

    /// Forgets every value (a new incident).
    pub fn clear(&mut self) {
        self.map.clear();
    }

    /// Every value by key, as a session records them.
    pub fn pairs(&self) -> BTreeMap<String, String> {
        self.map.clone()
    }

    /// Values as [`Values::pairs`] gave them (read back from a session, maybe edited by hand:
    /// what `set` refuses is left out).
    pub fn from_pairs(pairs: &BTreeMap<String, String>) -> Values {
        let mut values = Values::default();
        for (k, v) in pairs {
            let _ = values.set(k, v);
        }
        values
    }

    /// Takes in the values a pasted text names ([`from_text`]).
    pub fn learn(&mut self, text: &str) {
        self.map.extend(from_text(text));
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

/// Whether a value may hold `c`: ASCII letters and digits and `- . _ / : @ + ,`, enough for
/// Azure names, ids, IP ranges, ports and dates. Quotes, `$`, `;`, `(`, spaces and the like
/// could end a command's quoting or start another command (a placeholder may stand unquoted in
/// bash): they are refused, not escaped (the same value goes into PowerShell, bash and cmd).
/// What is left starts no command, though an unquoted `,` or a leading `@` still means
/// something to PowerShell (a list, splatting).
pub fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._/:@+,".contains(c)
}

/// Resource types of an Azure resource id: the key of the resource's name, and of its resource
/// group (the VM's is `<ResourceGroup>`; a vault's, an NSG's or a VNet's is its own).
const ID_TYPES: &[(&str, &str, Option<&str>)] = &[
    ("virtualmachines", "vmname", Some("resourcegroup")),
    ("vaults", "vaultname", Some("vaultresourcegroup")),
    ("storageaccounts", "storageaccount", None),
    ("networksecuritygroups", "nsgname", Some("nsgresourcegroup")),
    ("networkinterfaces", "nicname", None),
    ("virtualnetworks", "vnetname", Some("vnetresourcegroup")),
];

/// A word that can be an Azure resource's name, and a value ([`allowed`]); not a flag.
fn name_like(word: &str) -> bool {
    !word.is_empty()
        && !word.starts_with('-')
        && word.len() <= 90
        && word.chars().any(|c| c.is_ascii_alphanumeric())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Values found so far: the first one for a key wins.
#[derive(Default)]
struct Found(Vec<(String, String)>);

impl Found {
    fn put(&mut self, key: &str, value: &str) {
        let value = value.trim_end_matches(['.', ',', ';', ':', ')']);
        if name_like(value) && !self.0.iter().any(|(have, _)| have == key) {
            self.0.push((key.to_string(), value.to_string()));
        }
    }
}

/// The word as a value: its quotes taken off; `None` for a quoted value that goes on past the
/// word (`"rg app"`: cutting it would give a wrong name).
fn unquoted(word: &str) -> Option<&str> {
    let word = word.trim_end_matches([',', ';', '}', ']']);
    match word.chars().next() {
        Some(q @ ('"' | '\'')) => word[1..].strip_suffix(q),
        _ => Some(word),
    }
}

fn lower_alnum(word: &str) -> String {
    word.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The values `text` (a pasted error, log or CLI output) names: from Azure resource ids
/// (`/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm`), a backup item's
/// container (`iaasvmcontainerv2;rg;vm`), CLI flags and PowerShell parameters (`-g rg`,
/// `--vault-name v`, `-ResourceGroupName rg`) and JSON keys or labels (`"vmName": "vm"`,
/// `VM name: vm`). A resource group goes with what it is named for: a vault's (`az backup`,
/// `Get-AzRecoveryServicesVault`, a backup job's JSON) is `<VaultResourceGroup>`, an NSG's is
/// `<nsg-resource-group>`, and only a VM's is `<ResourceGroup>`. The first value found for a
/// key wins.
pub fn from_text(text: &str) -> Vec<(String, String)> {
    let mut found = Found::default();
    container_values(text, &mut found);
    id_values(text, &mut found);
    // A backup job's or item's JSON: its "resourceGroup" is the vault's.
    let lower = text.to_ascii_lowercase();
    let backup_json = [
        "entityfriendlyname",
        "containername",
        "backupmanagementtype",
        "recoveryservices",
        "vaultname",
    ]
    .iter()
    .any(|marker| lower.contains(marker));
    // Commands and log lines one at a time: a flag's meaning depends on its command.
    for segment in text.split(['\n', ';', '|']) {
        let seg = segment.to_ascii_lowercase();
        // Told by the command, not by any word: "vault" in a comment is not a vault command.
        let backup_command = seg.contains("az backup") || seg.contains("-azrecoveryservices");
        let vault_command =
            seg.contains("az backup vault") || seg.contains("recoveryservicesvault");
        let vm_command = seg.contains("az vm ") || seg.contains("-azvm");
        let words: Vec<&str> = segment
            .split(|c: char| c.is_whitespace() || c == '=')
            .filter(|w| !w.is_empty())
            .collect();
        for (i, word) in words.iter().enumerate() {
            let Some(value) = words.get(i + 1).and_then(|w| unquoted(w)) else {
                continue;
            };
            if let Some(flag) = word.strip_prefix('-') {
                let key = match lower_alnum(flag).as_str() {
                    "g" | "resourcegroup" | "resourcegroupname" if backup_command => {
                        "vaultresourcegroup"
                    }
                    "g" | "resourcegroup" | "resourcegroupname" => "resourcegroup",
                    "v" | "vaultname" => "vaultname",
                    "vmname" => "vmname",
                    // `az backup protection enable-for-vm --vm vm-01`
                    "vm" if backup_command => "vmname",
                    // `-n` is the vault only for the vault's own commands (`az backup item show
                    // -n` is an item, `az backup job show -n` a job).
                    "n" | "name" if vault_command => "vaultname",
                    "n" | "name" if vm_command => "vmname",
                    "nsgname" => "nsgname",
                    "storageaccountname" => "storageaccount",
                    _ => continue,
                };
                found.put(key, value);
                continue;
            }
            if !word.ends_with(':') {
                continue;
            }
            let key = match lower_alnum(word).as_str() {
                "resourcegroup" | "resourcegroupname" if backup_json => "vaultresourcegroup",
                "resourcegroup" | "resourcegroupname" => "resourcegroup",
                "vmname" | "virtualmachinename" | "entityfriendlyname" => "vmname",
                "vaultname" => "vaultname",
                "storageaccountname" => "storageaccount",
                _ => continue,
            };
            found.put(key, value);
        }
        // "VM name: vm-01", "가상 머신: vm-01": two words before the colon.
        for three in words.windows(3) {
            let label = format!("{}{}", three[0], three[1]).to_ascii_lowercase();
            if matches!(
                label.as_str(),
                "vmname:" | "virtualmachine:" | "가상머신:" | "가상컴퓨터:" | "vm이름:"
            ) {
                found.put("vmname", three[2]);
            }
        }
        // A portal table copied as text, the label and its value in columns: "VM name   vm-01"
        // (the search box has turned its line breaks into spaces: the columns' wide gap tells).
        for label in VM_LABELS {
            let label = label.to_ascii_lowercase();
            for (at, _) in seg.match_indices(&label) {
                let starts_word = seg[..at]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace);
                let rest = &segment[at + label.len()..];
                if starts_word
                    && (rest.starts_with("  ") || rest.starts_with('\t'))
                    && let Some(value) = rest.split_whitespace().next()
                {
                    found.put("vmname", value);
                }
            }
        }
    }
    found.0
}

/// Labels of a VM's name in the portal's tables, in both languages.
const VM_LABELS: [&str; 5] = [
    "VM name",
    "Virtual machine",
    "가상 머신",
    "가상 컴퓨터",
    "VM 이름",
];

/// Azure resource ids: each names a resource and the resource group it is in.
fn id_values(text: &str, found: &mut Found) {
    let mut rest = text;
    while let Some(at) = find_ignore_case(rest, "/resourcegroups/") {
        let id = &rest[at + 1..];
        let end = id
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '<' | '>'))
            .unwrap_or(id.len());
        let parts: Vec<&str> = id[..end].split('/').collect();
        let group = parts.get(1).copied().unwrap_or("");
        // resourceGroups/G/providers/Namespace/type/name: the resource the id is about.
        if let Some(p) = parts
            .iter()
            .position(|p| p.eq_ignore_ascii_case("providers"))
            && let (Some(kind), Some(name)) = (parts.get(p + 2), parts.get(p + 3))
        {
            let kind = kind.to_ascii_lowercase();
            if let Some((_, name_key, group_key)) = ID_TYPES.iter().find(|(t, _, _)| *t == kind) {
                found.put(name_key, name);
                if let Some(group_key) = group_key {
                    found.put(group_key, group);
                }
            }
        }
        rest = &id[end..];
    }
}

/// A backup item's container names the VM's resource group and the VM:
/// `iaasvmcontainerv2;rg-app;vm-01` (in `containerName`, `protectedItemName`, job ids).
fn container_values(text: &str, found: &mut Found) {
    let mut rest = text;
    while let Some(at) = find_ignore_case(rest, "iaasvmcontainerv2;") {
        let after = &rest[at + "iaasvmcontainerv2;".len()..];
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '/'))
            .unwrap_or(after.len());
        let mut parts = after[..end].split(';');
        if let (Some(group), Some(vm)) = (parts.next(), parts.next()) {
            found.put("resourcegroup", group);
            found.put("vmname", vm);
        }
        rest = &after[end..];
    }
}

/// `text` with the names [`from_text`] reads (a VM's, a resource group's, a vault's) blanked
/// out where they stand as whole words, and so are words shaped like names ([`name_shaped`]):
/// they say which resources, not what went wrong. An operating system in a name stays
/// (`vm-linux-batch-02` → `linux`): it says what the machine runs.
pub fn without_names(text: &str) -> std::borrow::Cow<'_, str> {
    let names: Vec<String> = from_text(text).into_iter().map(|(_, v)| v).collect();
    if names.is_empty() && !text.contains('-') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut changed = false;
    // A path (a resource id) is one word: blanking a name inside it would break it up.
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(is_name_char) {
        out.push_str(&rest[..start]);
        let word_len = rest[start..]
            .find(|c: char| !is_name_char(c))
            .unwrap_or(rest.len() - start);
        let word = &rest[start..start + word_len];
        let bare = word.trim_end_matches('.');
        if names.iter().any(|n| n == bare) || name_shaped(bare) {
            for (i, part) in bare.split(['-', '_']).enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                let system = part.trim_end_matches(|c: char| c.is_ascii_digit());
                if crate::search::names_os(&system.to_ascii_lowercase()) {
                    out.push_str(part);
                } else {
                    out.push_str(&" ".repeat(part.len()));
                }
            }
            out.push_str(&word[bare.len()..]);
            changed = true;
        } else {
            out.push_str(word);
        }
        rest = &rest[start + word_len..];
    }
    if !changed {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Whether `word` is shaped like the name of someone's Azure resource rather than a word:
/// letters and digits in one case (but a capital first letter), in three or more pieces joined
/// by hyphens, the last ending in a digit (`web-fe-01`, `VM-SQL-PRD-02`, `Backup-vm-sql-02`),
/// or starting with the abbreviation Azure's naming guide gives the resource type
/// (`rg-erp-prod`, `rsv-core`, `vm-dc02`). Two pieces of letters then digits (`backup-19`,
/// `centos-7`) are ids and versions; `up-to-date`, `nsg-rules` and `SQL-Server-2019` are words.
pub fn name_shaped(word: &str) -> bool {
    /// Abbreviations that start a name of three or more pieces.
    const TYPES: &[&str] = &[
        "aks", "app", "db", "kv", "nic", "nsg", "pip", "rg", "rsv", "snet", "sql", "srv", "st",
        "vm", "vnet", "web",
    ];
    /// Those that start a name of two pieces, as any word after them does (`rg-backup`).
    const GROUPS: &[&str] = &["rg", "rsv"];
    /// Those that start a name of two pieces with a digit (`vm-dc02`; `vm-level` and
    /// `nsg-rules` are words).
    const TYPES_OF_TWO: &[&str] = &["kv", "nsg", "snet", "vm", "vnet"];
    let parts: Vec<&str> = word.split('-').collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return false;
    }
    // A capital first letter starts a sentence ("Backup-vm-sql-02 failed"): not a case of its own.
    let rest = &word[1..];
    let (upper, lower) = (
        rest.bytes().any(|b| b.is_ascii_uppercase()),
        rest.bytes().any(|b| b.is_ascii_lowercase()),
    );
    if upper && lower {
        return false;
    }
    let first = parts[0].to_ascii_lowercase();
    let first = first.as_str();
    let ends_in_digit = word.bytes().last().is_some_and(|b| b.is_ascii_digit());
    if parts.len() >= 3 {
        ends_in_digit || TYPES.contains(&first)
    } else {
        GROUPS.contains(&first)
            || (TYPES_OF_TWO.contains(&first) && word.bytes().any(|b| b.is_ascii_digit()))
    }
}

/// `text` without what names the user's resources: the names [`without_names`] blanks and
/// Azure resource ids (`/subscriptions/…`), whose words ("rg-linux-prod") say nothing of the
/// symptom.
pub fn without_resources(text: &str) -> String {
    let text = without_names(text);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    // Only the id itself goes: JSON or `key:value,` around it keeps its words.
    while let Some(start) = find_ignore_case(rest, "/subscriptions/") {
        out.push_str(&rest[..start]);
        let id = &rest[start..];
        let end = id
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';' | ')' | ']' | '}')
            })
            .unwrap_or(id.len());
        rest = &id[end..];
    }
    out.push_str(rest);
    out
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
        v.set("vm-name", "vm-01").unwrap();
        assert_eq!(
            v.fill("Get-AzVM -Name <VMName>; az vm show -n <vm-name> -g <rg>"),
            "Get-AzVM -Name vm-01; az vm show -n vm-01 -g <rg>"
        );
        assert_eq!(v.missing("az vm show -n <vm-name> -g <rg>"), ["rg"]);
        v.set("VMName", "  ").unwrap();
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
        let ps = from_text("Get-AzVM -ResourceGroupName 'rg-web' -VMName web-02");
        assert_eq!(ps.len(), 2, "{ps:?}");
        assert_eq!(
            from_text("VM name: vm-db-01 failed"),
            [("vmname".to_string(), "vm-db-01".to_string())]
        );
        // The portal's tables copied as text: a label, then its value in a column of its own.
        let vm = [("vmname".to_string(), "vm-sql-02".to_string())];
        for table in [
            "Backup job failed\nJob ID   8f3c2a1e\nVM name         vm-sql-02\nStatus  Failed",
            "Virtual machine\tvm-sql-02",
            "가상 머신: vm-sql-02",
            "가상 머신     vm-sql-02",
        ] {
            assert_eq!(from_text(table), vm, "{table}");
        }
        // Its lines run together, as in the search box.
        assert_eq!(
            from_text("Job failed VM name     vm-sql-02 Status Failed"),
            vm
        );
        // A sentence is no table.
        assert!(from_text("the VM name vm-01 is down").is_empty());
        assert!(from_text("myVM name  x-01").is_empty());
    }

    fn sorted(text: &str) -> Vec<(String, String)> {
        let mut values = from_text(text);
        values.sort();
        values
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = list
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        v.sort();
        v
    }

    /// A resource group is the VM's only where the text says so: on a vault's command, in a
    /// backup job's JSON or in an NSG's id it is that resource's.
    #[test]
    fn a_resource_group_goes_with_what_it_is_named_for() {
        assert_eq!(
            sorted("az backup job list -g rg-vault --vault-name vault-01 -o table"),
            pairs(&[
                ("vaultname", "vault-01"),
                ("vaultresourcegroup", "rg-vault")
            ])
        );
        assert_eq!(
            sorted(
                r#"$v = Get-AzRecoveryServicesVault -ResourceGroupName "rg-vault" -Name "vault-01"; Get-AzVM -ResourceGroupName rg-app -VMName vm-01"#
            ),
            pairs(&[
                ("vaultresourcegroup", "rg-vault"),
                ("vaultname", "vault-01"),
                ("resourcegroup", "rg-app"),
                ("vmname", "vm-01")
            ])
        );
        assert_eq!(
            sorted(
                r#"{"resourceGroup": "rg-vault", "vaultName": "vault-01", "entityFriendlyName": "vm-01"}"#
            ),
            pairs(&[
                ("vaultresourcegroup", "rg-vault"),
                ("vaultname", "vault-01"),
                ("vmname", "vm-01")
            ])
        );
        assert_eq!(
            sorted(
                "/subscriptions/0/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/nsg-1 /subscriptions/0/resourceGroups/rg-a/providers/Microsoft.Compute/virtualMachines/vm-a"
            ),
            pairs(&[
                ("nsgname", "nsg-1"),
                ("nsgresourcegroup", "rg-net"),
                ("resourcegroup", "rg-a"),
                ("vmname", "vm-a")
            ])
        );
        // `-n` of an item or a job is not the vault; a flag is not a value; "vault" in a
        // comment makes no vault command.
        assert_eq!(
            sorted("az backup item show -n vm01 -c cont --vault-name rsv1 -g rg-v"),
            pairs(&[("vaultname", "rsv1"), ("vaultresourcegroup", "rg-v")])
        );
        assert_eq!(
            sorted("az backup protection enable-for-vm --vm vm01 -v rsv1"),
            pairs(&[("vaultname", "rsv1"), ("vmname", "vm01")])
        );
        assert_eq!(
            sorted("az vm show -g rg-app -n vm01 # then check the vault"),
            pairs(&[("resourcegroup", "rg-app"), ("vmname", "vm01")])
        );
        assert_eq!(
            sorted("az vm show -g -n vm01"),
            pairs(&[("vmname", "vm01")])
        );
        assert_eq!(
            sorted(r#""resourceGroup": "rg-vault", "vaultName": "v-02""#),
            pairs(&[("vaultname", "v-02"), ("vaultresourcegroup", "rg-vault")])
        );
        assert_eq!(
            sorted("az vm show -g rg-app --name=vm-eq"),
            pairs(&[("resourcegroup", "rg-app"), ("vmname", "vm-eq")])
        );
        // A quoted name with a space is not cut into a wrong one.
        assert_eq!(
            sorted(r#"Get-AzVM -ResourceGroupName "rg app" -Name vm"#),
            pairs(&[("vmname", "vm")])
        );
        // The vault's group is not the VM's: "vault-resource-group" and "ResourceGroup" differ.
        let mut v = Values::default();
        v.learn("az backup job list -g rg-vault -v vault-01");
        assert_eq!(
            v.fill("<vault-resource-group> <ResourceGroup>"),
            "rg-vault <ResourceGroup>"
        );
    }

    #[test]
    fn resource_ids_and_names_leave_the_symptom() {
        let text = "VM agent unable\n/subscriptions/x/resourceGroups/rg-linux-prod/providers/\
                    Microsoft.Compute/virtualMachines/vm-db-07 failed";
        let left = without_resources(text);
        assert!(!left.contains("linux") && !left.contains("db"), "{left}");
        let packed = without_resources(
            r#"{"id":"/subscriptions/x/resourceGroups/rg-linux/providers/a/b/vm1","code":"UserErrorFsFreezeFailed"}"#,
        );
        assert!(
            packed.contains("UserErrorFsFreezeFailed") && !packed.contains("linux"),
            "{packed}"
        );
        let logged =
            without_resources("ErrorCode:UserErrorX,ResourceId:/subscriptions/x/rg-y snapshot");
        assert_eq!(logged, "ErrorCode:UserErrorX,ResourceId: snapshot");
        let json = without_resources(r#""vmName": "vm-sql-02", "status": "Failed""#);
        assert!(!json.contains("sql") && json.contains("Failed"), "{json}");
        assert!(left.starts_with("VM agent unable\n"), "{left}");
        assert!(left.trim_end().ends_with("failed"), "{left}");
        assert_eq!(without_resources("vss writers"), "vss writers");
    }

    #[test]
    fn names_are_blanked_out_as_whole_words_only() {
        assert_eq!(
            without_names("Get-AzVM -ResourceGroupName rg-app -VMName vm-01. myvm-011 xrg-app2"),
            "Get-AzVM -ResourceGroupName        -VMName      . myvm-011 xrg-app2"
        );
        let id = "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-01";
        assert_eq!(without_names(id), id);
        assert!(matches!(
            without_names("snapshot failed"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn words_shaped_like_names_are_blanked_but_their_system() {
        for name in [
            "vm-sql-02",
            "web-fe-01",
            "app-db-prod-3",
            "rg-erp-prod",
            "rsv-core",
            "vm-dc02",
            "VM-SQL-PRD-02",
            "Backup-vm-sql-02",
        ] {
            assert!(name_shaped(name), "{name}");
        }
        for word in [
            "backup-19",
            "centos-7",
            "NSG-blocked",
            "nsg-rules",
            "vnet-peering",
            "SQL-Server-2019",
            "VM-to-VM",
            "up-to-date",
            "Up-to-date",
            "point-in-time",
            "Vm-level",
            "vm-level",
            "ifcfg-eth0",
            "Set-AzVMExtension",
            "WALinuxAgent-2.2.18",
            "ERROR_INSTALL_SERVICE_FAILURE",
            "-rf",
            "vm--01",
        ] {
            assert!(!name_shaped(word), "{word}");
        }
        assert_eq!(
            without_names("backup failed on vm-sql-02."),
            "backup failed on          ."
        );
        assert_eq!(
            without_names("vm-linux-batch-02 freeze failed"),
            "   linux          freeze failed"
        );
        assert_eq!(without_names("on vm-win2019-01"), "on    win2019   ");
        // A name read from a key keeps its system too.
        assert_eq!(
            without_names(r#"agent, "vmName": "vm-linux-02""#),
            r#"agent, "vmName": "   linux   ""#
        );
        assert!(matches!(
            without_names("agent not up-to-date"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn words_that_are_not_names_are_not_taken() {
        assert!(from_text("-g $(rm -rf /) -v 'a;b' resourceGroup: ").is_empty());
        assert!(from_text("Backup failed on the VM, error 320001").is_empty());
        let mut v = Values::default();
        // The latest word wins: typed over pasted, a later paste over typed.
        v.learn("-g rg-pasted");
        v.set("ResourceGroup", "rg-typed").unwrap();
        assert_eq!(v.get("resource-group"), Some("rg-typed"));
        v.learn("-v vault-01");
        assert_eq!(v.get("resource-group"), Some("rg-typed"));
        v.learn("-g rg-other");
        assert_eq!(v.get("resource-group"), Some("rg-other"));
        v.set("ResourceGroup", "rg-typed").unwrap();
        // What could end a command's quoting or start another command is refused.
        for (bad, c) in [
            ("a\u{1b}[31m", '\u{1b}'),
            ("$(rm -rf /)", '$'),
            ("a\"b", '"'),
            ("rg app", ' '),
            ("a;b", ';'),
            ("rg(1)", '('),
        ] {
            assert_eq!(v.set("x", bad), Err(c), "{bad}");
        }
        assert_eq!(v.get("x"), None);
        v.set("range", "13.64.0.0/11").unwrap();
        let back = Values::from_pairs(&v.pairs());
        assert_eq!(back.fill("<range> <rg>"), "13.64.0.0/11 rg-typed");
    }
}
