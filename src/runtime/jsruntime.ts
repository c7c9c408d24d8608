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

// 2^(j/128) as hi + lo parts (tools/tables/exp_table.py), for det_exp.
const EXP_T_HI = new Float64Array([1.0, 1.0054299011128027, 1.0108892860517005, 1.016378314910953, 1.0218971486541166, 1.0274459491187637, 1.0330248790212284, 1.0386341019613787, 1.0442737824274138, 1.0499440858006872, 1.0556451783605572, 1.061377227289262, 1.0671404006768237, 1.0729348675259756, 1.0787607977571199, 1.0846183622133092, 1.0905077326652577, 1.0964290818163769, 1.102382583307841, 1.1083684117236787, 1.1143867425958924, 1.1204377524096067, 1.1265216186082418, 1.1326385195987192, 1.1387886347566916, 1.1449721444318042, 1.1511892299529827, 1.1574400736337511, 1.1637248587775775, 1.1700437696832502, 1.1763969916502812, 1.182784710984341, 1.189207115002721, 1.1956643920398273, 1.202156731452703, 1.2086843236265816, 1.215247359980469, 1.2218460329727576, 1.22848053610687, 1.2351510639369334, 1.241857812073484, 1.2486009771892048, 1.255380757024691, 1.2621973503942507, 1.2690509571917332, 1.275941778396392, 1.2828700160787783, 1.2898358734066657, 1.2968395546510096, 1.3038812651919358, 1.3109612115247644, 1.318079601266064, 1.3252366431597413, 1.3324325470831615, 1.339667524053303, 1.3469417862329458, 1.3542555469368927, 1.3616090206382248, 1.3690024229745905, 1.3764359707545302, 1.383909881963832, 1.3914243757719262, 1.3989796725383112, 1.4065759938190154, 1.4142135623730951, 1.4218926021691656, 1.42961333839197, 1.4373759974489824, 1.4451808069770467, 1.4530279958490526, 1.460917794180647, 1.4688504333369818, 1.4768261459394993, 1.4848451658727524, 1.4929077282912648, 1.5010140696264256, 1.5091644275934228, 1.5173590411982147, 1.5255981507445384, 1.533881997840956, 1.5422108254079407, 1.550584877685, 1.559004400237837, 1.567469639965553, 1.5759808451078865, 1.5845382652524937, 1.593142151342267, 1.6017927556826934, 1.6104903319492543, 1.6192351351948637, 1.6280274218573478, 1.6368674497669644, 1.645755478153965, 1.6546917676561943, 1.6636765803267364, 1.6727101796415966, 1.681792830507429, 1.6909247992693053, 1.7001063537185235, 1.709337763100463, 1.718619298122478, 1.7279512309618377, 1.7373338352737062, 1.746767386199169, 1.7562521603732995, 1.7657884359332727, 1.7753764925265212, 1.785016611318935, 1.7947090750031072, 1.804454167806624, 1.8142521755003989, 1.8241033854070534, 1.8340080864093424, 1.843966568958626, 1.8539791250833855, 1.864046048397789, 1.8741676341103, 1.8843441790323345, 1.8945759815869656, 1.9048633418176741, 1.9152065613971474, 1.925605943636125, 1.9360617934922943, 1.9465744175792332, 1.9571441241754002, 1.9677712232331759, 1.978456026387951, 1.9891988469672663]);
const EXP_T_LO = new Float64Array([0.0, 9.499186535455032e-17, -1.5234778603368577e-17, -5.77217007319966e-17, 5.109225028973444e-17, -4.9560741746453704e-17, 7.600838874027088e-18, 5.996273788852511e-17, 8.551889705537965e-17, 5.592937848127003e-17, 1.759325738772092e-18, -1.1973537085365658e-17, -7.899853966841582e-17, -3.839668843358824e-18, -6.656660436056593e-17, 3.166152845816346e-17, -3.046782079812471e-17, -5.919933484449316e-17, 5.2660368715706944e-17, -8.786813845180527e-17, 1.0410278456845571e-16, -6.201085906554179e-17, 5.165856758795457e-17, 3.237356166738e-17, 8.912812676025408e-17, 4.6412898921700107e-17, 3.250710218863827e-17, -9.1238712311344e-17, 3.8292048369240935e-17, -1.8477442017900047e-18, 5.554203254218079e-17, 1.542975430079076e-17, 3.982015231465646e-17, 4.6166036704814814e-17, 6.644981499252301e-17, -4.746725945228984e-17, -7.712630692681488e-17, -1.0611021211402691e-16, -1.89878163130253e-17, -1.0755244344307841e-16, 4.658027591836937e-17, -8.261810999021964e-17, -6.7113898212968784e-18, -3.0844648874738465e-17, 2.667932131342186e-18, 9.91543024421429e-17, 1.713594918243561e-17, 8.949257530897592e-17, 2.5382502794888315e-17, 8.647675598267871e-17, -7.181536135519454e-17, -5.4579558271491535e-17, -2.8587312100388614e-17, -5.101586630916744e-17, 8.927282594831732e-17, 3.224065101254679e-17, 7.70094837980299e-17, 1.533787661270668e-18, 9.593797919118849e-17, -6.898588935871801e-17, -6.770511658794786e-17, -4.9061748652889893e-17, -9.614213209051323e-17, 7.034914812136422e-18, -9.667293313452913e-17, -1.6077828915890244e-17, -1.2031642489053655e-17, -4.2040340164675566e-17, -3.0237581349939873e-17, -5.779948609396106e-17, -5.600377186075216e-17, 8.465882756533628e-17, -3.483994556892796e-17, 1.0780086764407481e-16, 1.4192920154284036e-17, -6.413767275790235e-17, -1.016455327754295e-16, -4.308699472043341e-17, -1.1024941712342561e-16, 8.875226844438446e-17, 7.949834809697621e-17, -1.4600706590689385e-17, 3.7812070533575275e-17, -1.0352061768849722e-16, -1.0136916471278304e-17, -1.9337717034585703e-17, -1.0094406542311964e-16, -6.054917453527784e-17, 2.4707192569797888e-17, 2.0941334154229092e-17, -6.712955084707084e-17, 7.698325071319876e-17, -1.0125679913674773e-16, 9.643294303196029e-17, 5.8909926967131e-17, -5.476715964599563e-17, 8.199010020581497e-17, -9.66967147439488e-17, -8.0237193703977e-18, -9.868779456632931e-17, -1.851380418263111e-17, -1.0750981861204642e-16, 3.164389299292957e-17, -1.0752290483507515e-16, 2.960140695448873e-17, 9.461315018083268e-17, 6.429731796556572e-17, 1.5330400121031314e-17, 1.8227458427912087e-17, -5.177222408793318e-17, -9.969531538920349e-17, -1.0159627862277083e-16, 3.283107224245627e-17, -5.939742026949965e-17, 9.761887490727594e-17, 6.540912680620572e-17, -6.122763413004143e-17, -8.226593125533711e-17, 3.4034035352165297e-17, 6.533857514718279e-17, -1.0619946056195963e-16, -9.914963769693741e-17, 1.0332385960676326e-16, 6.811022349533877e-17, 8.960767791036668e-17, -1.0314928011531132e-16, 4.0388753109278167e-17, 8.2051326383692e-18]);

/**
 * Exponential by table (Tang's method): x = (128·e + j)·ln2/128 + r with
 * |r| ≤ ln2/256, exp(x) = 2^e · 2^(j/128) · exp(r), exp(r) − 1 by a degree-6
 * polynomial (twin of assembly/runtime.ts).
 */
export function det_exp(x: number): number {
  if (!(Math.abs(x) < 708.0)) return expOutside(x);
  // Round x·128/ln2 to the nearest integer by adding 1.5·2^52.
  const kd = x * 184.6649652337873 + 6755399441055744.0 - 6755399441055744.0;
  const k = kd | 0;
  const r = x - kd * 0.005415212348452769 - kd * -3.2819649005320973e-13;
  // exp(r) − 1 to degree 5 (the next term is below 1e-18 relative), grouped for short dependency chains.
  const r2 = r * r;
  const p = r + r2 * (0.5 + r * 0.16666666666666666) + r2 * r2 * (0.041666666666666664 + r * 0.008333333333333333);
  const j = k & 127;
  const th = EXP_T_HI[j]!;
  return (th + (EXP_T_LO[j]! + th * p)) * POW2[1074 + (k >> 7)]!;
}

/** det_exp for |x| ≥ 708 and NaN (twin of rt_exp_outside). */
function expOutside(x: number): number {
  if (x !== x) return x + x;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0.0;
  const kd = x * 184.6649652337873 + 6755399441055744.0 - 6755399441055744.0;
  const k = kd | 0;
  const r = x - kd * 0.005415212348452769 - kd * -3.2819649005320973e-13;
  // exp(r) − 1 to degree 5 (the next term is below 1e-18 relative), grouped for short dependency chains.
  const r2 = r * r;
  const p = r + r2 * (0.5 + r * 0.16666666666666666) + r2 * r2 * (0.041666666666666664 + r * 0.008333333333333333);
  const j = k & 127;
  const e = k >> 7;
  const th = EXP_T_HI[j]!;
  const y = th + (EXP_T_LO[j]! + th * p);
  if (e > 1023) return y * 2.0 * POW2[1074 + e - 1]!;
  if (e >= -1022) return y * POW2[1074 + e]!;
  return y * POW2[1074 + e + 54]! * 5.551115123125783e-17;
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
