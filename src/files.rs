//! What every output makes and the writer takes: files of the built site, and where they go.

use crate::diagnostics::Diagnostic;

/// One file of the built site: its path below the output folder and its bytes.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go: into memory, or straight into a staging folder on disk.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;
}

/// Keeps every file in memory (for `serve` and for tests).
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Collect {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(file);
        Ok(())
    }
}

impl Collect {
    /// The files, in path order.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|p| p.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}
