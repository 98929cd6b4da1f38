//! Who the export's rows are about, and how they meet the partner's own HR data.
//!
//! A person is keyed by `MCPID` (the Microsoft Certification ID, one per person), else the
//! work e-mail, else the profile e-mail, else `AADUserId`; rows without an MCPID join the
//! person whose MCPID rows share one of their identifiers. HR data (`--employees` or the
//! organisation's `employees.csv`) keeps every value a user typed: a person is matched by
//! `id` = their key, else by the HR file's optional `email` column, else by a unique full
//! name; a match that is not unique is reported and nothing is merged.

use super::export::Record;
use crate::model::Employee;
use std::collections::HashMap;

/// A person of the export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// The key: MCPID, else work e-mail, else e-mail, else AADUserId.
    pub id: String,
    /// Every e-mail the rows give (lower case, first seen first).
    pub emails: Vec<String>,
    /// First and last name, when the rows give them.
    pub full_name: Option<String>,
    /// The name written for a new employee: the full name, else the e-mail's local part,
    /// else the key.
    pub name: String,
}

/// The people of `records` (in order of first appearance) and each record's person.
pub fn identify(records: &[&Record]) -> (Vec<Person>, Vec<usize>) {
    // Identifiers of rows with an MCPID lead to it; one that leads to two MCPIDs leads to none.
    let mut to_mcpid: HashMap<&str, Option<&str>> = HashMap::new();
    // Among rows without one: an e-mail or AAD id seen beside a stronger key leads to it.
    let mut to_key: HashMap<&str, &str> = HashMap::new();
    for r in records {
        let p = &r.person;
        let others = [p.corp_email.as_deref(), p.email.as_deref(), p.aad.as_deref()];
        match p.mcpid.as_deref() {
            Some(mcpid) => {
                for id in others.into_iter().flatten() {
                    to_mcpid.entry(id).and_modify(|m| *m = m.filter(|m| *m == mcpid)).or_insert(Some(mcpid));
                }
            }
            None => {
                let mut present = others.into_iter().flatten();
                if let Some(key) = present.next() {
                    for id in present {
                        to_key.entry(id).or_insert(key);
                    }
                }
            }
        }
    }
    let mut people: Vec<Person> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut of_record = Vec::with_capacity(records.len());
    for r in records {
        let p = &r.person;
        let others = [p.corp_email.as_deref(), p.email.as_deref(), p.aad.as_deref()];
        let key = p
            .mcpid
            .as_deref()
            .or_else(|| others.iter().flatten().find_map(|id| to_mcpid.get(id).copied().flatten()))
            .or_else(|| others.iter().flatten().find_map(|id| to_key.get(id).copied()))
            .or_else(|| others.into_iter().flatten().next())
            .unwrap_or_default();
        let at = *index.entry(key.to_string()).or_insert_with(|| {
            people.push(Person { id: key.to_string(), emails: Vec::new(), full_name: None, name: String::new() });
            people.len() - 1
        });
        let person = &mut people[at];
        for email in [&p.corp_email, &p.email].into_iter().flatten() {
            if !person.emails.contains(email) {
                person.emails.push(email.clone());
            }
        }
        if person.full_name.is_none() {
            let name = [&p.first, &p.last].into_iter().flatten().map(String::as_str).collect::<Vec<_>>().join(" ");
            person.full_name = (!name.is_empty()).then_some(name);
        }
        of_record.push(at);
    }
    for person in &mut people {
        person.name = person.full_name.clone().unwrap_or_else(|| {
            person.emails.first().and_then(|e| e.split('@').next()).unwrap_or(&person.id).to_string()
        });
    }
    (people, of_record)
}

/// How export people met the HR data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    /// For each export person, the HR employee they are (by position), if any.
    pub employee: Vec<Option<usize>>,
    /// People matched by id, by e-mail, by name.
    pub by_id: usize,
    /// …
    pub by_email: usize,
    /// …
    pub by_name: usize,
    /// Export people whose match was not unique: their key and what made it so.
    pub ambiguous: Vec<(String, String)>,
}

/// A name as compared: case and spacing ignored.
fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Matches export `people` with HR `employees` (`emails`: each employee's `email` cell, lower
/// case). Rounds by id, then e-mail, then full name; each round considers HR employees not
/// taken yet, and an HR employee two people point at in one round is given to neither.
pub fn match_hr(people: &[Person], employees: &[Employee], emails: &[Option<String>]) -> Matches {
    let mut m = Matches { employee: vec![None; people.len()], ..Matches::default() };
    let mut taken = vec![false; employees.len()];
    let mut settled = vec![false; people.len()];
    let by_id: HashMap<&str, usize> = employees.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    let mut names: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_email: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in employees.iter().enumerate() {
        names.entry(name_key(&e.name)).or_default().push(i);
        if let Some(email) = &emails[i] {
            by_email.entry(email.as_str()).or_default().push(i);
        }
    }
    for round in 0..3 {
        let mut claims: HashMap<usize, Vec<usize>> = HashMap::new();
        for (p, person) in people.iter().enumerate() {
            if settled[p] {
                continue;
            }
            let found: Vec<usize> = match round {
                0 => by_id.get(person.id.as_str()).copied().into_iter().collect(),
                1 => {
                    let mut found: Vec<usize> =
                        person.emails.iter().filter_map(|e| by_email.get(e.as_str())).flatten().copied().collect();
                    found.sort_unstable();
                    found.dedup();
                    found
                }
                _ => person.full_name.as_ref().and_then(|n| names.get(&name_key(n))).cloned().unwrap_or_default(),
            };
            let free: Vec<usize> = found.into_iter().filter(|&i| !taken[i]).collect();
            match free[..] {
                [] => {}
                [one] => claims.entry(one).or_default().push(p),
                _ => {
                    settled[p] = true;
                    let what = ["id", "e-mail", "name"][round];
                    let ids: Vec<&str> = free.iter().map(|&i| employees[i].id.as_str()).collect();
                    m.ambiguous.push((person.id.clone(), format!("its {what} matches {}", ids.join(", "))));
                }
            }
        }
        let mut claims: Vec<(usize, Vec<usize>)> = claims.into_iter().collect();
        claims.sort();
        for (employee, claimants) in claims {
            if let [p] = claimants[..] {
                m.employee[p] = Some(employee);
                taken[employee] = true;
                settled[p] = true;
                *[&mut m.by_id, &mut m.by_email, &mut m.by_name][round] += 1;
            } else {
                let what = ["id", "e-mail", "name"][round];
                for &p in &claimants {
                    settled[p] = true;
                    let others: Vec<&str> =
                        claimants.iter().filter(|&&o| o != p).map(|&o| people[o].id.as_str()).collect();
                    m.ambiguous.push((
                        people[p].id.clone(),
                        format!("its {what} matches {}, as does {}", employees[employee].id, others.join(", ")),
                    ));
                }
            }
        }
    }
    m.ambiguous.sort();
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::export::PersonCells;

    fn record(mcpid: Option<&str>, corp: Option<&str>, email: Option<&str>, first: Option<&str>) -> Record {
        Record {
            file: 0,
            line: 2,
            person: PersonCells {
                mcpid: mcpid.map(str::to_string),
                corp_email: corp.map(str::to_string),
                email: email.map(str::to_string),
                aad: None,
                first: first.map(str::to_string),
                last: first.map(|_| "Bakker".to_string()),
            },
            title: "x".into(),
            kind: None,
            completed: None,
            expires: None,
            status: None,
            date_problems: Vec::new(),
        }
    }

    #[test]
    fn keys_people_by_mcpid_then_email_and_joins_rows_without_one() {
        let records = [
            record(Some("100"), Some("s@polder.nl"), Some("s@outlook.com"), Some("Sanne")),
            record(None, None, Some("s@outlook.com"), None),
            record(None, Some("k@polder.nl"), Some("k@outlook.com"), None),
            record(None, None, Some("k@outlook.com"), None),
            record(None, None, Some("lone@outlook.com"), None),
        ];
        let (people, of) = identify(&records.iter().collect::<Vec<_>>());
        assert_eq!(of, [0, 0, 1, 1, 2]);
        let ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["100", "k@polder.nl", "lone@outlook.com"]);
        assert_eq!(people[0].name, "Sanne Bakker");
        assert_eq!(people[1].name, "k", "the e-mail's local part");
        assert_eq!(people[0].emails, ["s@polder.nl", "s@outlook.com"]);
    }

    fn person(id: &str, email: &str, name: Option<&str>) -> Person {
        Person {
            id: id.into(),
            emails: vec![email.into()],
            full_name: name.map(str::to_string),
            name: name.unwrap_or(id).into(),
        }
    }

    fn employee(id: &str, name: &str) -> Employee {
        Employee { name: name.into(), ..Employee::new(id) }
    }

    #[test]
    fn matches_hr_by_id_email_and_unique_name_and_reports_ties() {
        let employees = [
            employee("100", "Sanne"),
            employee("e2", "Kees Jong"),
            employee("e3", "Anna Vos"),
            employee("e4", "Anna Vos"),
        ];
        let emails = [None, Some("k@polder.nl".to_string()), None, None];
        let people = [
            person("100", "s@x.nl", Some("Someone Else")),
            person("200", "k@polder.nl", None),
            person("300", "a@x.nl", Some("anna  VOS")),
            person("400", "b@x.nl", Some("Kees Jong")),
        ];
        let m = match_hr(&people, &employees, &emails);
        assert_eq!(m.employee, [Some(0), Some(1), None, None]);
        assert_eq!((m.by_id, m.by_email, m.by_name), (1, 1, 0));
        assert_eq!(m.ambiguous, [("300".to_string(), "its name matches e3, e4".to_string())]);

        let twins = [person("500", "c@x.nl", Some("Kees Jong")), person("600", "d@x.nl", Some("Kees Jong"))];
        let m = match_hr(&twins, &employees, &emails);
        assert_eq!(m.employee, [None, None]);
        assert_eq!(m.ambiguous[0], ("500".to_string(), "its name matches e2, as does 600".to_string()));
    }
}
