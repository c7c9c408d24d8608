/**
 * A discrete Fourier transform of any length, for the power spectra of
 * spike trains and population activity (numpy.fft.fft's job). Lengths that
 * are powers of two use an iterative radix-2 FFT; other lengths (a spectrum
 * with 2 Hz resolution at 1 kHz sampling has 500 points) go through
 * Bluestein's algorithm, which turns the DFT into a power-of-two convolution.
 */

export interface Complex {
  re: Float64Array;
  im: Float64Array;
}

/** X_k = Σ_j x_j·exp(-2πi·jk/n), like numpy.fft.fft. */
export function dft(re: ArrayLike<number>, im?: ArrayLike<number>): Complex {
  const n = re.length;
  const out = { re: Float64Array.from(re), im: im ? Float64Array.from(im) : new Float64Array(n) };
  if (n <= 1) return out;
  if ((n & (n - 1)) === 0) {
    fftInPlace(out.re, out.im, false);
    return out;
  }
  return bluestein(out.re, out.im);
}

/** |X_k|² for k = 0 … n-1. */
export function powerSpectrum(x: ArrayLike<number>): Float64Array {
  const { re, im } = dft(x);
  const p = new Float64Array(re.length);
  for (let k = 0; k < p.length; k++) p[k] = re[k]! * re[k]! + im[k]! * im[k]!;
  return p;
}

/** numpy.fft.fftfreq(n, d): the frequency of each DFT bin, negative ones in the second half. */
export function fftFrequencies(n: number, d: number): Float64Array {
  const val = 1 / (n * d);
  return Float64Array.from({ length: n }, (_, k) => (k < Math.ceil(n / 2) ? k : k - n) * val);
}

/** In-place iterative radix-2 FFT (n a power of two); `inverse` omits the 1/n. */
function fftInPlace(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  // Twiddles from cos/sin directly rather than by recurrence, which loses digits on long transforms.
  const sign = inverse ? 1 : -1;
  const cos = new Float64Array(n / 2);
  const sin = new Float64Array(n / 2);
  for (let k = 0; k < n / 2; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = sign * Math.sin((2 * Math.PI * k) / n);
  }
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step]!;
        const wi = sin[k * step]!;
        const a = start + k;
        const b = a + half;
        const tr = re[b]! * wr - im[b]! * wi;
        const ti = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
}

/** Bluestein's chirp-z: X_k = w_k·Σ_j (x_j·w_j)·conj(w_{k-j}) with w_k = exp(-iπk²/n). */
function bluestein(re: Float64Array, im: Float64Array): Complex {
  const n = re.length;
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // k² mod 2n keeps the angle small, so it stays exact for long signals.
    const angle = (Math.PI * ((k * k) % (2 * n))) / n;
    wr[k] = Math.cos(angle);
    wi[k] = -Math.sin(angle);
  }
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = re[k]! * wr[k]! - im[k]! * wi[k]!;
    ai[k] = re[k]! * wi[k]! + im[k]! * wr[k]!;
  }
  br[0] = wr[0]!;
  bi[0] = -wi[0]!;
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = wr[k]!;
    bi[k] = bi[m - k] = -wi[k]!;
  }
  fftInPlace(ar, ai, false);
  fftInPlace(br, bi, false);
  for (let k = 0; k < m; k++) {
    const r = ar[k]! * br[k]! - ai[k]! * bi[k]!;
    ai[k] = ar[k]! * bi[k]! + ai[k]! * br[k]!;
    ar[k] = r;
  }
  fftInPlace(ar, ai, true);
  const out = { re: new Float64Array(n), im: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const cr = ar[k]! / m;
    const ci = ai[k]! / m;
    out.re[k] = cr * wr[k]! - ci * wi[k]!;
    out.im[k] = cr * wi[k]! + ci * wr[k]!;
  }
  return out;
}
