// spikeforge kernel runtime — AssemblyScript twin of src/runtime/jsruntime.ts.
//
// This file is NOT compiled on its own: the code generator concatenates its
// text in front of every generated kernel, and the result is compiled as one
// source file (see assembly/README.md). Hence: plain top-level functions, no
// imports, no exports, no managed allocations (no `new`, arrays or strings —
// the kernels run on the stub runtime inside host-managed memory) and no
// static data (constants are literals, small tables are branch chains), so the
// runtime contributes no data segment to the kernel.
//
// Every function here has a TypeScript twin with the same name in
// src/runtime/jsruntime.ts that must return bit-identical results. Keep the
// two files in lock step: same formulas, same operation order, same literal
// constants. test/runtime/runtime.test.ts checks this.
//
// Transcendentals: AssemblyScript's Math.log/exp/expm1 (musl/ARM-optimized
// routines) and V8's Math.log/exp/expm1 (fdlibm) disagree in the last bit for
// a few percent of arguments, so the runtime carries its own implementations
// (det_log, det_exp, det_expm1, det_log1p) of the classic fdlibm algorithms.
// Only sqrt/floor/trunc/abs/nearest (exactly rounded in IEEE 754, hence
// identical everywhere) are taken from the platform.
//
// ====================================================
// The det_log/det_exp/det_expm1 functions implement the algorithms of fdlibm
// (e_log.c, e_exp.c, s_expm1.c), whose notice is:
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

// ---------------------------------------------------------------------------
// IEEE 754 word access
// ---------------------------------------------------------------------------

@inline function rt_hiword(x: f64): i32 {
  return <i32>(reinterpret<u64>(x) >> 32);
}

@inline function rt_loword(x: f64): u32 {
  return <u32>reinterpret<u64>(x);
}

@inline function rt_fromwords(hi: i32, lo: u32): f64 {
  return reinterpret<f64>((<u64><u32>hi << 32) | <u64>lo);
}

/** Saturating f64 → i32 (NaN → 0), written out so both twins agree. */
@inline function rt_to_i32(x: f64): i32 {
  if (!(x > -2147483648.0)) return x != x ? 0 : -2147483648;
  if (x >= 2147483647.0) return 2147483647;
  return <i32>x;
}

// ---------------------------------------------------------------------------
// Deterministic elementary functions (fdlibm algorithms)
// ---------------------------------------------------------------------------

/** Natural logarithm, fdlibm e_log.c algorithm (< 1 ulp). */
function det_log(x: f64): f64 {
  let hx = rt_hiword(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative, or subnormal
    if (((hx & 0x7fffffff) | <i32>rt_loword(x)) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= 18014398509481984.0; // 2^54
    hx = rt_hiword(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  // normalise x to [sqrt(2)/2, sqrt(2))
  x = rt_fromwords(hx | (i ^ 0x3ff00000), rt_loword(x));
  k += i >> 20;
  const f = x - 1.0;
  const dk = <f64>k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20
    if (f == 0.0) {
      if (k == 0) return 0.0;
      return dk * 6.93147180369123816490e-01 + dk * 1.90821492927058770002e-10;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    return dk * 6.93147180369123816490e-01 - ((R - dk * 1.90821492927058770002e-10) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
  const t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01 + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * 6.93147180369123816490e-01 - ((hfsq - (s * (hfsq + R) + dk * 1.90821492927058770002e-10)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * 6.93147180369123816490e-01 - ((s * (f - R) - dk * 1.90821492927058770002e-10) - f);
}

/** Exponential, fdlibm e_exp.c algorithm (< 1 ulp). */
function det_exp(x: f64): f64 {
  let hx = rt_hiword(x);
  const xsb = <i32>(<u32>hx >> 31);
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    // |x| >= 709.78...
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | <i32>rt_loword(x)) != 0) return x + x; // NaN
      return xsb == 0 ? x : 0.0; // exp(+-inf) = {inf, 0}
    }
    if (x > 7.09782712893383973096e+02) return Infinity;
    if (x < -7.45133219101941108420e+02) return 0.0;
  }
  let hi = 0.0;
  let lo = 0.0;
  let k: i32 = 0;
  if (hx > 0x3fd62e42) {
    // |x| > 0.5 ln2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln2
      if (x == 1.0) return 2.718281828459045;
      if (xsb == 0) {
        hi = x - 6.93147180369123816490e-01;
        lo = 1.90821492927058770002e-10;
        k = 1;
      } else {
        hi = x + 6.93147180369123816490e-01;
        lo = -1.90821492927058770002e-10;
        k = -1;
      }
    } else {
      k = <i32>(1.44269504088896338700e+00 * x + (xsb == 0 ? 0.5 : -0.5));
      const t = <f64>k;
      hi = x - t * 6.93147180369123816490e-01;
      lo = t * 1.90821492927058770002e-10;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    return 1.0 + x;
  }
  const t = x * x;
  const c = x - t * (1.66666666666666019037e-01 + t * (-2.77777777770155933842e-03 + t * (6.61375632143793436117e-05 + t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * 8.98846567431158e+307;
    return y * rt_fromwords(0x3ff00000 + (k << 20), 0);
  }
  return y * rt_fromwords(0x3ff00000 + ((k + 1000) << 20), 0) * 9.33263618503218878990e-302;
}

/** exp(x) - 1, fdlibm s_expm1.c algorithm (< 1 ulp). */
function det_expm1(x: f64): f64 {
  let hx = rt_hiword(x);
  const xsb = <i32>(<u32>hx >> 31);
  hx &= 0x7fffffff;
  if (hx >= 0x4043687a) {
    // |x| >= 56 ln2
    if (hx >= 0x40862e42) {
      // |x| >= 709.78...
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | <i32>rt_loword(x)) != 0) return x + x; // NaN
        return xsb == 0 ? x : -1.0;
      }
      if (x > 7.09782712893383973096e+02) return Infinity;
    }
    if (xsb != 0) return -1.0; // x < -56 ln2
  }
  let hi = 0.0;
  let lo = 0.0;
  let c = 0.0;
  let k: i32 = 0;
  if (hx > 0x3fd62e42) {
    // |x| > 0.5 ln2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln2
      if (xsb == 0) {
        hi = x - 6.93147180369123816490e-01;
        lo = 1.90821492927058770002e-10;
        k = 1;
      } else {
        hi = x + 6.93147180369123816490e-01;
        lo = -1.90821492927058770002e-10;
        k = -1;
      }
    } else {
      k = <i32>(1.44269504088896338700e+00 * x + (xsb == 0 ? 0.5 : -0.5));
      const t = <f64>k;
      hi = x - t * 6.93147180369123816490e-01;
      lo = t * 1.90821492927058770002e-10;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3c900000) {
    // |x| < 2^-54
    return x;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1.0 + hxs * (-3.33333333333331316428e-02 + hxs * (1.58730158725481460165e-03 + hxs * (-7.93650757867487942473e-05 + hxs * (4.00821782732936239552e-06 + hxs * -2.01099218183624371326e-07))));
  const t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1.0 + 2.0 * (x - e);
  }
  if (k <= -2 || k > 56) {
    let y = 1.0 - (e - x);
    if (k == 1024) y = y * 2.0 * 8.98846567431158e+307;
    else y = y * rt_fromwords(0x3ff00000 + (k << 20), 0);
    return y - 1.0;
  }
  let y: f64;
  if (k < 20) {
    const t1 = rt_fromwords(0x3ff00000 - (0x200000 >> k), 0); // 1 - 2^-k
    y = t1 - (e - x);
  } else {
    const t1 = rt_fromwords((0x3ff - k) << 20, 0); // 2^-k
    y = x - (e + t1);
    y += 1.0;
  }
  return y * rt_fromwords(0x3ff00000 + (k << 20), 0);
}

/** log(1 + x), accurate for small x (a few ulp), built on det_log. */
function det_log1p(x: f64): f64 {
  const u = 1.0 + x;
  if (u == 1.0) return x;
  if (u == Infinity) return x;
  return det_log(u) * (x / (u - 1.0));
}

/** Hyperbolic functions from det_exp/det_expm1, as fdlibm derives them (bit-identical twins). */
function det_sinh(x: f64): f64 {
  const h: f64 = x < 0.0 ? -0.5 : 0.5;
  const ax = Math.abs(x);
  if (ax < 22.0) {
    if (ax < 3.725290298461914e-9) return x;
    const t = det_expm1(ax);
    if (ax < 1.0) return h * (2.0 * t - (t * t) / (t + 1.0));
    return h * (t + t / (t + 1.0));
  }
  if (ax < 709.782712893384) return h * det_exp(ax);
  if (ax <= 710.4758600739439) {
    const w = det_exp(0.5 * ax);
    return h * w * w;
  }
  return x * 1.0e307;
}

function det_cosh(x: f64): f64 {
  const ax = Math.abs(x);
  if (ax < 0.34657359027997264) {
    const t = det_expm1(ax);
    const w = 1.0 + t;
    if (ax < 5.551115123125783e-17) return w;
    return 1.0 + (t * t) / (w + w);
  }
  if (ax < 22.0) {
    const t = det_exp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ax < 709.782712893384) return 0.5 * det_exp(ax);
  if (ax <= 710.4758600739439) {
    const w = det_exp(0.5 * ax);
    return 0.5 * w * w;
  }
  return ax * 1.0e307;
}

function det_tanh(x: f64): f64 {
  const ax = Math.abs(x);
  if (ax != ax) return x;
  let z: f64;
  if (ax < 22.0) {
    if (ax < 2.7755575615628914e-17) return x;
    if (ax >= 1.0) {
      const t = det_expm1(2.0 * ax);
      z = 1.0 - 2.0 / (t + 2.0);
    } else {
      const t = det_expm1(-2.0 * ax);
      z = -t / (t + 2.0);
    }
  } else {
    z = 1.0;
  }
  return x < 0.0 ? -z : z;
}

// ---------------------------------------------------------------------------
// Random numbers: xoshiro128** with 4 × u32 state at rngPtr (16 bytes)
// ---------------------------------------------------------------------------

/**
 * Seeds the generator from an integer-valued double (0 ≤ seed ≤ 2^53 is
 * exact; the value is truncated, NaN/negative → 0, ≥ 2^64 → 2^64-1).
 * The four state words are two splitmix64 outputs, so never all zero.
 */
function rng_seed(rngPtr: usize, seed: f64): void {
  let x: u64 = 0;
  if (seed >= 18446744073709551616.0) x = 0xffffffffffffffff;
  else if (seed > 0.0) x = <u64>seed;
  for (let i = 0; i < 2; i++) {
    x += 0x9e3779b97f4a7c15;
    let z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    z ^= z >> 31;
    store<u32>(rngPtr + (<usize>i << 3), <u32>z, 0);
    store<u32>(rngPtr + (<usize>i << 3), <u32>(z >> 32), 4);
  }
}

/**
 * Uniform double in [0, 1) with 53 random bits: two xoshiro128** steps
 * (27 + 26 high bits of the two outputs), state loaded and stored once.
 */
function rand(rngPtr: usize): f64 {
  let s0 = load<u32>(rngPtr, 0);
  let s1 = load<u32>(rngPtr, 4);
  let s2 = load<u32>(rngPtr, 8);
  let s3 = load<u32>(rngPtr, 12);
  const a = (rotl<u32>(s1 * 5, 7) * 9) >> 5;
  let t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  const b = (rotl<u32>(s1 * 5, 7) * 9) >> 6;
  t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  store<u32>(rngPtr, s0, 0);
  store<u32>(rngPtr, s1, 4);
  store<u32>(rngPtr, s2, 8);
  store<u32>(rngPtr, s3, 12);
  return (<f64>a * 67108864.0 + <f64>b) * 1.1102230246251565e-16; // 2^-53
}

/** Standard normal, Marsaglia polar method (the second variate is discarded). */
function randn(rngPtr: usize): f64 {
  let u = 0.0;
  let s = 0.0;
  do {
    u = 2.0 * rand(rngPtr) - 1.0;
    const v = 2.0 * rand(rngPtr) - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  return u * Math.sqrt((-2.0 * det_log(s)) / s);
}

/**
 * Stirling-series remainder fc(k) = log(k!) - [(k+1/2) log(k+1) - (k+1) + log(2π)/2]
 * for integer-valued k ≥ 0 (tabulated below 10, five-term series above; |error| < 1e-14).
 */
function rt_stirling_tail(k: f64): f64 {
  if (k < 10.0) {
    if (k < 5.0) {
      if (k == 0.0) return 0.08106146679532726;
      if (k == 1.0) return 0.0413406959554093;
      if (k == 2.0) return 0.02767792568499834;
      if (k == 3.0) return 0.020790672103765093;
      return 0.016644691189821193;
    }
    if (k == 5.0) return 0.013876128823070748;
    if (k == 6.0) return 0.01189670994589177;
    if (k == 7.0) return 0.010411265261972096;
    if (k == 8.0) return 0.009255462182712733;
    return 0.00833056343336287;
  }
  const x = k + 1.0;
  const x2 = x * x;
  return (0.08333333333333333 - (0.002777777777777778 - (0.0007936507936507937 - (0.0005952380952380953 - 0.0008417508417508417 / x2) / x2) / x2) / x2) / x;
}

/** log(k!) for integer-valued k ≥ 0. */
function rt_log_factorial(k: f64): f64 {
  return (k + 0.5) * det_log(k + 1.0) - (k + 1.0) + 0.9189385332046728 + rt_stirling_tail(k);
}

/**
 * Poisson(lam), exact. lam < 10: inversion by sequential search (1 uniform,
 * 1 exp, ~lam+1 multiply-adds). lam ≥ 10: PTRS transformed rejection
 * (Hörmann 1993), ~2.3 uniforms and on average < 1 evaluation of 3 logs.
 * lam ≤ 0 or NaN → 0; results saturate at 2^31-1.
 */
function poisson(rngPtr: usize, lam: f64): i32 {
  if (!(lam > 0.0)) return 0;
  if (lam < 10.0) {
    const p0 = det_exp(-lam);
    const bound = lam + 10.0 * Math.sqrt(lam) + 20.0;
    while (true) {
      let u = rand(rngPtr);
      let k = 0.0;
      let p = p0;
      while (u > p) {
        u -= p;
        k += 1.0;
        if (k > bound) break;
        p = (p * lam) / k;
      }
      if (k <= bound) return <i32>k;
    }
  }
  if (lam == Infinity) return 2147483647;
  const slam = Math.sqrt(lam);
  const loglam = det_log(lam);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const logalpha = det_log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2.0);
  while (true) {
    const u = rand(rngPtr) - 0.5;
    const v = rand(rngPtr);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2.0 * a) / us + b) * u + lam + 0.43);
    if (us >= 0.07 && v <= vr) return rt_to_i32(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (det_log(v) + logalpha - det_log(a / (us * us) + b) <= -lam + k * loglam - rt_log_factorial(k)) {
      return rt_to_i32(k);
    }
  }
  return 0;
}

/** Binomial for 0 < p ≤ 0.5, n ≥ 1 (see binomial). */
function rt_binomial_le_half(rngPtr: usize, n: i32, p: f64): i32 {
  const nf = <f64>n;
  const q = 1.0 - p;
  const np = nf * p;
  if (np < 10.0) {
    // inversion by sequential search from 0
    const qn = det_exp(nf * det_log1p(-p));
    const lim = np + 10.0 * Math.sqrt(np * q + 1.0);
    const bound = lim < nf ? lim : nf;
    let x = 0.0;
    let px = qn;
    let u = rand(rngPtr);
    while (u > px) {
      x += 1.0;
      if (x > bound) {
        x = 0.0;
        px = qn;
        u = rand(rngPtr);
      } else {
        u -= px;
        px = ((nf - x + 1.0) * p * px) / (x * q);
      }
    }
    return <i32>x;
  }
  // BTRS transformed rejection with squeeze (Hörmann 1993)
  const spq = Math.sqrt(np * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = np + 0.5;
  const vr = 0.92 - 4.2 / b;
  const r = p / q;
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((nf + 1.0) * p);
  const nm = nf - m + 1.0;
  const h = (m + 0.5) * det_log((m + 1.0) / (r * nm)) + rt_stirling_tail(m) + rt_stirling_tail(nf - m);
  while (true) {
    const u = rand(rngPtr) - 0.5;
    let v = rand(rngPtr);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2.0 * a) / us + b) * u + c);
    if (us >= 0.07 && v <= vr) return <i32>k;
    if (k < 0.0 || k > nf) continue;
    v = det_log((v * alpha) / (a / (us * us) + b));
    const nk = nf - k + 1.0;
    const bound = h + (nf + 1.0) * det_log(nm / nk) + (k + 0.5) * det_log((nk * r) / (k + 1.0)) - rt_stirling_tail(k) - rt_stirling_tail(nf - k);
    if (v <= bound) return <i32>k;
  }
  return 0;
}

/**
 * Binomial(n, p), exact. Uses symmetry for p > 0.5; n·p < 10: inversion
 * (~n·p+1 iterations); n·p ≥ 10: BTRS (~2.2 uniforms, occasionally 3 logs).
 * n ≤ 0 or p ≤ 0 or NaN → 0; p ≥ 1 → n.
 */
function binomial(rngPtr: usize, n: i32, p: f64): i32 {
  if (n <= 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  if (p > 0.5) return n - rt_binomial_le_half(rngPtr, n, 1.0 - p);
  return rt_binomial_le_half(rngPtr, n, p);
}

// ---------------------------------------------------------------------------
// Brian2 math semantics
// ---------------------------------------------------------------------------

/** (exp(x) - 1) / x, 1 for |x| < 1e-16, +inf for x > 717 (Brian2's _exprel). */
function exprel(x: f64): f64 {
  if (Math.abs(x) < 1e-16) return 1.0;
  if (x > 717.0) return Infinity;
  return det_expm1(x) / x;
}

/** numpy sign: -1, 0 or 1 (NaN stays NaN, -0 → 0). */
function sign(x: f64): f64 {
  if (x > 0.0) return 1.0;
  if (x < 0.0) return -1.0;
  if (x == 0.0) return 0.0;
  return x;
}

/** numpy clip = minimum(maximum(x, lo), hi); NaN propagates. */
function clip(x: f64, lo: f64, hi: f64): f64 {
  const y = x < lo ? lo : x;
  return y > hi ? hi : y;
}

/** Python/numpy float modulo: result has the sign of b (b = 0 → NaN). */
function pymod(a: f64, b: f64): f64 {
  let mod = a % b; // exact fmod
  if (b == 0.0) return mod;
  if (mod != 0.0) {
    if ((b < 0.0) != (mod < 0.0)) mod += b;
  } else {
    mod = b < 0.0 ? -0.0 : 0.0;
  }
  return mod;
}

/** Python/numpy float floor division (numpy npy_divmod; b = 0 → a / b). */
function pyfloordiv(a: f64, b: f64): f64 {
  const mod = a % b;
  if (b == 0.0) return a / b;
  let div = (a - mod) / b;
  if (mod != 0.0) {
    if ((b < 0.0) != (mod < 0.0)) div -= 1.0;
  }
  let floordiv: f64;
  if (div != 0.0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = copysign<f64>(0.0, a / b);
  }
  return floordiv;
}

/** Python/numpy integer modulo (b = 0 → 0, like numpy). */
function pymod_int(a: i32, b: i32): i32 {
  if (b == 0 || b == -1) return 0;
  let m = a % b;
  if (m != 0 && ((m < 0) != (b < 0))) m += b;
  return m;
}

/** Python/numpy integer floor division (b = 0 → 0, like numpy; wraps on MIN / -1). */
function pyfloordiv_int(a: i32, b: i32): i32 {
  if (b == 0) return 0;
  if (b == -1) return 0 - a;
  let d = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) d -= 1;
  return d;
}

/** Brian2's timestep(x, dt) = int64((x + 1e-3*dt)/dt), as a double. */
function timestep(x: f64, dt: f64): f64 {
  return Math.trunc((x + 1e-3 * dt) / dt);
}

/** Round half to even (numpy round / rint), -0 preserved. */
function round_half_even(x: f64): f64 {
  return nearest<f64>(x);
}

/**
 * TimedArray row index as Brian2 2.5.1 (numpy target):
 * clip(int(round(t/eps)/K), 0, n-1), eps = ta_dt/K and K computed on the
 * host (jsruntime.timedarray_params).
 */
function timedarray_index(t: f64, eps: f64, K: f64, n: i32): i32 {
  const r = nearest<f64>(t / eps) / K;
  if (!(r > 0.0)) return 0;
  const last = <f64>(n - 1);
  if (r >= last) return n - 1;
  return <i32>r;
}

/** 1-D TimedArray value; `values` = byte address of n f64 values. */
function timedarray_1d(values: usize, t: f64, eps: f64, K: f64, n: i32): f64 {
  return load<f64>(values + (<usize>timedarray_index(t, eps, K, n) << 3));
}

/**
 * 2-D TimedArray value for column (neuron) i; `values` = byte address of the
 * row-major nrows × ncols f64 array (one row per time step). NaN when i is out of range.
 */
function timedarray_2d(values: usize, t: f64, eps: f64, K: f64, nrows: i32, ncols: i32, i: i32): f64 {
  if (i < 0 || i >= ncols) return NaN;
  const row = timedarray_index(t, eps, K, nrows);
  return load<f64>(values + ((<usize>row * <usize>ncols + <usize>i) << 3));
}
