//! Telling citizens: the e-mails the outbox sends and the worker that sends them.
//!
//! Notices are written by the store with the change that causes them (see
//! `overblik_model::notify`); here they become e-mails in the citizen's language and are
//! sent over SMTP, each at most once it was accepted, retried with back-off until it is.

pub mod mail;
pub mod worker;

pub use mail::{MailSettings, Mailer};
pub use worker::Worker;
