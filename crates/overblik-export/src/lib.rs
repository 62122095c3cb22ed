//! The forms a citizen's data is taken out in, without knowing what the data is:
//!
//! - [`package`]: a ZIP of files written as they come (nothing held back but the list of
//!   names and hashes), ending in a manifest with the SHA-256 of every file;
//! - [`schema`]: a standalone JSON Schema (2020-12) of a type, from the same description the
//!   OpenAPI documents are made of;
//! - [`document`]: an accessible PDF (PDF/UA-1: tagged headings, paragraphs, tables with header
//!   cells, figures with a text, bookmarks, the document's language, embedded fonts) from a list
//!   of blocks.
//!
//! What goes in them, and in which words, is the server's to say.

pub mod document;
pub mod package;
pub mod schema;
