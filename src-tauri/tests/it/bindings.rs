//! Architecture Invariant: `ui/src/lib/ipc/bindings.ts` (types) and `commands.ts` (wrappers) are
//! generated from the Rust types and command signatures, and committed. Run `make bindings`
//! (UPDATE_BINDINGS=1) after changing a command or a type that crosses IPC.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use tandem_lib::bindings;
use tandem_lib::commands::COMMANDS;

use crate::commands::app;

fn assert_fresh(file: &str, generated: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/ipc").join(file);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "{} is stale: run `make bindings` and commit the result", path.display());
}

#[test]
fn typescript_types_are_fresh() {
    assert_fresh("bindings.ts", &bindings::typescript());
}

#[test]
fn command_wrappers_are_fresh() {
    assert_fresh("commands.ts", &bindings::command_wrappers());
}

#[test]
fn every_command_has_a_signature_and_a_permission() {
    let signed: Vec<&str> = bindings::signatures().iter().map(|s| s.command).collect();
    assert_eq!(signed, COMMANDS, "bindings::signatures() and commands/names.rs list the same commands");

    let caps: Value = serde_json::from_str(include_str!("../../capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> =
        caps["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect();
    let needed: BTreeSet<String> = COMMANDS.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    assert_eq!(granted, needed, "capabilities/main.json grants exactly the app's commands");
}

/// Each signature's argument names are the handler's: a wrapper sending them never gets
/// "missing required key" (the values here are deliberately of the wrong type).
#[test]
fn signatures_match_the_registered_handlers() {
    let app = app();
    // Commands that open a file dialog without arguments "pick" a file that is not there.
    app.choose(std::path::Path::new("/nonexistent/contacts.csv"));
    for sig in bindings::signatures() {
        let args: serde_json::Map<String, Value> =
            sig.args.iter().map(|(name, _)| (bindings::camel(name), json!([[]]))).collect();
        let answer = app.invoke(sig.command, Value::Object(args));
        if sig.args.is_empty() {
            // The handler ran: it answered, or refused with one of our coded errors.
            assert!(
                answer.is_ok() || answer.as_ref().is_err_and(|e| e["code"].is_string()),
                "{}: {answer:?}",
                sig.command
            );
            continue;
        }
        let message = answer.expect_err(sig.command).to_string();
        assert!(!message.contains("missing required key"), "{}: {message}", sig.command);
        assert!(message.contains("invalid args"), "{}: {message}", sig.command);
    }
    let unknown = app.invoke("no_such_command", json!({})).unwrap_err().to_string();
    assert!(unknown.contains("not found"), "{unknown}");
}

/// `commands.ts` names each parameter after its Rust argument, so none may be a reserved word of
/// JavaScript (a wrapper `(name, new) => …` does not even parse).
#[test]
fn no_argument_is_a_reserved_word_of_javascript() {
    const RESERVED: &[&str] = &[
        "await",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "implements",
        "import",
        "in",
        "instanceof",
        "interface",
        "let",
        "new",
        "null",
        "package",
        "private",
        "protected",
        "public",
        "return",
        "static",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "yield",
    ];
    for sig in bindings::signatures() {
        for (name, _) in &sig.args {
            assert!(!RESERVED.contains(&bindings::camel(name).as_str()), "{}: argument {name}", sig.command);
        }
    }
}
