/**
 * spikeforge kernel runtime — TypeScript twin of assembly/runtime.ts.
 *
 * Every function here returns bit-identical results to the AssemblyScript
 * function of the same name (checked by test/runtime/runtime.test.ts): same
 * formulas, same operation order, same literals. Keep the two files in lock step.
 *
 * Pure functions are exported at module level. Functions that touch linear
 * memory (RNG state, TimedArray values) live on the object returned by
 * `createJsRuntime(memory)`, which also carries the pure functions so generated
 * JS code can take everything from one object.
 *
 * The det_log/det_exp/det_expm1 functions implement the algorithms of fdlibm
 * (e_log.c, e_exp.c, s_expm1.c), whose notice is:
 *   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *   Developed at SunSoft, a Sun Microsystems, Inc. business.
 *   Permission to use, copy, modify, and distribute this
 *   software is freely granted, provided that this notice
 *   is preserved.
 */

// ---------------------------------------------------------------------------
// IEEE 754 word access (little-endian, like WebAssembly)
// ---------------------------------------------------------------------------

const WORD_F64 = new Float64Array(1);
const WORD_I32 = new Int32Array(WORD_F64.buffer);
const WORD_U32 = new Uint32Array(WORD_F64.buffer);
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('spikeforge jsruntime requires a little-endian platform');
}

function hiword(x: number): number {
  WORD_F64[0] = x;
  return WORD_I32[1]!;
}

function loword(x: number): number {
  WORD_F64[0] = x;
  return WORD_U32[0]!;
}

/**
 * POW2[1074 + e] = 2^e for -1074 ≤ e ≤ 1023 (built by exact doubling/halving).
 * Used instead of assembling a double from its words: a narrow store followed by
 * a wide load through the scratch array defeats store-to-load forwarding and
 * made det_log ~2× slower. Multiplying by an exact power of two gives the same
 * bits as the word surgery of the AssemblyScript twin.
 */
const POW2 = new Float64Array(2098);
{
  let p = 1.0;
  for (let e = 0; e <= 1023; e++, p *= 2) POW2[1074 + e] = p;
  p = 1.0;
  for (let e = 0; e >= -1074; e--, p /= 2) POW2[1074 + e] = p;
}

/** Saturating double → int32 (NaN → 0), same as the AssemblyScript rt_to_i32. */
function toI32(x: number): number {
  if (!(x > -2147483648.0)) return x !== x ? 0 : -2147483648;
  if (x >= 2147483647.0) return 2147483647;
  return x | 0;
}

// ---------------------------------------------------------------------------
// Deterministic elementary functions (fdlibm algorithms)
// ---------------------------------------------------------------------------

/** Natural logarithm, fdlibm e_log.c algorithm (< 1 ulp). */
export function det_log(x: number): number {
  let hx = hiword(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | loword(x)) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= 18014398509481984.0; // 2^54
    hx = hiword(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  const m = hx & 0x000fffff;
  const i = (m + 0x95f64) & 0x100000;
  // normalise x to [sqrt(2)/2, sqrt(2)): exact scaling by a power of two
  const e = (hx >> 20) - 1023 + (i >> 20);
  x = x * POW2[1074 - e]!;
  k += e;
  hx = m;
  const f = x - 1.0;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0.0) {
      if (k === 0) return 0.0;
      return dk * 6.93147180369123816490e-1 + dk * 1.90821492927058770002e-10;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    return dk * 6.93147180369123816490e-1 - ((R - dk * 1.90821492927058770002e-10) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (3.999999999940941908e-1 + w * (2.222219843214978396e-1 + w * 1.531383769920937332e-1));
  const t2 = z * (6.66666666666673513e-1 + w * (2.857142874366239149e-1 + w * (1.818357216161805012e-1 + w * 1.479819860511658591e-1)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * 6.93147180369123816490e-1 - ((hfsq - (s * (hfsq + R) + dk * 1.90821492927058770002e-10)) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * 6.93147180369123816490e-1 - ((s * (f - R) - dk * 1.90821492927058770002e-10) - f);
}

/** Exponential, fdlibm e_exp.c algorithm (< 1 ulp). */
export function det_exp(x: number): number {
  let hx = hiword(x);
  const xsb = hx >>> 31;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | loword(x)) !== 0) return x + x;
      return xsb === 0 ? x : 0.0;
    }
    if (x > 7.09782712893383973096e2) return Infinity;
    if (x < -7.45133219101941108420e2) return 0.0;
  }
  let hi = 0.0;
  let lo = 0.0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x === 1.0) return 2.718281828459045;
      if (xsb === 0) {
        hi = x - 6.93147180369123816490e-1;
        lo = 1.90821492927058770002e-10;
        k = 1;
      } else {
        hi = x + 6.93147180369123816490e-1;
        lo = -1.90821492927058770002e-10;
        k = -1;
      }
    } else {
      k = (1.442695040888963387e0 * x + (xsb === 0 ? 0.5 : -0.5)) | 0;
      const t = k;
      hi = x - t * 6.93147180369123816490e-1;
      lo = t * 1.90821492927058770002e-10;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1.0 + x;
  }
  const t = x * x;
  const c = x - t * (1.66666666666666019037e-1 + t * (-2.77777777770155933842e-3 + t * (6.61375632143793436117e-5 + t * (-1.6533902205465251539e-6 + t * 4.13813679705723846039e-8))));
  if (k === 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * 8.98846567431158e307;
    return y * POW2[1074 + k]!;
  }
  return y * POW2[2074 + k]! * 9.3326361850321887899e-302;
}

/** exp(x) - 1, fdlibm s_expm1.c algorithm (< 1 ulp). */
export function det_expm1(x: number): number {
  let hx = hiword(x);
  const xsb = hx >>> 31;
  hx &= 0x7fffffff;
  if (hx >= 0x4043687a) {
    if (hx >= 0x40862e42) {
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | loword(x)) !== 0) return x + x;
        return xsb === 0 ? x : -1.0;
      }
      if (x > 7.09782712893383973096e2) return Infinity;
    }
    if (xsb !== 0) return -1.0;
  }
  let hi = 0.0;
  let lo = 0.0;
  let c = 0.0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (xsb === 0) {
        hi = x - 6.93147180369123816490e-1;
        lo = 1.90821492927058770002e-10;
        k = 1;
      } else {
        hi = x + 6.93147180369123816490e-1;
        lo = -1.90821492927058770002e-10;
        k = -1;
      }
    } else {
      k = (1.442695040888963387e0 * x + (xsb === 0 ? 0.5 : -0.5)) | 0;
      const t = k;
      hi = x - t * 6.93147180369123816490e-1;
      lo = t * 1.90821492927058770002e-10;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3c900000) {
    return x;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1.0 + hxs * (-3.33333333333331316428e-2 + hxs * (1.58730158725481460165e-3 + hxs * (-7.93650757867487942473e-5 + hxs * (4.00821782732936239552e-6 + hxs * -2.01099218183624371326e-7))));
  const t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1.0 + 2.0 * (x - e);
  }
  if (k <= -2 || k > 56) {
    let y = 1.0 - (e - x);
    if (k === 1024) y = y * 2.0 * 8.98846567431158e307;
    else y = y * POW2[1074 + k]!;
    return y - 1.0;
  }
  let y: number;
  if (k < 20) {
    const t1 = 1.0 - POW2[1074 - k]!; // exact for 2 ≤ k < 20
    y = t1 - (e - x);
  } else {
    const t1 = POW2[1074 - k]!;
    y = x - (e + t1);
    y += 1.0;
  }
  return y * POW2[1074 + k]!;
}

/** log(1 + x), accurate for small x (a few ulp), built on det_log. */
export function det_log1p(x: number): number {
  const u = 1.0 + x;
  if (u === 1.0) return x;
  if (u === Infinity) return x;
  return det_log(u) * (x / (u - 1.0));
}

/** Hyperbolic functions from det_exp/det_expm1, as fdlibm derives them (twins of assembly/runtime.ts). */
export function det_sinh(x: number): number {
  const h = x < 0.0 ? -0.5 : 0.5;
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

export function det_cosh(x: number): number {
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

export function det_tanh(x: number): number {
  const ax = Math.abs(x);
  if (ax !== ax) return x;
  let z: number;
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
// Brian2 math semantics (pure)
// ---------------------------------------------------------------------------

/** (exp(x) - 1) / x, 1 for |x| < 1e-16, +inf for x > 717 (Brian2's _exprel). */
export function exprel(x: number): number {
  if (Math.abs(x) < 1e-16) return 1.0;
  if (x > 717.0) return Infinity;
  return det_expm1(x) / x;
}

/** numpy sign: -1, 0 or 1 (NaN stays NaN, -0 → 0). */
export function sign(x: number): number {
  if (x > 0.0) return 1.0;
  if (x < 0.0) return -1.0;
  if (x === 0.0) return 0.0;
  return x;
}

/** numpy clip = minimum(maximum(x, lo), hi); NaN propagates. */
export function clip(x: number, lo: number, hi: number): number {
  const y = x < lo ? lo : x;
  return y > hi ? hi : y;
}

/** Python/numpy float modulo: result has the sign of b (b = 0 → NaN). */
export function pymod(a: number, b: number): number {
  let mod = a % b;
  if (b === 0.0) return mod;
  if (mod !== 0.0) {
    if (b < 0.0 !== mod < 0.0) mod += b;
  } else {
    mod = b < 0.0 ? -0.0 : 0.0;
  }
  return mod;
}

/** Python/numpy float floor division (numpy npy_divmod; b = 0 → a / b). */
export function pyfloordiv(a: number, b: number): number {
  const mod = a % b;
  if (b === 0.0) return a / b;
  let div = (a - mod) / b;
  if (mod !== 0.0) {
    if (b < 0.0 !== mod < 0.0) div -= 1.0;
  }
  let floordiv: number;
  if (div !== 0.0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    const q = a / b;
    floordiv = q < 0 || Object.is(q, -0) ? -0.0 : 0.0;
  }
  return floordiv;
}

/** Python/numpy integer modulo on int32 (b = 0 → 0, like numpy). */
export function pymod_int(a: number, b: number): number {
  a |= 0;
  b |= 0;
  if (b === 0 || b === -1) return 0;
  let m = (a % b) | 0; // | 0: an int result is never -0
  if (m !== 0 && m < 0 !== b < 0) m = (m + b) | 0;
  return m;
}

/** Python/numpy integer floor division on int32 (b = 0 → 0, like numpy; wraps on MIN / -1). */
export function pyfloordiv_int(a: number, b: number): number {
  a |= 0;
  b |= 0;
  if (b === 0) return 0;
  if (b === -1) return (0 - a) | 0;
  let d = (a / b) | 0;
  if (a % b !== 0 && a < 0 !== b < 0) d = (d - 1) | 0;
  return d;
}

/** Brian2's timestep(x, dt) = int64((x + 1e-3*dt)/dt), as a double. */
export function timestep(x: number, dt: number): number {
  return Math.trunc((x + 1e-3 * dt) / dt);
}

/** Round half to even (numpy round / rint, WebAssembly f64.nearest), -0 preserved. */
export function round_half_even(x: number): number {
  const r = Math.round(x); // ties toward +inf
  if (r - x === 0.5 && r % 2 !== 0) return r - 1.0;
  return r;
}

/**
 * TimedArray row index as Brian2 2.5.1 (numpy target):
 * clip(int(round(t/eps)/K), 0, n-1); K and eps from timedarray_params.
 */
export function timedarray_index(t: number, eps: number, K: number, n: number): number {
  const r = round_half_even(t / eps) / K;
  if (!(r > 0.0)) return 0;
  const last = n - 1;
  if (r >= last) return n - 1;
  return r | 0;
}

/**
 * Host-side TimedArray constants, computed exactly as Brian2 2.5.1
 * (`_find_K`: K = max(int(2**ceil(log2(8/clock_dt*ta_dt))), 1); eps = ta_dt/K).
 */
export function timedarray_params(taDt: number, clockDt: number): { K: number; eps: number } {
  const K = Math.max(2 ** Math.ceil(Math.log2((8 / clockDt) * taDt)), 1);
  return { K, eps: taDt / K };
}

// ---------------------------------------------------------------------------
// Memory-bound part: RNG (xoshiro128**, 4 × u32 at rngPtr) and TimedArray reads
// ---------------------------------------------------------------------------

export interface JsRuntime {
  readonly memory: WebAssembly.Memory;
  /** Re-creates the typed-array views (needed only after growing a *shared* memory; detached views are refreshed automatically). */
  refreshViews(): void;
  rng_seed(rngPtr: number, seed: number): void;
  rand(rngPtr: number): number;
  randn(rngPtr: number): number;
  poisson(rngPtr: number, lam: number): number;
  binomial(rngPtr: number, n: number, p: number): number;
  timedarray_1d(values: number, t: number, eps: number, K: number, n: number): number;
  timedarray_2d(values: number, t: number, eps: number, K: number, nrows: number, ncols: number, i: number): number;
  det_log: typeof det_log;
  det_exp: typeof det_exp;
  det_expm1: typeof det_expm1;
  det_log1p: typeof det_log1p;
  det_sinh: typeof det_sinh;
  det_cosh: typeof det_cosh;
  det_tanh: typeof det_tanh;
  exprel: typeof exprel;
  sign: typeof sign;
  clip: typeof clip;
  pymod: typeof pymod;
  pyfloordiv: typeof pyfloordiv;
  pymod_int: typeof pymod_int;
  pyfloordiv_int: typeof pyfloordiv_int;
  timestep: typeof timestep;
  round_half_even: typeof round_half_even;
  timedarray_index: typeof timedarray_index;
}

/** Stirling-series remainder fc(k) for integer-valued k ≥ 0 (twin of rt_stirling_tail). */
function stirlingTail(k: number): number {
  if (k < 10.0) {
    if (k < 5.0) {
      if (k === 0.0) return 0.08106146679532726;
      if (k === 1.0) return 0.0413406959554093;
      if (k === 2.0) return 0.02767792568499834;
      if (k === 3.0) return 0.020790672103765093;
      return 0.016644691189821193;
    }
    if (k === 5.0) return 0.013876128823070748;
    if (k === 6.0) return 0.01189670994589177;
    if (k === 7.0) return 0.010411265261972096;
    if (k === 8.0) return 0.009255462182712733;
    return 0.00833056343336287;
  }
  const x = k + 1.0;
  const x2 = x * x;
  return (0.08333333333333333 - (0.002777777777777778 - (0.0007936507936507937 - (0.0005952380952380953 - 0.0008417508417508417 / x2) / x2) / x2) / x2) / x;
}

/** log(k!) for integer-valued k ≥ 0 (twin of rt_log_factorial). */
function logFactorial(k: number): number {
  return (k + 0.5) * det_log(k + 1.0) - (k + 1.0) + 0.9189385332046728 + stirlingTail(k);
}

/** Binds the memory-touching runtime functions to a WebAssembly.Memory. */
export function createJsRuntime(memory: WebAssembly.Memory): JsRuntime {
  let u32 = new Uint32Array(memory.buffer);
  let f64 = new Float64Array(memory.buffer);

  function refreshViews(): void {
    u32 = new Uint32Array(memory.buffer);
    f64 = new Float64Array(memory.buffer);
  }

  function rng_seed(rngPtr: number, seed: number): void {
    if (u32.length === 0) refreshViews();
    let x: bigint;
    if (seed >= 18446744073709551616.0) x = 0xffffffffffffffffn;
    else if (seed > 0.0) x = BigInt(Math.trunc(seed));
    else x = 0n;
    const M = 0xffffffffffffffffn;
    const i = rngPtr >>> 2;
    for (let j = 0; j < 2; j++) {
      x = (x + 0x9e3779b97f4a7c15n) & M;
      let z = x;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
      z ^= z >> 31n;
      u32[i + 2 * j] = Number(z & 0xffffffffn);
      u32[i + 2 * j + 1] = Number(z >> 32n);
    }
  }

  function rand(rngPtr: number): number {
    if (u32.length === 0) refreshViews();
    const i = rngPtr >>> 2;
    let s0 = u32[i]!;
    let s1 = u32[i + 1]!;
    let s2 = u32[i + 2]!;
    let s3 = u32[i + 3]!;
    // step 1
    let r = Math.imul(s1, 5);
    const a = Math.imul((r << 7) | (r >>> 25), 9) >>> 5;
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    // step 2
    r = Math.imul(s1, 5);
    const b = Math.imul((r << 7) | (r >>> 25), 9) >>> 6;
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    u32[i] = s0;
    u32[i + 1] = s1;
    u32[i + 2] = s2;
    u32[i + 3] = s3;
    return (a * 67108864.0 + b) * 1.1102230246251565e-16;
  }

  function randn(rngPtr: number): number {
    let u = 0.0;
    let s = 0.0;
    do {
      u = 2.0 * rand(rngPtr) - 1.0;
      const v = 2.0 * rand(rngPtr) - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s === 0.0);
    return u * Math.sqrt((-2.0 * det_log(s)) / s);
  }

  function poisson(rngPtr: number, lam: number): number {
    if (!(lam > 0.0)) return 0;
    if (lam < 10.0) {
      const p0 = det_exp(-lam);
      const bound = lam + 10.0 * Math.sqrt(lam) + 20.0;
      for (;;) {
        let u = rand(rngPtr);
        let k = 0.0;
        let p = p0;
        while (u > p) {
          u -= p;
          k += 1.0;
          if (k > bound) break;
          p = (p * lam) / k;
        }
        if (k <= bound) return k | 0;
      }
    }
    if (lam === Infinity) return 2147483647;
    const slam = Math.sqrt(lam);
    const loglam = det_log(lam);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const logalpha = det_log(1.1239 + 1.1328 / (b - 3.4));
    const vr = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
      const u = rand(rngPtr) - 0.5;
      const v = rand(rngPtr);
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2.0 * a) / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) return toI32(k);
      if (k < 0.0 || (us < 0.013 && v > us)) continue;
      if (det_log(v) + logalpha - det_log(a / (us * us) + b) <= -lam + k * loglam - logFactorial(k)) {
        return toI32(k);
      }
    }
  }

  function binomialLeHalf(rngPtr: number, n: number, p: number): number {
    const nf = n;
    const q = 1.0 - p;
    const np = nf * p;
    if (np < 10.0) {
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
      return x | 0;
    }
    const spq = Math.sqrt(np * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = np + 0.5;
    const vr = 0.92 - 4.2 / b;
    const r = p / q;
    const alpha = (2.83 + 5.1 / b) * spq;
    const m = Math.floor((nf + 1.0) * p);
    const nm = nf - m + 1.0;
    const h = (m + 0.5) * det_log((m + 1.0) / (r * nm)) + stirlingTail(m) + stirlingTail(nf - m);
    for (;;) {
      const u = rand(rngPtr) - 0.5;
      let v = rand(rngPtr);
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2.0 * a) / us + b) * u + c);
      if (us >= 0.07 && v <= vr) return k | 0;
      if (k < 0.0 || k > nf) continue;
      v = det_log((v * alpha) / (a / (us * us) + b));
      const nk = nf - k + 1.0;
      const bound = h + (nf + 1.0) * det_log(nm / nk) + (k + 0.5) * det_log((nk * r) / (k + 1.0)) - stirlingTail(k) - stirlingTail(nf - k);
      if (v <= bound) return k | 0;
    }
  }

  function binomial(rngPtr: number, n: number, p: number): number {
    n |= 0;
    if (n <= 0 || !(p > 0.0)) return 0;
    if (p >= 1.0) return n;
    if (p > 0.5) return (n - binomialLeHalf(rngPtr, n, 1.0 - p)) | 0;
    return binomialLeHalf(rngPtr, n, p);
  }

  function timedarray_1d(values: number, t: number, eps: number, K: number, n: number): number {
    if (f64.length === 0) refreshViews();
    return f64[(values >>> 3) + timedarray_index(t, eps, K, n)]!;
  }

  function timedarray_2d(values: number, t: number, eps: number, K: number, nrows: number, ncols: number, i: number): number {
    if (i < 0 || i >= ncols) return NaN;
    if (f64.length === 0) refreshViews();
    const row = timedarray_index(t, eps, K, nrows);
    return f64[(values >>> 3) + row * ncols + i]!;
  }

  return {
    memory,
    refreshViews,
    rng_seed,
    rand,
    randn,
    poisson,
    binomial,
    timedarray_1d,
    timedarray_2d,
    det_log,
    det_exp,
    det_expm1,
    det_log1p,
    det_sinh,
    det_cosh,
    det_tanh,
    exprel,
    sign,
    clip,
    pymod,
    pyfloordiv,
    pymod_int,
    pyfloordiv_int,
    timestep,
    round_half_even,
    timedarray_index,
  };
}
