//! Certifications as bits: the certifications that can matter to the targets (and their
//! prerequisites) numbered as bits of a `u128`, so that a set of them is one word and the
//! groups it makes a person count in are a few bit operations — which is what the
//! enumeration of thousands of sets per person spends its time on.

use crate::model::{Catalog, CertIdx};

/// A set of step groups, one bit each (at most 128 distinct groups).
pub type Mask = u128;

/// A set of relevant certifications, one bit each as a [`Cover`] numbers them.
pub type CertSet = u128;

/// The certifications that can matter, numbered as bits, with what each counting one needs.
#[derive(Clone, Debug)]
pub struct Cover {
    /// The certifications, sorted: bit `i` is `certs[i]`.
    pub(crate) certs: Vec<CertIdx>,
    /// What each certification that counts in some group needs to count.
    rules: Vec<CountRule>,
}

/// When holding a set makes one certification count, and where.
#[derive(Clone, Copy, Debug)]
struct CountRule {
    /// The certification's own bit.
    own: CertSet,
    /// Its `requires_all` prerequisites: every one must be held.
    all: CertSet,
    /// Its `requires_any` prerequisites: one must be held (none when empty).
    any: CertSet,
    /// The groups it counts in.
    groups: Mask,
}

impl CountRule {
    fn counts(&self, held: CertSet) -> bool {
        held & self.own != 0 && held & self.all == self.all && (self.any == 0 || held & self.any != 0)
    }
}

impl Cover {
    /// The cover of `coverers` (with `cert_groups`, each certification's groups); `None`
    /// when more than 128 certifications matter.
    pub fn new(catalog: &Catalog, coverers: &[CertIdx], cert_groups: &[Mask]) -> Option<Cover> {
        let mut certs: Vec<CertIdx> = coverers.to_vec();
        for &c in coverers {
            certs.extend(catalog[c].requires_any.iter().chain(&catalog[c].requires_all));
        }
        certs.sort_unstable();
        certs.dedup();
        if certs.len() > 128 {
            return None;
        }
        let bits = |list: &[CertIdx]| list.iter().fold(0, |m, c| m | 1 << certs.binary_search(c).unwrap_or(0));
        let rules = coverers
            .iter()
            .map(|&c| {
                let cert = &catalog[c];
                CountRule {
                    own: bits(&[c]),
                    all: bits(&cert.requires_all),
                    any: bits(&cert.requires_any),
                    groups: cert_groups[c],
                }
            })
            .collect();
        Some(Cover { certs, rules })
    }

    /// The bits of a list of certifications (those that do not matter are left out).
    pub(crate) fn bits(&self, list: &[CertIdx]) -> CertSet {
        list.iter().filter_map(|c| self.certs.binary_search(c).ok()).fold(0, |m, i| m | 1 << i)
    }

    /// The bits of the relevant certifications among `active` (indexed by catalogue).
    pub(crate) fn active(&self, active: &[bool]) -> CertSet {
        self.certs.iter().enumerate().filter(|&(_, &c)| active[c]).fold(0, |m, (i, _)| m | 1 << i)
    }

    /// The certifications of a set, in index order.
    pub(crate) fn certs_of(&self, set: CertSet) -> impl Iterator<Item = CertIdx> + '_ {
        (0..self.certs.len()).filter(move |&i| set >> i & 1 == 1).map(|i| self.certs[i])
    }

    /// Every step group some certification of `set` could count in, prerequisites aside: a
    /// superset of what holding `set` (with anything else) adds.
    pub(crate) fn reach(&self, set: CertSet) -> Mask {
        self.rules.iter().filter(|r| set & r.own != 0).fold(0, |m, r| m | r.groups)
    }

    /// Step groups counted by someone holding `held`.
    pub(crate) fn coverage(&self, held: CertSet) -> Mask {
        self.rules.iter().filter(|r| r.counts(held)).fold(0, |m, r| m | r.groups)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Certification;
    use crate::solver::testkit::cert;

    /// Catalogue indexes 0..5; 2 requires all of {0}, 3 requires any of {0, 1}; 4 matters to
    /// nothing.
    fn catalog() -> Catalog {
        let mut certs: Vec<Certification> = (0..5).map(|i| cert(&format!("C{i}"), 100.0, 10.0)).collect();
        certs[2].requires_all = vec![0];
        certs[3].requires_any = vec![0, 1];
        Catalog::new(certs)
    }

    /// Coverers 2 (group 0), 3 (groups 1 and 2) and 1 (group 2).
    fn cover() -> Cover {
        let groups = [0, 0b100, 0b001, 0b110, 0];
        Cover::new(&catalog(), &[1, 2, 3], &groups).expect("four certifications fit")
    }

    #[test]
    fn numbers_coverers_and_prerequisites_in_catalogue_order() {
        let cover = cover();
        assert_eq!(cover.certs, vec![0, 1, 2, 3]);
        assert_eq!(cover.bits(&[3, 0, 4]), 0b1001, "4 does not matter and has no bit");
        assert_eq!(cover.certs_of(0b1010).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(cover.active(&[true, false, false, true, true]), 0b1001);
    }

    #[test]
    fn counts_only_with_prerequisites() {
        let cover = cover();
        assert_eq!(cover.coverage(cover.bits(&[2])), 0, "2 needs 0");
        assert_eq!(cover.coverage(cover.bits(&[0, 2])), 0b001);
        assert_eq!(cover.coverage(cover.bits(&[3])), 0, "3 needs 0 or 1");
        assert_eq!(cover.coverage(cover.bits(&[1, 3])), 0b110, "1 counts in group 2 itself and unlocks 3");
        assert_eq!(cover.coverage(cover.bits(&[0, 1, 2, 3])), 0b111);
    }

    #[test]
    fn reach_ignores_prerequisites() {
        let cover = cover();
        assert_eq!(cover.reach(cover.bits(&[2])), 0b001);
        assert_eq!(cover.reach(cover.bits(&[3])), 0b110);
        assert_eq!(cover.reach(cover.bits(&[0])), 0, "0 is only a prerequisite");
    }

    #[test]
    fn more_than_128_certifications_do_not_fit() {
        let certs: Vec<Certification> = (0..130).map(|i| cert(&format!("C{i}"), 100.0, 10.0)).collect();
        let catalog = Catalog::new(certs);
        let coverers: Vec<CertIdx> = (0..130).collect();
        assert!(Cover::new(&catalog, &coverers, &[1; 130]).is_none());
        assert!(Cover::new(&catalog, &coverers[..128], &[1; 130]).is_some());
    }
}
