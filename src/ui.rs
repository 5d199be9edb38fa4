//! The Leptos screens. They render the account and send commands through `Console::dispatch`;
//! no rule lives here.

mod app;
mod components;
pub mod console;
mod download;
mod pages;
mod parts;
mod query;
mod upload;
mod work;

pub use app::App;
pub use console::Console;
