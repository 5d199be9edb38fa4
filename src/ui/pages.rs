pub mod classic_users;
pub mod home;
pub mod not_built;
pub mod not_found;
