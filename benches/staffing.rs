//! Criterion benches of the staffing search: one interval at 10, 1,000, 100,000 and
//! 1,000,000 Erlangs (80 % in 20 s, AHT 300 s, 30-minute interval), Erlang A at 1,000
//! Erlangs, and a batch of the reference's 1,000 intervals on all cores.
//!
//! `cargo bench --bench staffing`

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use wfm::erlang::{Goal, MaxOccupancy, Patience, Shrinkage, StaffingRequest, Workload};

fn request(erlangs: f64) -> StaffingRequest {
    let volume = erlangs * 1800.0 / 300.0;
    StaffingRequest::new(
        Workload::new(volume, 300.0, 1800.0).expect("valid workload"),
        Goal::service_level(0.8, 20.0).expect("valid goal"),
    )
    .max_occupancy(MaxOccupancy::new(0.9).expect("valid occupancy"))
    .shrinkage(Shrinkage::new(0.3).expect("valid shrinkage"))
}

fn search(c: &mut Criterion) {
    let mut group = c.benchmark_group("staffing_search");
    for erlangs in [10.0, 1_000.0, 100_000.0, 1_000_000.0] {
        let r = request(erlangs);
        group.bench_with_input(BenchmarkId::new("erlang_c", erlangs), &r, |b, r| {
            b.iter(|| black_box(r).solve().expect("solvable"))
        });
    }
    let r = request(1_000.0).patience(Patience::new(180.0).expect("valid patience"));
    group.bench_with_input(BenchmarkId::new("erlang_a", 1_000.0), &r, |b, r| {
        b.iter(|| black_box(r).solve().expect("solvable"))
    });
    group.finish();
}

fn batch(c: &mut Criterion) {
    let csv = include_str!("../data/reference/bench_intervals_1000.csv");
    let batch = wfm::staffing::read_csv_from(csv.as_bytes(), "bench_intervals_1000.csv")
        .expect("valid batch");
    c.bench_function("staffing_batch_1000_intervals", |b| {
        b.iter(|| black_box(&batch).solve().expect("solvable"))
    });
}

criterion_group!(benches, search, batch);
criterion_main!(benches);
