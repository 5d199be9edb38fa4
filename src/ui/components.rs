pub mod data_menu;
pub mod dialog;
pub mod fields;
pub mod guard;
pub mod header;
pub mod list;
pub mod messages;
pub mod nav;
