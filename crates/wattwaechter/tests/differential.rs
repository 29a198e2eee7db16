//! Differential test against sml-rs 0.4, the Rust SML parser of the benchmark, on every
//! real capture and thousands of mutations of each (the comparison: `common/against_sml_rs.rs`).

mod common;

use common::against_sml_rs::{compare, Tally};
use common::mutation::{mutate, mutation, sml_capture_names, Mutation};
use common::read_fixture;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use wattwaechter::sml::encode;

/// Mutated copies of every capture (besides the capture itself).
const MUTATIONS_PER_CAPTURE: usize = 5000;

#[test]
fn every_real_capture_reads_as_sml_rs_reads_it() {
    let mut tally = Tally::default();
    for name in sml_capture_names() {
        let input = read_fixture(&format!("sml/{name}"));
        compare(&input, &mut tally).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The capture as one frame's payload: its bytes are no SML messages, but the frame
        // is, to both.
        compare(&encode::frame(&input), &mut Tally::default())
            .unwrap_or_else(|e| panic!("{name} wrapped: {e}"));
    }
    // The captures' own frames: both read all of them alike, none is ours alone.
    assert!(tally.frames > 100, "{tally:?}");
    assert!(tally.entries > 1000, "{tally:?}");
    assert!(tally.extra.is_empty(), "{tally:?}");
}

/// Every real capture, [`MUTATIONS_PER_CAPTURE`] times damaged (1–15 mutations each, fixed
/// seed): nothing sml-rs reads in the damaged bytes is missing or different here.
#[test]
fn mutated_captures_read_as_sml_rs_reads_them() {
    let mut runner = TestRunner::deterministic();
    let plan = prop::collection::vec(mutation(), 1..16);
    let mut tally = Tally::default();
    for name in sml_capture_names() {
        let original = read_fixture(&format!("sml/{name}"));
        for i in 0..MUTATIONS_PER_CAPTURE {
            let muts: Vec<Mutation> = plan.new_tree(&mut runner).expect("a plan").current();
            let input = mutate(original.clone(), &muts);
            compare(&input, &mut tally)
                .unwrap_or_else(|e| panic!("{name}, mutation {i} ({muts:?}): {e}"));
        }
    }
    eprintln!("{tally:?}");
    assert!(tally.frames > 10_000, "{tally:?}");
}
