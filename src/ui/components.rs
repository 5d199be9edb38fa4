pub mod dialog;
pub mod header;
pub mod messages;
pub mod nav;
