//! Opens one window whose page calls `painted` once it has painted; the app prints it and quits.

#[tauri::command]
fn painted(app: tauri::AppHandle) {
    println!("painted");
    app.exit(0);
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![painted])
        .run(tauri::generate_context!())
        .expect("the baseline app could not start");
}
