//! A certification plan: the actions an advisor hands to the client.

use super::catalog::CertIdx;
use super::date::Quarter;
use super::org::EmpIdx;

/// What one plan row does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionKind {
    /// Link the person's Microsoft Learn profile to the partner (free).
    Link,
    /// Sit the exam (and take its training).
    Exam,
    /// Take the free online renewal assessment.
    Renew,
}

impl ActionKind {
    /// The word used in `plan.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Link => "link",
            ActionKind::Exam => "exam",
            ActionKind::Renew => "renew",
        }
    }
}

/// One planned action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Action {
    /// When.
    pub quarter: Quarter,
    /// Who.
    pub employee: EmpIdx,
    /// What.
    pub kind: ActionKind,
    /// Which certification (`None` for links).
    pub cert: Option<CertIdx>,
}

/// A set of actions (order is irrelevant to its meaning; ranking happens on output).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// The actions.
    pub actions: Vec<Action>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_kinds_are_written_as_in_plan_csv() {
        let words: Vec<&str> = [ActionKind::Link, ActionKind::Exam, ActionKind::Renew].map(ActionKind::as_str).to_vec();
        assert_eq!(words, ["link", "exam", "renew"]);
    }
}
