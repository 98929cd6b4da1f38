//! A multiply-rotate hasher for the enumeration's tables (tried sets of certifications, known
//! schedules): their keys are one or a few machine words, for which the standard library's
//! DoS-resistant hasher costs more than the lookups it guards. The keys come from the
//! tool's own arithmetic, never from outside, so there is nothing to defend against.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A hash map with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A hash set with [`FastHasher`].
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

#[derive(Default)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    /// Eight bytes at a time (a list of signatures is hashed as its bytes).
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.mix(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.mix(u64::from_le_bytes(last) ^ (rest.len() as u64) << 56);
    }

    fn write_u128(&mut self, word: u128) {
        self.mix(word as u64);
        self.mix((word >> 64) as u64);
    }

    fn write_usize(&mut self, word: usize) {
        self.mix(word as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash<T: Hash>(value: &T) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(value)
    }

    #[test]
    fn different_small_keys_hash_differently() {
        assert_ne!(hash(&vec![1u32, 2]), hash(&vec![2u32, 1]));
        assert_ne!(hash(&vec![1u32]), hash(&vec![1u32, 0]), "the length counts");
        assert_ne!(hash(&(1u128 << 70)), hash(&(1u128 << 6)));
        let many: FastSet<u64> = (0..10_000u64).map(|i| hash(&(i as u128))).collect();
        assert_eq!(many.len(), 10_000);
    }
}
