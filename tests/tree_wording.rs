//! What a new user test found in the embedded tree's words: commands with example names where
//! placeholders belong (the fill-in form and a paste could not fill them), the vault called two
//! things in Korean, and two fixes with near-identical titles.

use std::collections::BTreeMap;
use triage::fill::{self, Values};
use triage::tree::{self, Lang, Node, Tree};

mod common;
use common::triage;

fn azure() -> Tree {
    tree::embedded()
}

/// Every command of the tree, with the leaf it is in.
fn commands(t: &Tree) -> Vec<(String, String)> {
    t.leaves()
        .flat_map(|(id, leaf)| {
            leaf.commands()
                .map(move |c| (id.to_string(), c.code().to_string()))
        })
        .collect()
}

/// Parameters whose value names an existing resource of the user's (PowerShell's `-Name` and the
/// CLI's `--name` are left out: they also name new things, such as an NSG rule).
const RESOURCE_PARAMETERS: &[&str] = &[
    "-ResourceGroupName",
    "-StorageAccountResourceGroupName",
    "-TargetResourceGroupName",
    "-StorageAccountName",
    "-VMName",
    "-VaultName",
    "-ServiceName",
    "-Service",
    "-FriendlyName",
    "--resource-group",
    "--vault-name",
    "--nsg-name",
    "--nic-name",
    "--container-name",
    "--item-name",
];

#[test]
fn resource_names_in_commands_are_placeholders_or_variables() {
    let mut bad = Vec::new();
    for (id, code) in commands(&azure()) {
        let words: Vec<&str> = code.split_whitespace().collect();
        for pair in words.windows(2) {
            if !RESOURCE_PARAMETERS.contains(&pair[0]) {
                continue;
            }
            let value = pair[1].trim_matches(|c| c == '"' || c == '\'' || c == ')');
            let filled = !fill::placeholders(value).is_empty() || value.starts_with('$');
            if !filled {
                bad.push(format!("{id}: {} {}", pair[0], pair[1]));
            }
        }
    }
    assert!(bad.is_empty(), "example names, not placeholders:\n{bad:#?}");
}

#[test]
fn no_command_holds_an_example_name() {
    let examples = [
        "DestRG",
        "DestAccount",
        "VNetRG",
        "\"VNetName\"",
        "\"KeyVaultName\"",
        "RGNameOfKeyVault",
        "\"ServiceName\"",
        "\"servicename\"",
        "\"VMName\"",
        "V2VM",
        "ExampleResourceGroup",
        "ExampleDeployment",
        "myRG",
        "MyVault",
        "contoso",
        "myVM",
        r"\agentVersion\",
        "manage-bde -off D:",
    ];
    for (id, code) in commands(&azure()) {
        for example in examples {
            assert!(
                !code.to_lowercase().contains(&example.to_lowercase()),
                "{id}: {example} in {code}"
            );
        }
    }
}

/// A step whose commands have placeholders leaves them to the fill-in form (`f`, `--set`, a
/// paste): it does not ask the user to replace names by hand.
#[test]
fn a_step_with_placeholders_does_not_ask_to_replace_names_by_hand() {
    let t = azure();
    for (id, leaf) in t.leaves() {
        for step in &leaf.steps {
            let has_placeholders = step
                .run
                .iter()
                .any(|c| !fill::placeholders(c.code()).is_empty());
            if !has_placeholders {
                continue;
            }
            let en = step.get(Lang::En).to_lowercase();
            let ko = step.get(Lang::Ko);
            assert!(!en.contains("replace"), "{id}: {en}");
            assert!(
                !ko.contains("바꿔 입력") && !ko.contains("바꾸세요") && !ko.contains("바꿉니다"),
                "{id}: {ko}"
            );
        }
    }
}

/// The commands of `leaf` with `values` put in.
fn filled(leaf: &str, values: &Values) -> Vec<String> {
    let t = azure();
    t.leaf(leaf)
        .unwrap()
        .commands()
        .map(|c| values.fill(c.code()))
        .collect()
}

#[test]
fn a_pasted_resource_id_fills_the_restore_fixes() {
    let mut values = Values::default();
    values.learn(
        "/subscriptions/0000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-prod",
    );
    assert!(
        filled("restore-10", &values).contains(
            &r#"Get-AzVirtualNetwork -ResourceGroupName "rg-net" -Name "vnet-prod" | Get-AzVirtualNetworkSubnetConfig | Select-Object Name, AddressPrefix"#
                .to_string()
        ),
        "{:?}",
        filled("restore-10", &values)
    );
    // A storage account's id names the account; its resource group is typed in (`f`).
    values.learn(
        "/subscriptions/0000/resourceGroups/rg-sa/providers/Microsoft.Storage/storageAccounts/sarestore01",
    );
    values.set("StorageAccountResourceGroup", "rg-sa").unwrap();
    for leaf in ["restore-06", "restore-07", "restore-08", "restore-11"] {
        let commands = filled(leaf, &values);
        assert!(
            commands.iter().any(|c| c.contains(r#""sarestore01""#)),
            "{leaf}: {commands:?}"
        );
        assert!(
            commands
                .iter()
                .all(|c| !c.contains("<StorageAccount") && !c.contains("Dest")),
            "{leaf}: {commands:?}"
        );
    }
}

#[test]
fn show_set_fills_the_restore_commands() {
    let out = triage()
        .args([
            "show",
            "restore-07",
            "--set",
            "StorageAccount=sarestore01",
            "--set",
            "StorageAccountResourceGroup=rg-sa",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            r#"(Get-AzStorageAccount -ResourceGroupName "rg-sa" -Name "sarestore01").Sku.Name"#
        ),
        "{text}"
    );
}

/// The Korean tree calls the Recovery Services vault 자격 증명 모음; "백업 저장소" is left to
/// the portal's own messages (quoted from the seed) and to search keywords.
#[test]
fn the_korean_tree_calls_the_vault_one_thing() {
    let t = azure();
    let mut texts: Vec<(String, String)> = Vec::new();
    for (id, node) in &t.nodes {
        match node {
            Node::Question(q) => {
                texts.push((id.clone(), q.text.ko.clone()));
                texts.extend(q.why.iter().map(|w| (id.clone(), w.ko.clone())));
                texts.extend(q.answers.iter().map(|a| (id.clone(), a.label.ko.clone())));
            }
            Node::Leaf(l) => {
                texts.push((id.clone(), l.title.ko.clone()));
                texts.push((id.clone(), l.cause.ko.clone()));
                texts.extend(l.steps.iter().map(|s| (id.clone(), s.ko.clone())));
                texts.extend(l.links.iter().map(|k| (id.clone(), k.title.ko.clone())));
            }
        }
    }
    for (id, text) in texts {
        assert!(!text.contains("백업 저장소"), "{id}: {text}");
    }
    let title = t.leaf("restore-06").unwrap().title.ko.clone();
    assert!(title.contains("자격 증명 모음"), "{title}");
}

/// Search lists titles side by side: two fixes must not read as one (case, "cannot" for "can't"
/// and punctuation aside).
#[test]
fn no_two_fixes_have_near_identical_titles() {
    let t = azure();
    for lang in Lang::ALL {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (id, leaf) in t.leaves() {
            let key: String = leaf
                .title
                .get(lang)
                .to_lowercase()
                .replace("cannot", "can't")
                .replace("can not", "can't")
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            if let Some(other) = seen.insert(key, id) {
                panic!("{other} and {id} have the same {lang:?} title");
            }
        }
    }
}

#[test]
fn the_com_plus_fixes_name_their_message() {
    let t = azure();
    let title = |id: &str, lang| t.leaf(id).unwrap().title.get(lang).to_string();
    assert!(title("backup-23", Lang::En).starts_with("Snapshot extension"));
    assert!(title("backup-23", Lang::Ko).starts_with("스냅숏 확장"));
    assert!(title("backup-14", Lang::En).starts_with("Extension install"));
    assert!(title("backup-14", Lang::Ko).starts_with("확장 설치"));
}
