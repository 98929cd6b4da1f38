//! Writing the tool's CSV outputs: fixed number formats and spreadsheet-safe cells.

/// Money and points: two decimals (contract §4).
pub fn money(v: f64) -> String {
    format!("{:.2}", clean(v))
}

/// Hours: one decimal (contract §4).
pub fn hours(v: f64) -> String {
    format!("{:.1}", clean(v))
}

/// Avoids printing `-0.00`.
fn clean(v: f64) -> f64 {
    if v.abs() < 5e-10 {
        0.0
    } else {
        v
    }
}

/// The first characters that make a spreadsheet run a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell that a spreadsheet would run as a formula gets a leading `'` (contract §4); a
/// plain number such as `-12.50` does not, but `-inf` or `-NaN` (Rust reads them as numbers,
/// a spreadsheet as text or a formula) do.
pub fn safe(cell: &str) -> String {
    let risky = cell.starts_with(FORMULA_STARTS);
    let number = cell.parse::<f64>().is_ok_and(f64::is_finite);
    if risky && !number {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Builds a CSV document in memory (written atomically afterwards).
pub struct CsvDoc {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvDoc {
    /// A document with this header.
    pub fn new(header: &[&str]) -> CsvDoc {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        writer.write_record(header).expect("writing to memory cannot fail");
        CsvDoc { writer }
    }

    /// Appends a row; every cell is made spreadsheet-safe.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        let cells: Vec<String> = cells.iter().map(|c| safe(c.as_ref())).collect();
        self.writer.write_record(&cells).expect("writing to memory cannot fail");
    }

    /// The finished bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.writer.into_inner().expect("writing to memory cannot fail")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_cells_but_not_numbers() {
        assert_eq!(safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe("@cmd"), "'@cmd");
        assert_eq!(safe("-12.50"), "-12.50");
        assert_eq!(safe("+3"), "+3");
        assert_eq!(safe("-x"), "'-x");
        assert_eq!(safe("AZ-104"), "AZ-104");
        assert_eq!(safe("-inf"), "'-inf", "an employee named -inf");
        assert_eq!(safe("+NaN"), "'+NaN");
    }

    #[test]
    fn formats_numbers_as_the_contract_says() {
        assert_eq!(money(1234.5), "1234.50");
        assert_eq!(money(-0.0000000001), "0.00");
        assert_eq!(hours(12.25), "12.2");
    }
}
