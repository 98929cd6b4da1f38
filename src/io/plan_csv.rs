//! Reading a plan CSV written by `certplan plan` or by hand (for `certplan check`): the
//! columns `quarter, employee_id, action, certification` suffice; others are ignored.

use super::csvfile;
use super::issues::{Code, Issues};
use super::Inputs;
use crate::model::{Action, ActionKind, Plan};
use std::collections::HashMap;
use std::path::Path;

/// Reads a plan against the scenario's inputs; every bad row is reported.
pub fn load(path: &Path, inputs: &Inputs, issues: &mut Issues) -> Plan {
    let Some(file) = csvfile::read(path, &["quarter", "employee_id", "action"], issues) else { return Plan::default() };
    let employees: HashMap<&str, usize> =
        inputs.org.employees.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    let mut actions = Vec::new();
    for row in file.rows() {
        let quarter = row.required("quarter", issues).and_then(|_| row.quarter("quarter", issues));
        let employee = row.required("employee_id", issues).and_then(|id| {
            let e = employees.get(id).copied();
            if e.is_none() {
                row.issue(
                    issues,
                    Code::UnknownEmployee,
                    "employee_id",
                    format!("`{id}` is not an employee of employees.csv"),
                );
            }
            e
        });
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
        let cert = match (kind, row.get("certification")) {
            (Some(ActionKind::Link), _) | (None, _) => None,
            (Some(_), None) => {
                row.issue(
                    issues,
                    Code::MissingValue,
                    "certification",
                    "is empty; exam and renew rows name a certification",
                );
                continue;
            }
            (Some(_), Some(id)) => match inputs.catalog.index_of(id) {
                Some(c) => Some(c),
                None => {
                    row.issue(
                        issues,
                        Code::UnknownCertification,
                        "certification",
                        format!("`{id}` is not a certification of the catalogue"),
                    );
                    continue;
                }
            },
        };
        if let (Some(quarter), Some(employee), Some(kind)) = (quarter, employee, kind) {
            actions.push(Action { quarter, employee, kind, cert });
        }
    }
    Plan { actions }
}
