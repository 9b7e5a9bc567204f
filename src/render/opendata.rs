//! (stub: filled in by the issue 4 work)

use super::pages::Ctx;
use super::{OutputFile, Selection};

/// Files this module adds to the site for a selection of pages.
pub fn files(_ctx: &Ctx, _selection: &Selection) -> Vec<OutputFile> {
    Vec::new()
}
