//! Certifications as bits: the certifications that can matter to the targets (and their
//! prerequisites) numbered as bits of a `u128`, so that a set of them is one word and the
//! groups it makes a person count in are a few bit operations — which is what the
//! enumeration of thousands of sets per person spends its time on.

use crate::model::{Catalog, CertIdx};

/// A set of small indexes (below 128) as the bits of one word: sets are compared, joined
/// and intersected millions of times per solve, so they must cost a few instructions.
macro_rules! bit_set {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u128);

        impl $name {
            /// The empty set.
            pub const EMPTY: $name = $name(0);

            /// How many indexes a set can hold.
            pub const BITS: usize = 128;

            /// The set of `i` alone.
            pub fn one(i: usize) -> $name {
                $name(1 << i)
            }

            /// Whether `i` is in the set.
            pub fn has(self, i: usize) -> bool {
                self.0 >> i & 1 == 1
            }

            /// Whether the set is empty.
            pub fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// How many indexes the set holds.
            pub fn len(self) -> u32 {
                self.0.count_ones()
            }

            /// Whether every index of `other` is in the set.
            pub fn covers(self, other: $name) -> bool {
                self.0 & other.0 == other.0
            }

            /// The indexes, smallest first.
            pub fn iter(self) -> impl Iterator<Item = usize> {
                let mut bits = self.0;
                std::iter::from_fn(move || {
                    (bits != 0).then(|| {
                        let i = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        i
                    })
                })
            }
        }

        impl std::ops::BitOr for $name {
            type Output = $name;
            fn bitor(self, other: $name) -> $name {
                $name(self.0 | other.0)
            }
        }

        impl std::ops::BitOrAssign for $name {
            fn bitor_assign(&mut self, other: $name) {
                self.0 |= other.0;
            }
        }

        impl std::ops::BitAnd for $name {
            type Output = $name;
            fn bitand(self, other: $name) -> $name {
                $name(self.0 & other.0)
            }
        }

        impl std::ops::Not for $name {
            type Output = $name;
            fn not(self) -> $name {
                $name(!self.0)
            }
        }

        impl FromIterator<usize> for $name {
            fn from_iter<I: IntoIterator<Item = usize>>(indexes: I) -> $name {
                indexes.into_iter().fold($name::EMPTY, |set, i| set | $name::one(i))
            }
        }
    };
}

bit_set!(
    /// A set of step groups, one bit each (at most 128 distinct groups).
    Mask
);

bit_set!(
    /// A set of relevant certifications, one bit each as a [`Cover`] numbers them.
    CertSet
);

/// The certifications that can matter, numbered as bits, with what each counting one needs.
#[derive(Clone, Debug)]
pub struct Cover {
    /// The certifications, sorted: bit `i` is `certs[i]`.
    pub(crate) certs: Vec<CertIdx>,
    /// What each certification that counts in some group needs to count.
    rules: Vec<CountRule>,
    /// Per certification bit: the rules it appears in (own or prerequisite), the only ones
    /// whose count can change when it is added (see [`Cover::widened`]).
    touching: Vec<Vec<usize>>,
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
        !(held & self.own).is_empty() && held.covers(self.all) && (self.any.is_empty() || !(held & self.any).is_empty())
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
        let bits = |list: &[CertIdx]| list.iter().map(|c| certs.binary_search(c).unwrap_or(0)).collect::<CertSet>();
        let rules: Vec<CountRule> = coverers
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
        let mut touching = vec![Vec::new(); certs.len()];
        for (i, r) in rules.iter().enumerate() {
            for bit in (r.own | r.all | r.any).iter() {
                touching[bit].push(i);
            }
        }
        Some(Cover { certs, rules, touching })
    }

    /// The bits of a list of certifications (those that do not matter are left out).
    pub(crate) fn bits(&self, list: &[CertIdx]) -> CertSet {
        list.iter().filter_map(|c| self.certs.binary_search(c).ok()).collect()
    }

    /// The bits of the relevant certifications among `active` (indexed by catalogue).
    pub(crate) fn active(&self, active: &[bool]) -> CertSet {
        self.certs.iter().enumerate().filter(|&(_, &c)| active[c]).map(|(i, _)| i).collect()
    }

    /// The certifications of a set, in index order.
    pub(crate) fn certs_of(&self, set: CertSet) -> impl Iterator<Item = CertIdx> + '_ {
        set.iter().map(|i| self.certs[i])
    }

    /// Every step group that adding `set` to what a person holds could make them count in,
    /// when whatever else they add comes in units (each counting certification with its
    /// prerequisites): the groups of each certification of `set`, and of each certification
    /// in `held` that needs one of `set` (a prerequisite renewed brings back a certification
    /// held that needs it; without those, the priced enumeration's bounds pruned a person's
    /// best option). Prerequisites of certifications not held add nothing of their own: a
    /// unit that brings such a certification brings a way to its prerequisites too.
    pub(crate) fn reach(&self, set: CertSet, held: CertSet) -> Mask {
        let reached = |r: &CountRule| {
            !(set & r.own).is_empty() || (!(held & r.own).is_empty() && !(set & (r.all | r.any)).is_empty())
        };
        self.rules.iter().filter(|r| reached(r)).fold(Mask::EMPTY, |m, r| m | r.groups)
    }

    /// [`Cover::coverage`] of `held | added`, given `mask`, the coverage of `held`: holding
    /// more never makes a certification stop counting, so only the rules `added` appears in
    /// need a look. The enumeration widens sets one unit at a time, millions of times.
    pub(crate) fn widened(&self, held: CertSet, added: CertSet, mask: Mask) -> Mask {
        let now = held | added;
        let mut widened = mask;
        for bit in (added & !held).iter() {
            for &r in &self.touching[bit] {
                let rule = &self.rules[r];
                if rule.counts(now) {
                    widened |= rule.groups;
                }
            }
        }
        widened
    }

    /// Step groups counted by someone holding `held`.
    pub(crate) fn coverage(&self, held: CertSet) -> Mask {
        self.rules.iter().filter(|r| r.counts(held)).fold(Mask::EMPTY, |m, r| m | r.groups)
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
        let groups = [0, 0b100, 0b001, 0b110, 0].map(Mask);
        Cover::new(&catalog(), &[1, 2, 3], &groups).expect("four certifications fit")
    }

    #[test]
    fn numbers_coverers_and_prerequisites_in_catalogue_order() {
        let cover = cover();
        assert_eq!(cover.certs, vec![0, 1, 2, 3]);
        assert_eq!(cover.bits(&[3, 0, 4]), CertSet(0b1001), "4 does not matter and has no bit");
        assert_eq!(cover.certs_of(CertSet(0b1010)).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(cover.active(&[true, false, false, true, true]), CertSet(0b1001));
    }

    #[test]
    fn counts_only_with_prerequisites() {
        let cover = cover();
        assert_eq!(cover.coverage(cover.bits(&[2])), Mask(0), "2 needs 0");
        assert_eq!(cover.coverage(cover.bits(&[0, 2])), Mask(0b001));
        assert_eq!(cover.coverage(cover.bits(&[3])), Mask(0), "3 needs 0 or 1");
        assert_eq!(cover.coverage(cover.bits(&[1, 3])), Mask(0b110), "1 counts in group 2 itself and unlocks 3");
        assert_eq!(cover.coverage(cover.bits(&[0, 1, 2, 3])), Mask(0b111));
    }

    #[test]
    fn widening_a_set_adds_what_the_whole_covers() {
        let cover = cover();
        for held in 0..16u128 {
            for added in 0..16u128 {
                let (held, added) = (CertSet(held), CertSet(added));
                let widened = cover.widened(held, added, cover.coverage(held));
                assert_eq!(widened, cover.coverage(held | added), "{held:?} + {added:?}");
            }
        }
    }

    #[test]
    fn reach_counts_prerequisites_only_of_what_is_held() {
        let cover = cover();
        let none = CertSet::EMPTY;
        assert_eq!(cover.reach(cover.bits(&[2]), none), Mask(0b001));
        assert_eq!(cover.reach(cover.bits(&[3]), none), Mask(0b110));
        assert_eq!(cover.reach(cover.bits(&[0]), none), Mask(0), "0 is only a prerequisite");
        assert_eq!(cover.reach(cover.bits(&[0]), cover.bits(&[2])), Mask(0b001), "2 is held and needs 0");
        assert_eq!(cover.reach(cover.bits(&[0]), cover.bits(&[3])), Mask(0b110), "3 is held and needs 0 or 1");
    }

    #[test]
    fn more_than_128_certifications_do_not_fit() {
        let certs: Vec<Certification> = (0..130).map(|i| cert(&format!("C{i}"), 100.0, 10.0)).collect();
        let catalog = Catalog::new(certs);
        let coverers: Vec<CertIdx> = (0..130).collect();
        assert!(Cover::new(&catalog, &coverers, &[Mask(1); 130]).is_none());
        assert!(Cover::new(&catalog, &coverers[..128], &[Mask(1); 130]).is_some());
    }
}
