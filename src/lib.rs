//! triage: walk from a symptom to the exact fix, driven by decision trees written in RON.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod fill;
pub mod fsutil;
pub mod history;
pub mod i18n;
pub mod keys;
pub mod line;
pub mod paths;
pub mod plain;
pub mod practice;
pub mod report;
pub mod screen;
pub mod search;
pub mod text;
pub mod theme;
pub mod transcript;
pub mod tree;
pub mod ui;
pub mod view;

/// The allocator of the program and of everything built on this crate (tests, benchmarks).
/// The search index of a big tree is made of millions of small pieces on two threads:
/// mimalloc's heaps of their own per thread build it about 15% faster than glibc's allocator
/// (`cargo bench --bench search -- build`), and a first build in a fresh process a third faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
