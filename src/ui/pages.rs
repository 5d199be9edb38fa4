pub mod classic_users;
pub mod contract_detail;
pub mod contracts;
pub mod home;
pub mod hubs;
pub mod not_built;
pub mod not_found;
pub mod outbox;
