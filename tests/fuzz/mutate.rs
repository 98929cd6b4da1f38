//! The fuzzer's own mutator: byte-level and structure-aware (CSV cells and rows, TOML keys
//! and values) changes of valid files, drawn from a seeded generator so that every input can
//! be made again from its seed. Kept in the tests (stable Rust, no cargo-fuzz) so that CI runs
//! it as an ordinary test.

pub use crate::util::Rng;

/// Bytes that change how CSV and TOML are split: separators, quotes, brackets, line ends,
/// signs, and bytes that are not UTF-8.
const BYTES: &[u8] = b"\",;\t\n\r=[]{}#.-+0 \x00\xff\xfe\xc3'\\";

/// Cell values at the edges of what the loaders accept: empty, signs, huge and tiny numbers,
/// non-numbers, impossible dates and quarters, formulas, quotes, long text.
const CELLS: &[&str] = &[
    "",
    " ",
    "-1",
    "0",
    "1e308",
    "-1e308",
    "NaN",
    "inf",
    "-inf",
    "1e-300",
    "99999999999999999999",
    "0.5",
    "2027-02-30",
    "2027-13-01",
    "+027-01-01",
    "9999-12-31",
    "1999-12-31",
    "2100-12-31",
    "2027-Q5",
    "9999-Q3",
    "2027-Q1",
    "=1+1",
    "'=e03",
    "\"",
    "\"\"",
    "a,b",
    "a;b",
    "true",
    "yes",
    "TRUE",
    "maybe",
    "e01",
    "AZ-104",
    "AZ-104;AZ-900",
    "exam",
    "renew",
    "link",
    "Ω",
    "\u{feff}",
    "🙂",
];

/// TOML values of every type and at the edges, for structure-aware value swaps.
const VALUES: &[&str] = &[
    "[]",
    "\"\"",
    "-1",
    "0",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "{}",
    "[[1]]",
    "\"x\"",
    "true",
    "2027-01-01",
    "\"2027-Q1\"",
    "\"9999-Q3\"",
    "[\"a\", \"a\"]",
    "[1, \"a\"]",
    "\"../../x\"",
    "\"/abs\"",
    "4000000000",
    "0.0001",
    "\"qualify\"",
    "\"max-points\"",
    "\"quarters\"",
    "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]",
    "{ a = 1 }",
];

/// Keys the formats have and typos of them, for key renames.
const KEYS: &[&str] = &[
    "name",
    "budegt",
    "budget",
    "quarters",
    "deadline",
    "start",
    "targets",
    "goal",
    "objective",
    "buffer",
    "pass_rate",
    "people",
    "points",
    "certifications",
    "tracks",
    "track",
    "max_points",
    "qualifying_score",
    "hours_per_quarter",
    "max_exams_per_quarter",
    "sweep",
    "org",
    "catalog",
    "rules",
    "currency",
];

/// One to four stacked mutations of `valid` (or, one time in ten, arbitrary bytes).
pub fn mutate(valid: &[u8], r: &mut Rng) -> Vec<u8> {
    if r.index(10) == 0 {
        let len = r.index(512);
        return (0..len).map(|_| if r.index(2) == 0 { r.pick(BYTES) } else { r.next() as u8 }).collect();
    }
    let mut data = valid.to_vec();
    for _ in 0..1 + r.index(4) {
        data = match r.index(10) {
            0..=3 => bytes(data, r),
            4..=6 => lines(data, r),
            7 | 8 => cell_or_value(data, r),
            _ => key(data, r),
        };
    }
    data
}

/// A byte-level change: flip a bit, set a special byte, insert, delete, duplicate or
/// truncate.
fn bytes(mut data: Vec<u8>, r: &mut Rng) -> Vec<u8> {
    let at = r.index(data.len() + 1);
    match r.index(6) {
        0 if at < data.len() => data[at] ^= 1 << r.index(8),
        1 if at < data.len() => data[at] = r.pick(BYTES),
        2 => data.insert(at, r.pick(BYTES)),
        3 => {
            let end = (at + 1 + r.index(64)).min(data.len());
            data.drain(at.min(end)..end);
        }
        4 => {
            let end = (at + 1 + r.index(256)).min(data.len());
            let copy = data[at.min(end)..end].to_vec();
            let to = r.index(data.len() + 1);
            data.splice(to..to, copy);
        }
        _ => data.truncate(at),
    }
    data
}

fn split_lines(data: &[u8]) -> Vec<Vec<u8>> {
    data.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

/// A row-level change: delete, duplicate (many times), swap or empty a line.
fn lines(data: Vec<u8>, r: &mut Rng) -> Vec<u8> {
    let mut lines = split_lines(&data);
    let i = r.index(lines.len());
    match r.index(4) {
        0 => {
            lines.remove(i);
        }
        1 => {
            let line = lines[i].clone();
            for _ in 0..1 + r.index(3) * r.index(50) {
                lines.insert(i, line.clone());
            }
        }
        2 => {
            let j = r.index(lines.len());
            lines.swap(i, j);
        }
        _ => lines[i].clear(),
    }
    lines.join(&b'\n')
}

/// A CSV cell (between commas) or a TOML value (after `=`) replaced by an edge value.
fn cell_or_value(data: Vec<u8>, r: &mut Rng) -> Vec<u8> {
    let mut lines = split_lines(&data);
    let i = r.index(lines.len());
    let line = String::from_utf8_lossy(&lines[i]).into_owned();
    lines[i] = if let Some((key, _)) = line.split_once(" = ") {
        format!("{key} = {}", r.pick(VALUES)).into_bytes()
    } else {
        let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
        let c = r.index(cells.len());
        match r.index(5) {
            0 => {
                cells.remove(c);
            }
            1 => cells.insert(c, r.pick(CELLS).to_string()),
            _ => cells[c] = r.pick(CELLS).to_string(),
        }
        cells.join(",").into_bytes()
    };
    lines.join(&b'\n')
}

/// A TOML key or table name (or a CSV header cell) renamed to another key or a typo.
fn key(data: Vec<u8>, r: &mut Rng) -> Vec<u8> {
    let mut lines = split_lines(&data);
    let i = r.index(lines.len());
    let line = String::from_utf8_lossy(&lines[i]).into_owned();
    let name = r.pick(KEYS);
    lines[i] = if let Some((_, value)) = line.split_once(" = ") {
        format!("{name} = {value}").into_bytes()
    } else if line.starts_with('[') {
        format!("[{name}]").into_bytes()
    } else {
        let mut cells: Vec<&str> = line.split(',').collect();
        let c = r.index(cells.len());
        cells[c] = name;
        cells.join(",").into_bytes()
    };
    lines.join(&b'\n')
}
