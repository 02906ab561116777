//! Architecture Invariant: `ui/src/lib/ipc/bindings.ts` is generated from the Rust types and
//! committed. Run `make bindings` (UPDATE_BINDINGS=1) after changing a type that crosses IPC.

#[test]
fn typescript_bindings_are_fresh() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/ipc/bindings.ts");
    let generated = tandem_lib::bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "{} is stale: run `make bindings` and commit the result", path.display());
}
