//! Hands a text file to the browser as a download.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The browser reads the blob after this turn; free it a little later.
    let revoke = Closure::once_into_js(move || web_sys::Url::revoke_object_url(&url));
    window().set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

/// Downloads a CSV as Excel reads it: UTF-8 with a byte-order mark, so that "·" and accents show (issue 26).
pub fn download_csv(file_name: &str, csv: &str) -> Result<(), JsValue> {
    download(file_name, "text/csv;charset=utf-8", &format!("\u{FEFF}{csv}"))
}

/// `download_csv`, saying so: "Exported 12 users to users.csv.", or that the browser refused.
pub fn export_csv(console: crate::ui::Console, file_name: &str, count: usize, things: &str, csv: &str) {
    let flash = match download_csv(file_name, csv) {
        Ok(()) => crate::ui::console::Flash::Done(format!("Exported {count} {things} to {file_name}.")),
        Err(_) => crate::ui::console::Flash::Refused("The browser did not allow the download.".into()),
    };
    console.flash.set(Some(flash));
}
