//! The CSV dialects the tool writes. `contract` is the contract's (comma, `.` decimals, no
//! BOM, LF). `excel-nl` is what Excel with Dutch regional settings opens with a double click:
//! `;` separator, decimal comma, a UTF-8 BOM (else "Zoë" is garbled) and CRLF.
//!
//! Every table is built in the contract dialect ([`super::csvout::CsvDoc`]) and converted
//! here as a whole, so one place decides which cells are numbers: a cell is a number when
//! its column is one of [`NUMBER_COLUMNS`] and it reads as a finite number. Ids and names
//! are never touched, even when they look like numbers (an employee id `1.5` stays `1.5`,
//! so that `check` still finds that person).

/// A CSV dialect of the outputs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CsvDialect {
    /// The contract's dialect (the default).
    #[default]
    Contract,
    /// Dutch Excel: `;`, decimal comma, BOM, CRLF.
    ExcelNl,
}

/// The names `--csv-dialect` and `CERTPLAN_CSV_DIALECT` take.
pub const DIALECT_NAMES: [&str; 2] = ["contract", "excel-nl"];

/// The environment variable that sets the default dialect.
pub const DIALECT_ENV: &str = "CERTPLAN_CSV_DIALECT";

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The columns, across every table the tool writes, whose cells are numbers.
pub const NUMBER_COLUMNS: &[&str] = &[
    // plan.csv
    "rank",
    "exam_fee",
    "training_fee",
    "study_hours",
    "cost",
    "points_gained",
    "cumulative_cost",
    // summary.csv
    "objective",
    "total_cost",
    "total_hours",
    "exams",
    "skilling_before",
    "skilling_after",
    "score_before",
    "score_after",
    "solve_seconds",
    "gap",
    // score, score --detail, check
    "skilling",
    "score",
    "people",
    "needed",
    "points",
    "metric_points",
    // designations, frontier
    "hours",
    "points_short_today",
    "budget",
    "qualifying_targets",
    "skilling_points",
];

impl CsvDialect {
    /// The dialect named `name` (one of [`DIALECT_NAMES`]).
    pub fn parse(name: &str) -> Option<CsvDialect> {
        match name.trim().to_ascii_lowercase().as_str() {
            "contract" => Some(CsvDialect::Contract),
            "excel-nl" => Some(CsvDialect::ExcelNl),
            _ => None,
        }
    }

    /// The dialect a flag gives, else `CERTPLAN_CSV_DIALECT`, else the contract's. A bad
    /// environment value is an error naming the variable, not silently the default.
    pub fn chosen(flag: Option<&str>) -> Result<CsvDialect, String> {
        let env = std::env::var(DIALECT_ENV).ok().filter(|v| !v.trim().is_empty());
        match (flag, env) {
            (Some(name), _) => CsvDialect::parse(name).ok_or_else(|| bad(name, "--csv-dialect")),
            (None, Some(name)) => CsvDialect::parse(&name).ok_or_else(|| bad(&name, DIALECT_ENV)),
            (None, None) => Ok(CsvDialect::Contract),
        }
    }

    /// A table written in the contract dialect (header first), in this dialect.
    pub fn render(self, contract: Vec<u8>) -> Vec<u8> {
        if self == CsvDialect::Contract {
            return contract;
        }
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&contract[..]);
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(BOM.to_vec());
        let mut numeric: Vec<bool> = Vec::new();
        for (i, record) in reader.records().enumerate() {
            // The tool's own bytes: every record reads back.
            let Ok(record) = record else { continue };
            if i == 0 {
                numeric = record.iter().map(|h| NUMBER_COLUMNS.contains(&h)).collect();
            }
            let cells: Vec<String> = record
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let number =
                        i > 0 && numeric.get(c) == Some(&true) && cell.parse::<f64>().is_ok_and(f64::is_finite);
                    if number {
                        cell.replace('.', ",")
                    } else {
                        cell.to_string()
                    }
                })
                .collect();
            writer.write_record(&cells).expect("writing to memory cannot fail");
        }
        writer.into_inner().expect("writing to memory cannot fail")
    }
}

fn bad(name: &str, source: &str) -> String {
    format!("{source} `{name}` is not a CSV dialect; expected {}", DIALECT_NAMES.join(" or "))
}

/// The field separator of a CSV file the tool may have written: `;` when its first line
/// (after any BOM) has a `;` outside quotes and no `,` there, else `,`. Reading `check`'s plan
/// goes through it, so every dialect the tool writes reads back.
pub fn separator_of(bytes: &[u8]) -> u8 {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let (mut quoted, mut semicolons, mut commas) = (false, 0, 0);
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b';' if !quoted => semicolons += 1,
            b',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if semicolons > 0 && commas == 0 {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a table of this dialect back into the contract dialect's cells.
    fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
        let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).delimiter(separator_of(bytes)).from_reader(bytes);
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("valid CSV")).collect();
        let numeric: Vec<bool> = records[0].iter().map(|h| NUMBER_COLUMNS.contains(&h)).collect();
        records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.iter()
                    .enumerate()
                    .map(|(c, cell)| if i > 0 && numeric[c] { cell.replace(',', ".") } else { cell.to_string() })
                    .collect()
            })
            .collect()
    }

    const TABLE: &str = "scenario,rank,employee_id,employee_name,cost,scores_after,why\n\
                         q1,1,1.5,Zoë,7611.00,a=70.00;b=12.50,\"x, y\"\n\
                         q1,2,e2,'=SUM(A1),-12.50,,\n";

    #[test]
    fn excel_nl_has_semicolons_decimal_commas_a_bom_and_crlf() {
        let out = CsvDialect::ExcelNl.render(TABLE.as_bytes().to_vec());
        let text = String::from_utf8(out.clone()).expect("UTF-8");
        assert!(out.starts_with(BOM));
        assert_eq!(
            text.trim_start_matches('\u{feff}'),
            "scenario;rank;employee_id;employee_name;cost;scores_after;why\r\n\
             q1;1;1.5;Zoë;7611,00;\"a=70.00;b=12.50\";x, y\r\n\
             q1;2;e2;'=SUM(A1);-12,50;;\r\n"
        );
    }

    #[test]
    fn every_dialect_reads_back_to_the_same_cells() {
        let original = read_back(TABLE.as_bytes());
        for dialect in [CsvDialect::Contract, CsvDialect::ExcelNl] {
            let written = dialect.render(TABLE.as_bytes().to_vec());
            assert_eq!(read_back(&written), original, "{dialect:?}");
        }
        assert_eq!(original[1][2], "1.5", "an id that looks like a number is not a number");
    }

    #[test]
    fn the_separator_is_detected_from_the_header() {
        assert_eq!(separator_of(b"a,b;c\n1,2\n"), b',');
        assert_eq!(separator_of(b"\xEF\xBB\xBFa;b;c\r\n"), b';');
        assert_eq!(separator_of(b"\"a,b\";c\n"), b';');
        assert_eq!(separator_of(b"quarter\n"), b',');
    }

    #[test]
    fn names_parse_and_bad_names_are_explained() {
        assert_eq!(CsvDialect::parse("Excel-NL"), Some(CsvDialect::ExcelNl));
        assert_eq!(CsvDialect::parse("contract"), Some(CsvDialect::Contract));
        assert_eq!(CsvDialect::chosen(Some("excel-nl")), Ok(CsvDialect::ExcelNl));
        let err = CsvDialect::chosen(Some("excel")).unwrap_err();
        assert!(err.contains("--csv-dialect `excel`") && err.contains("contract or excel-nl"), "{err}");
    }
}
