//! Reads the text of a file the admin chose, refusing one that is too large before reading it.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The chosen file's name and text, handed to `then`; a file over `max_bytes` is refused with the reason. The
/// input is cleared, so choosing the same file again reads it again.
pub fn read_chosen(
    ev: &leptos::ev::Event,
    max_bytes: usize,
    then: impl FnOnce(Result<(String, String), String>) + 'static,
) {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
    let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
    input.set_value("");
    if file.size() > max_bytes as f64 {
        let mib = |b: f64| b / 1048576.0;
        let why = format!(
            "{} is {:.1} MiB; a file here can be at most {:.0} MiB. Nothing was changed.",
            file.name(),
            mib(file.size()),
            mib(max_bytes as f64)
        );
        then(Err(why));
        return;
    }
    leptos::task::spawn_local(async move {
        match JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()) {
            Some(text) => then(Ok((file.name(), text))),
            None => then(Err(format!("{} can't be read as text. Nothing was changed.", file.name()))),
        }
    });
}
