//! Reading a plan CSV written by `certplan plan` or by hand (for `certplan check`): the
//! columns `quarter, employee_id, action, certification` suffice; others are ignored. The
//! file may be in any CSV dialect the tool writes (`--csv-dialect`): its separator is
//! detected from the header ([`super::dialect::separator_of`]).

use super::csvfile;
use super::issues::{Code, Issues};
use super::org::EmployeeIds;
use super::Inputs;
use crate::model::{Action, ActionKind, Plan};
use std::path::Path;

/// Reads a plan against the scenario's inputs; every bad row is reported.
pub fn load(path: &Path, inputs: &Inputs, issues: &mut Issues) -> Plan {
    let required = ["quarter", "employee_id", "action"];
    let Some(file) = csvfile::read_separated(path, &required, super::dialect::separator_of, issues) else {
        return Plan::default();
    };
    let employees = EmployeeIds::new(&inputs.org.employees);
    let mut actions = Vec::new();
    for row in file.rows() {
        let quarter = row.required("quarter", issues).and_then(|_| row.quarter("quarter", issues));
        let employee = employees.find(&row, issues);
        let kind = row.required("action", issues).and_then(|a| match a.to_ascii_lowercase().as_str() {
            "exam" => Some(ActionKind::Exam),
            "renew" => Some(ActionKind::Renew),
            "link" => Some(ActionKind::Link),
            other => {
                row.issue(
                    issues,
                    Code::BadChoice,
                    "action",
                    format!("`{other}` is not an action; expected exam, renew or link"),
                );
                None
            }
        });
        let cert = match kind {
            Some(ActionKind::Link) | None => None,
            Some(_) if row.get("certification").is_none() => {
                row.issue(
                    issues,
                    Code::MissingValue,
                    "certification",
                    "is empty; exam and renew rows name a certification",
                );
                continue;
            }
            Some(_) => {
                let find = |id: &str| inputs.catalog.index_of(id);
                match row.reference(
                    "certification",
                    Code::UnknownCertification,
                    "a certification of the catalogue",
                    find,
                    issues,
                ) {
                    Some(c) => Some(c),
                    None => continue,
                }
            }
        };
        if let (Some(quarter), Some(employee), Some(kind)) = (quarter, employee, kind) {
            actions.push(Action { quarter, employee, kind, cert });
        }
    }
    Plan { actions }
}
