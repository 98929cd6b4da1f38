//! The Monte Carlo estimate: outcomes drawn independently, each from its own random stream.
//!
//! Sample `i` draws from ChaCha8 keyed by the seed, on stream `i`: its outcome depends on
//! (seed, i) alone, never on which thread drew it or what was drawn before, so the estimate
//! is the same for any thread count. Samples are tallied in fixed chunks merged in order.

use super::model::{Chance, Memo, Model};
use super::tally::Tally;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use rayon::prelude::*;

/// Samples per unit of parallel work: enough to amortise a worker's set-up (its memo and
/// timeline), few enough that two threads share 10 000 samples evenly.
const CHUNK: usize = 256;

/// The random stream of one sample.
pub struct Stream(ChaCha8Rng);

impl Stream {
    /// The stream of sample `index` under `seed`.
    pub fn new(seed: u64, index: u64) -> Stream {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(index);
        Stream(rng)
    }
}

impl Chance for Stream {
    fn passes(&mut self, p: f64) -> bool {
        self.0.random::<f64>() < p
    }

    /// One uniform number by inversion: the quarters stayed are geometric, P(stay through k
    /// quarters) = (1 − a)^k.
    fn leaves(&mut self, a: f64, quarters: usize) -> Option<usize> {
        let u: f64 = self.0.random();
        let stayed = ((1.0 - u).ln() / (1.0 - a).ln()).floor();
        (stayed < quarters as f64).then_some(stayed as usize)
    }
}

/// Draws `samples` outcomes of `model` on the current rayon pool and adds them up.
pub fn sample(model: &Model, samples: u32, seed: u64) -> Tally {
    let n = samples as usize;
    let chunks: Vec<Tally> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map_init(
            || (Memo::new(model), model.blank(), Vec::new(), Vec::new()),
            |(memo, outcome, slots, masks), chunk| {
                let mut tally = Tally::new(model.targets.len());
                for index in chunk * CHUNK..((chunk + 1) * CHUNK).min(n) {
                    model.draw(&mut Stream::new(seed, index as u64), outcome, slots);
                    model.masks(outcome, memo, masks);
                    tally.add(model, outcome, masks, 1.0);
                }
                tally
            },
        )
        .collect();
    let mut total = Tally::new(model.targets.len());
    for t in chunks {
        total.merge(t);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{exam, inputs, scenario};
    use super::*;
    use crate::model::Plan;

    #[test]
    fn the_estimate_is_the_same_on_one_thread_and_on_two() {
        let inputs = inputs(4, 2, 0.6);
        let mut s = scenario("2027-Q2");
        s.risk.attrition = 0.1;
        let plan = Plan { actions: (0..3).map(|e| exam("2027-Q1", e, 0)).collect() };
        let model = Model::new(&inputs, &s, &plan, s.deadline).unwrap();
        let on = |threads| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| sample(&model, 3_000, 5))
        };
        let (one, two) = (on(1), on(2));
        assert_eq!(one.weight, 3_000.0);
        assert_eq!((one.all, &one.targets, &one.costs), (two.all, &two.targets, &two.costs));
        // Another seed draws other outcomes.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        assert_ne!(pool.install(|| sample(&model, 3_000, 6)).costs, one.costs);
    }

    #[test]
    fn each_sample_has_its_own_stream() {
        let first = |seed, index| Stream::new(seed, index).0.random::<u64>();
        assert_eq!(first(1, 7), first(1, 7));
        assert_ne!(first(1, 7), first(1, 8));
        assert_ne!(first(1, 7), first(2, 7));
    }
}
