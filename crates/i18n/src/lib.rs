//! Translators' tools, kept out of the collector's binary: every translatable text of a
//! definition, a contact directory or the interface under a stable context ([`entries`]), PO
//! export and import and review status ([`tool`]), the printable review pack
//! ([`review_pack`]), and Uzbek Cyrillic drafted from Latin ([`translit`]). `screening check`
//! uses [`tool::coverage_lines`] to report the review status of a file it checks.

pub mod entries;
pub mod review_pack;
pub mod tool;
pub mod translit;
