//! The embedded Azure tree against its seed and its id contract (`../shared`).

use std::collections::BTreeSet;
use triage::tree::{self, Command, Lang, Node, Os, Tree};

fn shared(path: &str) -> String {
    let full = format!("{}/../shared/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

fn seed_rows() -> Vec<serde_json::Value> {
    serde_json::from_str(&shared("seed/table-rows.json")).unwrap()
}

fn azure() -> Tree {
    tree::load_str(tree::EMBEDDED_NAME, tree::EMBEDDED_SOURCE).unwrap_or_else(|errors| {
        panic!(
            "{}",
            errors.iter().map(|e| e.to_string()).collect::<String>()
        )
    })
}

/// The ids listed in `design/leaf-ids.md`: every back-quoted id in the first column of a table.
fn contract_ids() -> BTreeSet<String> {
    shared("design/leaf-ids.md")
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn embedded_tree_loads_without_a_single_diagnostic() {
    let t = azure();
    assert_eq!(t.id, "azure-vm-backup");
}

#[test]
fn leaf_ids_are_exactly_the_contract() {
    let ids: BTreeSet<String> = azure().leaves().map(|(id, _)| id.to_string()).collect();
    let contract = contract_ids();
    assert_eq!(contract.len(), 57, "the contract lists 57 ids");
    assert_eq!(ids, contract);
}

/// Splits a seed message holding alternatives (`<br>OR<br>`) and drops HTML tags.
fn seed_messages(raw: &str) -> Vec<String> {
    raw.split("<br>")
        .map(str::trim)
        .filter(|p| !p.is_empty() && *p != "OR" && *p != "또는")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_seed_error_message_is_kept_verbatim_in_both_languages() {
    let t = azure();
    let rows = seed_rows();
    assert_eq!(rows.len(), 42);
    for row in rows {
        let id = row["id"].as_str().unwrap();
        let leaf = t.leaf(id).unwrap_or_else(|| panic!("no leaf {id}"));
        for (field, lang) in [("error_en", Lang::En), ("error_ko", Lang::Ko)] {
            for message in seed_messages(row[field].as_str().unwrap()) {
                assert!(
                    leaf.errors.iter().any(|e| e.exact(lang) == message),
                    "{id}: {field} not verbatim: {message:?}"
                );
            }
        }
    }
}

fn has_command(t: &Tree, id: &str, shell: fn(&Command) -> bool, needle: &str) -> bool {
    t.leaf(id)
        .unwrap()
        .commands()
        .any(|c| shell(c) && c.code().contains(needle))
}

#[test]
fn every_command_of_the_seed_is_its_own_copyable_block() {
    let t = azure();
    let cmd = |c: &Command| matches!(c, Command::Cmd(_));
    let ps = |c: &Command| matches!(c, Command::PowerShell(_));
    let bash = |c: &Command| matches!(c, Command::Bash(_));
    let reg = |c: &Command| matches!(c, Command::Reg(_));
    type Expectation = (&'static str, fn(&Command) -> bool, &'static str);
    let expected: &[Expectation] = &[
        ("backup-19", cmd, "vssadmin list writers"),
        // The seed's `serviceName` is a name to fill in: a placeholder, as restore-01's below.
        ("backup-19", cmd, "net stop <ServiceName>"),
        ("backup-19", cmd, "net start <ServiceName>"),
        (
            "backup-20",
            cmd,
            r"icacls %systemdrive%\programdata\microsoft\crypto\rsa\machinekeys",
        ),
        ("backup-23", cmd, "net start COMSysApp"),
        ("backup-23", cmd, "msdtc -uninstall"),
        ("backup-23", cmd, "msdtc -install"),
        ("backup-24", cmd, "net start COMSysApp"),
        (
            "backup-25",
            bash,
            r#"tune2fs -l /dev/sdb1 | grep "Filesystem state""#,
        ),
        ("backup-25", bash, "umount"),
        ("backup-25", bash, "fsck"),
        ("backup-26", reg, r#""SchUseStrongCrypto"=dword:00000001"#),
        ("backup-26", cmd, "SchUseStrongCrypto"),
        ("backup-27", cmd, "MSIEXEC /UNREGISTER"),
        ("backup-27", cmd, "MSIEXEC /REGISTER"),
        (
            "backup-27",
            reg,
            r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\Msiserver",
        ),
        ("backup-27", cmd, "Msiserver"),
        (
            "restore-01",
            ps,
            // The seed's example name is a placeholder: the fill-in form and a paste fill it.
            r#"$deployment = Get-AzureDeployment -ServiceName "<CloudServiceName>" -Slot "Production""#,
        ),
        (
            "restore-01",
            ps,
            "Get-AzureDns -DnsSettings $deployment.DnsSettings",
        ),
        ("restore-01", ps, "ReservedIPName"),
        (
            "snapshot-sql-vss-full",
            reg,
            r"[HKEY_LOCAL_MACHINE\SOFTWARE\MICROSOFT\BCDRAGENT]",
        ),
        ("snapshot-sql-vss-full", reg, r#""USEVSSCOPYBACKUP"="TRUE""#),
        ("snapshot-sql-vss-full", cmd, "USEVSSCOPYBACKUP"),
        ("network-whitelist-ips", ps, "New-NetRoute"),
    ];
    for (id, shell, needle) in expected {
        assert!(
            has_command(&t, id, *shell, needle),
            "{id}: no block with {needle:?}"
        );
    }
}

#[test]
fn registry_blocks_are_importable_files() {
    for (id, leaf) in azure().leaves() {
        for c in leaf.commands() {
            if let Command::Reg(code) = c {
                assert!(
                    code.starts_with("Windows Registry Editor Version 5.00"),
                    "{id}: .reg block without its header"
                );
            }
        }
    }
}

#[test]
fn every_leaf_is_reachable_within_four_answers() {
    let t = azure();
    let paths = t.shortest_paths();
    let mut total = 0;
    let mut count = 0;
    for (id, _) in t.leaves() {
        let depth = paths
            .get(id)
            .unwrap_or_else(|| panic!("{id} unreachable"))
            .len();
        assert!(depth <= 4, "{id} needs {depth} answers");
        total += depth;
        count += 1;
    }
    let average = total as f64 / count as f64;
    println!("average depth {average:.2} over {count} leaves");
    assert!(average <= 3.0, "average depth {average:.2}");
}

#[test]
fn links_are_full_urls_and_internal_anchors_became_see_also() {
    let t = azure();
    for (id, leaf) in t.leaves() {
        for link in &leaf.links {
            assert!(
                link.url.starts_with("https://") || link.url.starts_with("http://"),
                "{id}: relative link {}",
                link.url
            );
            assert!(
                !link.url.contains(".md"),
                "{id}: link to a .md file {}",
                link.url
            );
        }
        for other in &leaf.see_also {
            assert!(
                t.leaf(other).is_some(),
                "{id}: see_also {other} is not a leaf"
            );
        }
    }
}

#[test]
fn questions_offer_a_way_out_and_explain_themselves() {
    let t = azure();
    for (id, q) in t.questions() {
        assert!(q.why.is_some(), "{id} has no why-we-ask line");
        assert!((1..=9).contains(&q.answers.len()), "{id}");
    }
    let not_sure = t
        .questions()
        .filter(|(_, q)| q.answers.iter().any(|a| a.label.en.contains("Not sure")))
        .count();
    assert!(not_sure >= 3, "only {not_sure} questions offer Not sure");
}

#[test]
fn every_leaf_has_keywords_and_both_languages() {
    let t = azure();
    for (id, leaf) in t.leaves() {
        assert!(leaf.keywords.len() >= 5, "{id}: few keywords");
        assert!(
            leaf.keywords
                .iter()
                .any(|k| k.chars().any(|c| ('가'..='힣').contains(&c))),
            "{id}: no Korean keyword"
        );
        assert!(
            !leaf.title.ko.is_empty() && !leaf.cause.ko.is_empty(),
            "{id}"
        );
        assert!(matches!(t.node(id), Some(Node::Leaf(_))));
    }
}

/// Everything in a command that reads as a blank to fill in (`<...>` starting with a letter) is
/// a placeholder the wizard can fill: no spaces or other characters that would keep it out.
#[test]
fn every_blank_in_a_command_is_a_fillable_placeholder() {
    let t = azure();
    for (id, leaf) in t.leaves() {
        for c in leaf.commands() {
            let code = c.code();
            let found = triage::fill::placeholders(code).len();
            let blanks = code
                .match_indices('<')
                .filter(|(i, _)| {
                    let rest = &code[i + 1..];
                    rest.starts_with(|ch: char| ch.is_ascii_alphabetic())
                        && rest
                            .find('>')
                            .is_some_and(|end| !rest[..end].contains(['<', '"', '\'', '|', '\n']))
                })
                .count();
            assert_eq!(found, blanks, "{id}: {code}");
        }
    }
}

/// The system whose guest a command can only run in, if it says so: a cmd or .reg block is
/// Windows; PowerShell is Windows when it uses the guest's own cmdlets or drives (Azure PowerShell,
/// run from any machine, is neither); bash is Linux unless it is the Azure CLI (`az`, run
/// anywhere).
fn guest_of(command: &Command) -> Option<Os> {
    const WINDOWS_GUEST_POWERSHELL: &[&str] = &[
        "Test-NetConnection",
        "Get-Service",
        "Get-Counter",
        "-NetRoute",
        "-NetIPInterface",
        "Get-DnsClient",
        r"Cert:\",
        r"C:\",
    ];
    match command {
        Command::Cmd(_) | Command::Reg(_) => Some(Os::Windows),
        Command::PowerShell(code) => WINDOWS_GUEST_POWERSHELL
            .iter()
            .any(|w| code.contains(w))
            .then_some(Os::Windows),
        Command::Bash(code) => {
            let code = code.trim_start();
            let code = code.strip_prefix("sudo ").unwrap_or(code);
            (code.split_whitespace().next() != Some("az")).then_some(Os::Linux)
        }
    }
}

/// A step whose commands only run inside one system's guest is for that system (its own `os`,
/// or its leaf's when it has none), so the wizard dims it for the other system and `show --json`
/// gives its commands that system; a step that gives both systems' ways is for any system.
#[test]
fn steps_with_guest_commands_are_tagged_with_that_system() {
    let t = azure();
    let mut checked = [0, 0];
    for (id, leaf) in t.leaves() {
        for (n, step) in leaf.steps.iter().enumerate() {
            let n = n + 1;
            let guests: Vec<Os> = step.run.iter().filter_map(guest_of).collect();
            let windows = guests.contains(&Os::Windows);
            let linux = guests.contains(&Os::Linux);
            let effective = if step.os.is_empty() {
                &leaf.os
            } else {
                &step.os
            };
            match (windows, linux) {
                (true, true) => assert!(
                    step.os.is_empty() && leaf.os.is_empty(),
                    "{id} step {n} gives both a Windows and a Linux way: it is for any system, \
                     not {:?} (or split it in two)",
                    effective
                ),
                (true, false) | (false, true) => {
                    let os = if windows { Os::Windows } else { Os::Linux };
                    assert_eq!(
                        effective.as_slice(),
                        [os],
                        "{id} step {n}: its commands run only inside a {} VM, so the step \
                         (or its leaf) needs os: [{}]",
                        os.name(),
                        os.name()
                    );
                    checked[windows as usize] += 1;
                }
                (false, false) => {}
            }
        }
    }
    let [linux, windows] = checked;
    assert!(
        windows >= 40 && linux >= 20,
        "the rule checked only {windows} Windows and {linux} Linux steps"
    );
}
