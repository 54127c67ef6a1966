//! Workspace tests live in `tests/`: spec examples, conformance over `../shared/fixtures`,
//! and compile-fail cases of bad specs under `ui/`. This library is empty on purpose.
