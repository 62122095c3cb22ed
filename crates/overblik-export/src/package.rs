//! A ZIP package written as a stream: each file goes out as it is written, so a package of
//! any size needs no more memory than one file's compressor, and ends with `manifest.json`,
//! which lists every file with its size and SHA-256.

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::{self, Write};
use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, ZipWriter};

/// The manifest's name in every package.
pub const MANIFEST: &str = "manifest.json";

/// Why a package could not be written: the writer it goes to failed (the reader went away,
/// say), or a value did not serialize.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("writing the package: {0}")]
    Io(#[from] io::Error),
    #[error("writing the package: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("serializing a file of the package: {0}")]
    Json(#[from] serde_json::Error),
}

/// One file of a package as its manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ManifestFile {
    /// The file's path inside the package.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
    /// The path of the JSON Schema it follows, for a JSON file that has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

/// A package being written to `W`.
pub struct Package<W: Write> {
    zip: ZipWriter<StreamWriter<W>>,
    files: Vec<ManifestFile>,
    options: SimpleFileOptions,
}

impl<W: Write> std::fmt::Debug for Package<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Package")
            .field("files", &self.files.len())
            .finish_non_exhaustive()
    }
}

impl<W: Write> Package<W> {
    /// A package to `out` whose files are dated `made_at` (local time, as ZIP dates are).
    pub fn new(out: W, made_at: chrono::NaiveDateTime) -> Self {
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        Self {
            zip: ZipWriter::new_stream(out),
            files: Vec::new(),
            // A date ZIP cannot hold (before 1980) leaves the files undated.
            options: match zip::DateTime::try_from(made_at) {
                Ok(date) => options.last_modified_time(date),
                Err(_) => options,
            },
        }
    }

    /// Adds the file `path` with what `write` writes, and returns its manifest line.
    pub fn file(
        &mut self,
        path: &str,
        schema: Option<&str>,
        write: impl FnOnce(&mut dyn Write) -> Result<(), PackageError>,
    ) -> Result<(), PackageError> {
        self.zip.start_file(path, self.options)?;
        let mut counted = Counted {
            inner: &mut self.zip,
            hash: Sha256::new(),
            bytes: 0,
        };
        write(&mut counted)?;
        let (hash, bytes) = (counted.hash.finalize(), counted.bytes);
        self.files.push(ManifestFile {
            path: path.to_owned(),
            bytes,
            sha256: hex::encode(hash),
            schema: schema.map(str::to_owned),
        });
        Ok(())
    }

    /// Adds `value` as the JSON file `path`, following the schema at `schema`.
    pub fn json<T: Serialize + ?Sized>(
        &mut self,
        path: &str,
        schema: Option<&str>,
        value: &T,
    ) -> Result<(), PackageError> {
        self.file(path, schema, |out| {
            let mut buffered = io::BufWriter::with_capacity(64 * 1024, out);
            serde_json::to_writer_pretty(&mut buffered, value)?;
            buffered.flush()?;
            Ok(())
        })
    }

    /// Adds `bytes` as the file `path`.
    pub fn bytes(&mut self, path: &str, bytes: &[u8]) -> Result<(), PackageError> {
        self.file(path, None, |out| Ok(out.write_all(bytes)?))
    }

    /// The files written so far, in order.
    pub fn files(&self) -> &[ManifestFile] {
        &self.files
    }

    /// Writes the manifest, `head` with the list of files under `files`, and ends the package.
    pub fn finish(
        mut self,
        head: serde_json::Map<String, serde_json::Value>,
    ) -> Result<W, PackageError> {
        let mut manifest = head;
        manifest.insert("files".to_owned(), serde_json::to_value(&self.files)?);
        self.zip.start_file(MANIFEST, self.options)?;
        serde_json::to_writer_pretty(&mut self.zip, &manifest)?;
        Ok(self.zip.finish()?.into_inner())
    }
}

/// A writer that hashes and counts what passes through it.
struct Counted<'a, W: Write> {
    inner: &'a mut W,
    hash: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Counted<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hash.update(&buf[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_is_in_the_manifest_with_its_hash() {
        let made_at = chrono::NaiveDate::from_ymd_opt(2026, 12, 5)
            .and_then(|day| day.and_hms_opt(10, 30, 0))
            .expect("a time");
        let mut package = Package::new(Vec::new(), made_at);
        package
            .json(
                "a.json",
                Some("schemas/a.schema.json"),
                &serde_json::json!({"x": 1}),
            )
            .expect("written");
        package.bytes("b.txt", b"hello").expect("written");
        let files = package.files().to_vec();
        assert_eq!(files[1].bytes, 5);
        assert_eq!(
            files[1].sha256,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert_eq!(files[0].schema.as_deref(), Some("schemas/a.schema.json"));
        let zipped = package.finish(serde_json::Map::new()).expect("finished");
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(zipped)).expect("a readable ZIP");
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("b.txt").expect("b.txt"), &mut text)
            .expect("read");
        assert_eq!(text, "hello");
        let manifest: serde_json::Value =
            serde_json::from_reader(archive.by_name(MANIFEST).expect("the manifest"))
                .expect("JSON");
        assert_eq!(manifest["files"][1]["sha256"], files[1].sha256);
        let dated = archive.by_name("b.txt").expect("b.txt").last_modified();
        assert_eq!(
            dated.map(|date| (date.year(), date.hour())),
            Some((2026, 10))
        );
    }
}
