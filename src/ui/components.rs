pub mod data_menu;
pub mod dialog;
pub mod header;
pub mod messages;
pub mod nav;
