//! Erlang B (M/M/n/n blocking) by the inverse recursion, started where it matters.
//!
//! With `r(k) = 1 / B(k, A)` the recursion `r(k) = 1 + (k / A) · r(k − 1)`, `r(0) = 1`,
//! only adds and multiplies positive numbers, so it is stable; it never forms `A^k` or
//! `k!`. An error `δ` in `r(k − 1)` reaches `r(k)` multiplied by `1 − B(k)`, which is far
//! below 1 for `k` below the traffic `A`: over the `x·√A` steps before `min(n, A)` the
//! error shrinks by about `exp(−x²/2)`. So the recursion starts at
//! `k₀ = min(n, A) − 8·√A − 16` (down to a multiple of four, or 0) from the first-order
//! estimate `r(k₀) ≈ A / (A − k₀)` (relative error below 2 %), and the start's error
//! has fallen under 1e-16 when it matters: `O(√A + (n − A)⁺)` steps instead of `O(n)`,
//! 8,000 steps at 10⁶ Erlangs. Once `r` passes `f64::MAX` the blocking is 0 to double
//! precision and stays so.
//!
//! The run-in from `k₀` to `min(n, A)` is one chain of dependent multiply-adds, which a
//! processor runs at the latency of its arithmetic. Each block is an affine map,
//! `r ↦ P·r + S`, so the run-in is split in two halves computed side by side: the first
//! half advances `r` from `k₀`; the second composes its blocks into one map (`P`, the
//! product of their factors, and `S`, the recursion over them started from 0), applied
//! to the first half's result at the end. Both chains run at once, and the answer is as
//! accurate: `S` is the same stable recursion, and `P·r` (below `e⁻⁸` of the total) only
//! carries the first half's already damped error.

use crate::float::{floor_to_u64, to_f64};

/// The state of the inverse Erlang B recursion at `k` servers.
///
/// Callers that scan `n = k, k+1, …` (the staffing search) advance it one step per
/// candidate instead of recomputing from scratch.
///
/// The recursion starts on a multiple of four and runs four steps a block between
/// multiples of four, and single steps only past the last multiple of four. The
/// value at `k` is therefore one function of the start and `k`, whichever way it was
/// reached: a search that scans one server at a time and a direct `advance_to(k)` give
/// bit-identical answers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BlockingRecursion {
    traffic: f64,
    servers: u64,
    /// `1 / B(servers, traffic)`; `+∞` once B underflows.
    inverse: f64,
    /// The last multiple of four reached (or the start), and `1 / B` there.
    base: (u64, f64),
    /// `j / A` for `j = 1‥4`.
    steps: [f64; 4],
}

/// Servers per block of the recursion.
const BLOCK: u64 = 4;

/// [`BLOCK`] as a float.
const BLOCK_F64: f64 = BLOCK as f64;

/// Server counts below this (2⁵³, a multiple of [`BLOCK`]) are exact as floats.
const EXACT_COUNT: u64 = 1 << 53;

impl BlockingRecursion {
    /// The recursion positioned at or below `servers` for `traffic` Erlangs (> 0), at a
    /// start from which it reaches `servers` with full double precision: past the
    /// run-in, at the last multiple of four up to `min(servers, traffic)`.
    ///
    /// Where it stands and its value there are one function of `traffic` and
    /// `min(servers, traffic)`: every caller at or above the traffic gets the same bits.
    pub(crate) fn below(traffic: f64, servers: u64) -> Self {
        let mut recursion = Self::start(traffic, servers);
        let end = floor_to_u64(to_f64(servers).min(traffic)) / BLOCK * BLOCK;
        recursion.run_in(end);
        recursion
    }

    /// The recursion at its start `k₀` for `servers`: the last multiple of four at or
    /// below `min(servers, A) − margin` (so the run-in is whole blocks), or 0 where that
    /// is negative. `r(0) = 1` is the estimate `A / (A − k₀)` at `k₀ = 0` exactly, so one
    /// formula, without a branch, starts every traffic.
    fn start(traffic: f64, servers: u64) -> Self {
        let margin = 8.0 * traffic.sqrt() + 16.0;
        let anchor = (to_f64(servers).min(traffic) - margin).max(0.0);
        let k0 = floor_to_u64(anchor) / BLOCK * BLOCK;
        let inverse = traffic / (traffic - to_f64(k0));
        Self {
            traffic,
            servers: k0,
            inverse,
            base: (k0, inverse),
            steps: [1.0 / traffic, 2.0 / traffic, 3.0 / traffic, 4.0 / traffic],
        }
    }

    /// `1 / B(servers, A)`.
    pub(crate) fn inverse(&self) -> f64 {
        self.inverse
    }

    /// `B(servers, A)`.
    pub(crate) fn blocking(&self) -> f64 {
        1.0 / self.inverse
    }

    /// Four steps from `k` servers at `1 / B = r`: with `qⱼ = (k + j) / A`,
    /// `r(k + 4) = r·q₁q₂q₃q₄ + (q₂q₃q₄ + q₃q₄ + q₄ + 1)`. Every term is positive, so the
    /// block is as stable as four single steps, and only one multiply-add depends on
    /// `r`: the recursion runs at the throughput of its arithmetic instead of the latency
    /// of a chain of four multiply-adds. `qⱼ = k/A + j/A` costs one division a block; the
    /// `j/A` are rounded once per traffic, a bias of `4/A` ulp a step at most (a
    /// reciprocal of `A` would bias every step by up to an ulp: 1e-13 after a thousand
    /// steps), while the rounding of `k/A` changes sign from block to block.
    #[inline]
    fn block(&self, k: u64, r: f64) -> f64 {
        self.block_at(to_f64(k), r)
    }

    /// [`block`](Self::block) from `k` servers given as the float `k as f64` (exact below
    /// 2⁵³): the loops carry it beside the count, so a block costs no integer-to-float
    /// conversion (the unsigned one is five instructions on the baseline target).
    #[inline(always)]
    fn block_at(&self, k: f64, r: f64) -> f64 {
        let (factor, sum) = self.block_map(k);
        r * factor + sum
    }

    /// The block from `k` servers (as a float) as the affine map `r ↦ factor·r + sum`:
    /// `factor = q₁q₂q₃q₄`, `sum = q₂q₃q₄ + q₃q₄ + q₄ + 1`.
    #[inline(always)]
    fn block_map(&self, k: f64) -> (f64, f64) {
        let q0 = k / self.traffic;
        let [s1, s2, s3, s4] = self.steps;
        let (q1, q2, q3, q4) = (q0 + s1, q0 + s2, q0 + s3, q0 + s4);
        let p34 = q3 * q4;
        let p234 = q2 * p34;
        (q1 * p234, ((p234 + p34) + q4) + 1.0)
    }

    /// The affine map `map` followed by the block from `k` servers (as a float).
    #[inline(always)]
    fn then_block(&self, (factor, sum): (f64, f64), k: f64) -> (f64, f64) {
        let (f, s) = self.block_map(k);
        (factor * f, sum * f + s)
    }

    /// Advances from the start (a multiple of four) to `end` (a multiple of four, at most
    /// the traffic, where `r` is finite) in two chains side by side (see the module
    /// docs). The loop's length is the only branch: an odd block is folded into the
    /// second chain's map arithmetically (by the factor 1 and sum 0 of an empty block
    /// when there is none), which gives the same bits either way.
    fn run_in(&mut self, end: u64) {
        debug_assert!(self.servers.is_multiple_of(BLOCK) && end.is_multiple_of(BLOCK));
        let blocks = end.saturating_sub(self.servers) / BLOCK;
        let half = blocks / 2;
        // First chain: `r` from here; second: the map of the blocks from `mid` to `end`.
        let (mut k1, mut r) = (to_f64(self.servers), self.inverse);
        let mut k2 = to_f64(self.servers + half * BLOCK);
        let mut map = (1.0, 0.0);
        for _ in 0..half {
            r = self.block_at(k1, r);
            k1 += BLOCK_F64;
            map = self.then_block(map, k2);
            k2 += BLOCK_F64;
        }
        // The odd block, if any: `w` is 1 for it and 0 without it, and `w·f + (1 − w)`,
        // `w·s` are then exactly the block's `f`, `s` or the empty block's 1, 0.
        let w = to_f64(blocks % 2);
        let (f, s) = self.block_map(k2);
        let (f, s) = (w * f + (1.0 - w), w * s);
        let (factor, sum) = (map.0 * f, map.1 * f + s);
        let inverse = factor * r + sum;
        self.servers += blocks * BLOCK;
        self.inverse = inverse;
        self.base = (self.servers, inverse);
    }

    /// The servers the recursion is at.
    #[inline]
    pub(crate) fn servers(&self) -> u64 {
        self.servers
    }

    /// One more server: the same value as `advance_to(servers + 1)`.
    #[inline]
    pub(crate) fn step(&mut self) {
        let next = self.servers + 1;
        let (base, base_inverse) = self.base;
        self.inverse = if next.is_multiple_of(BLOCK) && base + BLOCK == next {
            self.block(base, base_inverse)
        } else {
            self.inverse * (to_f64(next) / self.traffic) + 1.0
        };
        self.servers = next;
        if next.is_multiple_of(BLOCK) {
            self.base = (next, self.inverse);
        }
    }

    /// Advances whole blocks while `accept(k, 1 / B(k))` holds at the end `k` of the next
    /// block and `k ≤ limit`, and stays at the last end accepted (where it started if none
    /// was). Must start at a multiple of four, as `advance_to` leaves it. The values are
    /// those `advance_to` reaches (the same blocks from the same bases), so callers may
    /// go on with [`step`](Self::step) or [`advance_to`](Self::advance_to). A block whose
    /// end has `1 / B = ∞` is never offered to `accept`.
    #[inline]
    pub(crate) fn advance_blocks_while(
        &mut self,
        limit: u64,
        mut accept: impl FnMut(u64, f64) -> bool,
    ) {
        debug_assert!(self.servers.is_multiple_of(BLOCK) && self.base.0 == self.servers);
        let (mut k, mut r) = (self.servers, self.inverse);
        // The last block start allowed, kept below 2⁵³ so that the float count is exact.
        let last = limit.saturating_sub(BLOCK - 1).min(EXACT_COUNT);
        let mut kf = to_f64(k);
        while k < last {
            let next = self.block_at(kf, r);
            kf += BLOCK_F64;
            if next == f64::INFINITY || !accept(k + BLOCK, next) {
                break;
            }
            k += BLOCK;
            r = next;
        }
        self.servers = k;
        self.inverse = r;
        self.base = (k, r);
    }

    /// Advances to `servers` (no-op when already there; never goes back).
    ///
    /// From the last multiple of four reached (where the value at `servers` is defined
    /// from), whole blocks while they fit, then the zero to three single steps past the
    /// last one computed straight through and the one asked for kept: the steps are
    /// exactly [`step`](Self::step)'s, and the only branch is the blocks' loop.
    pub(crate) fn advance_to(&mut self, servers: u64) {
        if servers <= self.servers {
            return;
        }
        let (mut k, mut r) = self.base;
        // Blocks with the float count beside the integer one while both are exact …
        let mut kf = to_f64(k);
        let exact_end = servers.min(EXACT_COUNT);
        while k + BLOCK <= exact_end && r != f64::INFINITY {
            r = self.block_at(kf, r);
            k += BLOCK;
            kf += BLOCK_F64;
        }
        // … then (past 2⁵³ servers, where only an infinite `r` is left) by the count.
        while k + BLOCK <= servers {
            if r == f64::INFINITY {
                // `∞ · k/A + 1 = ∞`: B is 0 from here on, so skip the remaining steps
                // (which for `u64::MAX` servers would never end).
                self.base = (k, r);
                self.servers = servers;
                self.inverse = r;
                return;
            }
            r = self.block(k, r);
            k += BLOCK;
        }
        self.base = (k, r);
        // The single steps past the last block, as `step` takes them.
        let kf = to_f64(k);
        let r1 = r * ((kf + 1.0) / self.traffic) + 1.0;
        let r2 = r1 * ((kf + 2.0) / self.traffic) + 1.0;
        let r3 = r2 * ((kf + 3.0) / self.traffic) + 1.0;
        self.inverse = [r, r1, r2, r3][((servers - k) % BLOCK) as usize];
        self.servers = servers;
    }
}

/// Erlang B: the probability that a contact finds all `servers` busy in a loss system
/// offered `traffic` Erlangs.
///
/// Exact to double precision from 0.01 to 10⁶ Erlangs and beyond; no factorials.
///
/// # Examples
/// ```
/// use wfm_erlang::erlang_b;
/// assert!((erlang_b(1.0, 1) - 0.5).abs() < 1e-15);
/// assert!((erlang_b(2.0, 2) - 0.4).abs() < 1e-15);   // (2²/2) / (1 + 2 + 2)
/// assert_eq!(erlang_b(0.0, 3), 0.0);
/// assert_eq!(erlang_b(5.0, 0), 1.0);
/// ```
pub fn erlang_b(traffic: f64, servers: u64) -> f64 {
    // No traffic (or NaN): nothing is blocked.
    if traffic.is_nan() || traffic <= 0.0 {
        return if servers == 0 { 1.0 } else { 0.0 };
    }
    let mut r = BlockingRecursion::below(traffic, servers);
    r.advance_to(servers);
    r.blocking()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_recursion(a: f64, n: u64) -> f64 {
        let mut r = 1.0f64;
        for k in 1..=n {
            r = 1.0 + r * k as f64 / a;
        }
        1.0 / r
    }

    #[test]
    fn late_start_agrees_with_the_full_recursion() {
        for &a in &[0.5f64, 3.0, 40.0, 160.0, 999.5, 10_000.0, 123_456.7] {
            let lo = (a - 5.0 * a.sqrt()).max(0.0) as u64;
            for n in [
                lo / 2,
                lo,
                a as u64,
                a as u64 + 1,
                (a + 3.0 * a.sqrt()) as u64 + 2,
            ] {
                let full = full_recursion(a, n);
                let fast = erlang_b(a, n);
                let rel = ((fast - full) / full).abs();
                assert!(rel < 1e-13, "A={a} n={n}: {fast} vs {full} ({rel:e})");
            }
        }
    }

    /// The value at `k` is one function of the start and `k`: single steps, whole
    /// blocks while accepted, and a direct advance give the same bits.
    #[test]
    fn every_path_to_k_gives_the_same_bits() {
        for &a in &[0.7f64, 12.5, 163.0, 2_442.06, 1e6] {
            let start = BlockingRecursion::below(a, a.ceil() as u64 + 1);
            let end = start.servers() + 203;
            let mut stepped = start;
            while stepped.servers() < end {
                stepped.step();
            }
            let mut direct = start;
            direct.advance_to(end);
            let mut blocks = start;
            blocks.advance_to(start.servers().next_multiple_of(BLOCK));
            blocks.advance_blocks_while(end, |k, _| k + BLOCK <= end);
            blocks.advance_to(end);
            assert_eq!(stepped.servers(), end);
            assert_eq!(direct.servers(), end);
            assert_eq!(blocks.servers(), end);
            assert_eq!(
                stepped.inverse().to_bits(),
                direct.inverse().to_bits(),
                "A={a}"
            );
            assert_eq!(
                blocks.inverse().to_bits(),
                direct.inverse().to_bits(),
                "A={a}"
            );
        }
        // Past 2⁵³ servers only the count moves: the blocking stays 0 and it returns.
        assert_eq!(erlang_b(5.0, u64::MAX), 0.0);
    }

    /// The two-chain run-in agrees with one chain over the same blocks to a few ulp (at
    /// 10⁸ Erlangs both are 1.2e-13 from the exact 12533.808050265657…, and 6 ulp apart).
    #[test]
    fn split_run_in_agrees_with_one_chain() {
        // Below ~100 Erlangs the run-in starts at 0: every count of blocks from 0 to 30,
        // odd and even, then long run-ins.
        let small = (0..=125).map(|i| 0.3 + f64::from(i));
        for a in small.chain([163.0f64, 2_442.06, 123_456.7, 1e6, 1e8]) {
            let servers = a.ceil() as u64 + 1;
            let split = BlockingRecursion::below(a, servers);
            let mut single = BlockingRecursion::start(a, servers);
            single.advance_to(split.servers());
            let rel = (split.inverse() / single.inverse() - 1.0).abs();
            assert!(
                rel < 2e-15,
                "A={a}: {} vs {} ({rel:e})",
                split.inverse(),
                single.inverse()
            );
            assert!(split.servers().is_multiple_of(BLOCK) && to_f64(split.servers()) <= a);
        }
    }

    #[test]
    fn tiny_blocking_underflows_to_zero_without_nan() {
        let b = erlang_b(0.01, 400);
        assert_eq!(b, 0.0);
        assert!(!erlang_b(1e6, 2_000_000).is_nan());
    }
}
