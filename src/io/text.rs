//! Reading an input file as UTF-8 text, with advice when it is not: spreadsheet programs
//! and Windows editors often save UTF-16 ("Unicode text") or Latin-1/Windows-1252, and a
//! training advisor needs to be told which button turns that into UTF-8.

use super::issues::{Code, Issues, Location};
use std::path::Path;

/// How to save a file as UTF-8 in the programs advisors use.
const SAVE_AS_UTF8: &str = "save it as UTF-8 (Excel: File > Save As > \"CSV UTF-8 (Comma delimited)\"; \
     Notepad or VS Code: Save As / Save with Encoding > \"UTF-8\")";

/// Reads the file at `path` (at most `max_bytes`), checks its encoding and returns its text
/// without a UTF-8 byte order mark. A bundled path (`<bundled>/…`) reads the copy compiled
/// into the binary. Every reason it cannot be used is recorded as E001 (or
/// E024 for a file beyond the size limit) and gives `None`.
pub fn read_utf8(path: &Path, max_bytes: u64, issues: &mut Issues) -> Option<String> {
    if super::bundled::is_bundled(path) {
        return match super::bundled::text(path) {
            Some(text) => Some(text.to_string()),
            None => {
                issues.push(
                    Code::Unreadable,
                    path,
                    Location::File,
                    "cannot read the file: the binary bundles no such file",
                );
                None
            }
        };
    }
    let too_large = |len: u64| {
        format!("is {len} bytes, more than the limit of {max_bytes} bytes; split it or remove what is not needed")
    };
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_file() && meta.len() > max_bytes {
            issues.push(Code::TooLarge, path, Location::File, too_large(meta.len()));
            return None;
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            issues.push(Code::Unreadable, path, Location::File, format!("cannot read the file: {e}"));
            return None;
        }
    };
    // The file may have grown between the size check and the read.
    if bytes.len() as u64 > max_bytes {
        issues.push(Code::TooLarge, path, Location::File, too_large(bytes.len() as u64));
        return None;
    }
    match decode(&bytes) {
        Ok(text) => Some(text.to_string()),
        Err(message) => {
            issues.push(Code::Unreadable, path, Location::File, message);
            None
        }
    }
}

/// The text of `bytes` without a UTF-8 byte order mark, or what is wrong with its encoding
/// and how to fix it.
pub fn decode(bytes: &[u8]) -> Result<&str, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let order = if bytes[0] == 0xFF { "FF FE" } else { "FE FF" };
        return Err(format!("is UTF-16 text (byte order mark {order}), not UTF-8; {SAVE_AS_UTF8}"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) if text.contains('\0') => {
            let (line, byte) = line_and_byte(bytes, text.find('\0').unwrap_or(0));
            Err(format!(
                "holds a NUL byte (line {line}, byte {byte}): it looks like UTF-16 text without a byte order mark \
                 or a binary file, not UTF-8 text; {SAVE_AS_UTF8}"
            ))
        }
        Ok(text) => Ok(text),
        Err(e) => Err(not_utf8(bytes, e.valid_up_to())),
    }
}

/// The message for a file that is not valid UTF-8 from byte `at` on: where (line and byte of
/// that line, both 1-based), the byte, what it would be in Latin-1/Windows-1252, and how many
/// lines are affected in all.
fn not_utf8(bytes: &[u8], at: usize) -> String {
    let (line, byte) = line_and_byte(bytes, at);
    let bad = bytes[at];
    let lines = bytes.split(|&b| b == b'\n').filter(|l| std::str::from_utf8(l).is_err()).count();
    let more = if lines > 1 { format!(" (and {} more line(s))", lines - 1) } else { String::new() };
    let latin1 = if bad >= 0xA0 { format!(", which is `{}` in Latin-1", char::from(bad)) } else { String::new() };
    format!(
        "is not valid UTF-8: line {line}, byte {byte} is 0x{bad:02X}{latin1}{more}; the file looks like Latin-1 or \
         Windows-1252 text; {SAVE_AS_UTF8}"
    )
}

/// The 1-based line of byte offset `at` and the 1-based byte within that line.
fn line_and_byte(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    (line, at - start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_with_and_without_bom() {
        assert_eq!(decode("id,name\ne1,Zoë\n".as_bytes()), Ok("id,name\ne1,Zoë\n"));
        assert_eq!(decode(b"\xEF\xBB\xBFid\n"), Ok("id\n"));
    }

    #[test]
    fn names_utf16_and_how_to_fix_it() {
        let err = decode(&[0xFF, 0xFE, b'i', 0, b'd', 0]).unwrap_err();
        assert!(err.contains("UTF-16") && err.contains("FF FE") && err.contains("CSV UTF-8"), "{err}");
        let err = decode(&[0xFE, 0xFF, 0, b'i']).unwrap_err();
        assert!(err.contains("FE FF"), "{err}");
        let err = decode(&[b'i', 0, b'd', 0]).unwrap_err();
        assert!(err.contains("NUL byte (line 1, byte 2)"), "{err}");
    }

    #[test]
    fn locates_latin1_bytes() {
        let err = decode(b"id,name\ne1,Zo\xEB\ne2,Bob\ne3,Ren\xE9\n").unwrap_err();
        assert!(err.contains("line 2, byte 6 is 0xEB, which is `ë` in Latin-1 (and 1 more line(s))"), "{err}");
    }
}
