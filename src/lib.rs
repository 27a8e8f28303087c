//! triage: walk from a symptom to the exact fix, driven by decision trees written in RON.

pub mod catalog;
pub mod cli;
pub mod i18n;
pub mod paths;
pub mod report;
pub mod text;
pub mod tree;
