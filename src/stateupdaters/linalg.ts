/** Small dense linear algebra for exact integration of coupled linear systems. */
export type Matrix = number[][];

export function identity(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const m = b[0]!.length;
  const out: Matrix = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < n; i++) for (let k = 0; k < b.length; k++) {
    const aik = a[i]![k]!;
    if (aik === 0) continue;
    for (let j = 0; j < m; j++) out[i]![j]! += aik * b[k]![j]!;
  }
  return out;
}

function combine(a: Matrix, b: Matrix, fa: number, fb: number): Matrix {
  return a.map((row, i) => row.map((x, j) => fa * x + fb * b[i]![j]!));
}

/** Solve A·X = B (B a matrix) by Gaussian elimination with partial pivoting; undefined if singular. */
export function solve(a: Matrix, b: Matrix): Matrix | undefined {
  const n = a.length;
  const A = a.map((r) => [...r]);
  const B = b.map((r) => [...r]);
  const scale = Math.max(...A.flat().map(Math.abs), 0);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    if (!(Math.abs(A[p]![c]!) > 1e-14 * scale)) return undefined;
    [A[c], A[p]] = [A[p]!, A[c]!];
    [B[c], B[p]] = [B[p]!, B[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = A[r]![c]! / A[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r]![k]! -= f * A[c]![k]!;
      for (let k = 0; k < B[0]!.length; k++) B[r]![k]! -= f * B[c]![k]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    for (let k = 0; k < B[0]!.length; k++) {
      let s = B[c]![k]!;
      for (let j = c + 1; j < n; j++) s -= A[c]![j]! * B[j]![k]!;
      B[c]![k] = s / A[c]![c]!;
    }
  }
  return B;
}

export function inverse(a: Matrix): Matrix | undefined {
  return solve(a, identity(a.length));
}

/**
 * Diagonal similarity D⁻¹·A·D (powers of two, so exact) that evens out
 * row and column norms (Parlett–Reinsch). Neuron models mix coefficients
 * like 10⁶ V/A·s⁻¹ and 10⁻⁸ A/V·s⁻¹, which otherwise ruins the accuracy
 * of the matrix exponential.
 */
function balance(a: Matrix): { b: Matrix; d: number[] } {
  const n = a.length;
  const b = a.map((r) => [...r]);
  const d = new Array<number>(n).fill(1);
  for (let sweep = 0, changed = true; changed && sweep < 100; sweep++) {
    changed = false;
    for (let i = 0; i < n; i++) {
      let c = 0;
      let r = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(b[j]![i]!);
        r += Math.abs(b[i]![j]!);
      }
      if (c === 0 || r === 0) continue;
      let f = 1;
      const s = c + r;
      while (c < r / 2) {
        c *= 2;
        r /= 2;
        f *= 2;
      }
      while (c >= r * 2) {
        c /= 2;
        r *= 2;
        f /= 2;
      }
      if ((c + r) / f < 0.95 * s) {
        changed = true;
        d[i]! *= f;
        for (let j = 0; j < n; j++) b[i]![j]! /= f;
        for (let j = 0; j < n; j++) b[j]![i]! *= f;
      }
    }
  }
  return { b, d };
}

/**
 * Matrix exponential: balancing, then scaling and squaring with a [13/13]
 * Padé approximant (Higham 2005), accurate to a few ulps for the small
 * matrices here.
 */
export function expm(a: Matrix): Matrix {
  const { b: balanced, d } = balance(a);
  const e = expmBalanced(balanced);
  return e.map((row, i) => row.map((x, j) => (x * d[i]!) / d[j]!));
}

function expmBalanced(a: Matrix): Matrix {
  const n = a.length;
  const norm = Math.max(...Array.from({ length: n }, (_, j) => a.reduce((s, row) => s + Math.abs(row[j]!), 0)));
  const theta13 = 5.371920351148152;
  const s = norm > theta13 ? Math.max(0, Math.ceil(Math.log2(norm / theta13))) : 0;
  const A = a.map((row) => row.map((x) => x / 2 ** s));
  const b = [
    64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000, 10559470521600, 670442572800,
    33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
  ];
  const I = identity(n);
  const A2 = multiply(A, A);
  const A4 = multiply(A2, A2);
  const A6 = multiply(A4, A2);
  const lin = (cs: number[], ms: Matrix[]): Matrix => ms.reduce((acc, m, k) => combine(acc, m, 1, cs[k]!), I.map((r) => r.map(() => 0)));
  const U1 = lin([b[13]!, b[11]!, b[9]!], [A6, A4, A2]);
  const U = multiply(A, combine(multiply(A6, U1), lin([b[7]!, b[5]!, b[3]!, b[1]!], [A6, A4, A2, I]), 1, 1));
  const V1 = lin([b[12]!, b[10]!, b[8]!], [A6, A4, A2]);
  const V = combine(multiply(A6, V1), lin([b[6]!, b[4]!, b[2]!, b[0]!], [A6, A4, A2, I]), 1, 1);
  let R = solve(combine(V, U, 1, -1), combine(V, U, 1, 1))!;
  for (let k = 0; k < s; k++) R = multiply(R, R);
  return R;
}

/**
 * Whether a real matrix has eigenvalues with a non-negligible imaginary part
 * (Brian2's exact method gives up on those: sympy's solution would contain
 * complex numbers).
 */
export function hasComplexEigenvalues(a: Matrix): boolean {
  if (a.length === 2) {
    const [[p, q], [r, s]] = a as [[number, number], [number, number]];
    const tr = p + s;
    const det = p * s - q * r;
    return tr * tr - 4 * det < 0;
  }
  if (a.length < 2) return false;
  const scale = Math.max(...a.flat().map(Math.abs), Number.MIN_VALUE);
  return eigenvalues(a).some((l) => Math.abs(l.im) > 1e-9 * scale);
}

/** Eigenvalues of a real square matrix: reduction to Hessenberg form, then the shifted QR algorithm (Numerical Recipes' elmhes + hqr). */
export function eigenvalues(m: Matrix): Array<{ re: number; im: number }> {
  const n = m.length;
  const a = balance(m).b.map((r) => [...r]);
  // Gaussian elimination with pivoting to upper Hessenberg form.
  for (let k = 1; k < n - 1; k++) {
    let x = 0;
    let i = k;
    for (let j = k; j < n; j++) {
      if (Math.abs(a[j]![k - 1]!) > Math.abs(x)) {
        x = a[j]![k - 1]!;
        i = j;
      }
    }
    if (i !== k) {
      for (let j = k - 1; j < n; j++) [a[i]![j], a[k]![j]] = [a[k]![j]!, a[i]![j]!];
      for (let j = 0; j < n; j++) [a[j]![i], a[j]![k]] = [a[j]![k]!, a[j]![i]!];
    }
    if (x !== 0) {
      for (let r = k + 1; r < n; r++) {
        let y = a[r]![k - 1]!;
        if (y === 0) continue;
        y /= x;
        a[r]![k - 1] = y;
        for (let j = k; j < n; j++) a[r]![j]! -= y * a[k]![j]!;
        for (let j = 0; j < n; j++) a[j]![k]! += y * a[j]![r]!;
      }
    }
  }
  for (let r = 2; r < n; r++) for (let c = 0; c < r - 1; c++) a[r]![c] = 0;
  const out: Array<{ re: number; im: number }> = [];
  const EPS = Number.EPSILON;
  let anorm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) anorm += Math.abs(a[i]![j]!);
  const A = (i: number, j: number): number => a[i]![j]!;
  const set = (i: number, j: number, v: number): void => {
    a[i]![j] = v;
  };
  const sign = (x: number, y: number): number => (y >= 0 ? Math.abs(x) : -Math.abs(x));
  let nn = n - 1;
  let t = 0;
  let p = 0;
  let q = 0;
  let r = 0;
  let x = 0;
  let y = 0;
  let z = 0;
  let w = 0;
  let s = 0;
  while (nn >= 0) {
    let its = 0;
    let l = 0;
    do {
      for (l = nn; l > 0; l--) {
        s = Math.abs(A(l - 1, l - 1)) + Math.abs(A(l, l));
        if (s === 0) s = anorm;
        if (Math.abs(A(l, l - 1)) <= EPS * s) {
          set(l, l - 1, 0);
          break;
        }
      }
      x = A(nn, nn);
      if (l === nn) {
        out.push({ re: x + t, im: 0 });
        nn--;
      } else {
        y = A(nn - 1, nn - 1);
        w = A(nn, nn - 1) * A(nn - 1, nn);
        if (l === nn - 1) {
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + sign(z, p);
            out.push({ re: x + z, im: 0 }, { re: z !== 0 ? x - w / z : x + z, im: 0 });
          } else {
            out.push({ re: x + p, im: -z }, { re: x + p, im: z });
          }
          nn -= 2;
        } else {
          if (its === 60) throw new Error('Too many iterations computing eigenvalues');
          if (its === 10 || its === 20) {
            t += x;
            for (let i = 0; i <= nn; i++) set(i, i, A(i, i) - x);
            s = Math.abs(A(nn, nn - 1)) + Math.abs(A(nn - 1, nn - 2));
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          ++its;
          let m = nn - 2;
          for (; m >= l; m--) {
            z = A(m, m);
            r = x - z;
            s = y - z;
            p = (r * s - w) / A(m + 1, m) + A(m, m + 1);
            q = A(m + 1, m + 1) - z - r - s;
            r = A(m + 2, m + 1);
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(A(m, m - 1)) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(A(m - 1, m - 1)) + Math.abs(z) + Math.abs(A(m + 1, m + 1)));
            if (u <= EPS * v) break;
          }
          for (let i = m; i < nn - 1; i++) {
            set(i + 2, i, 0);
            if (i !== m) set(i + 2, i - 1, 0);
          }
          for (let k = m; k < nn; k++) {
            if (k !== m) {
              p = A(k, k - 1);
              q = A(k + 1, k - 1);
              r = k + 1 !== nn ? A(k + 2, k - 1) : 0;
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            s = sign(Math.sqrt(p * p + q * q + r * r), p);
            if (s !== 0) {
              if (k === m) {
                if (l !== m) set(k, k - 1, -A(k, k - 1));
              } else {
                set(k, k - 1, -s * x);
              }
              p += s;
              x = p / s;
              y = q / s;
              z = r / s;
              q /= p;
              r /= p;
              for (let j = k; j <= nn; j++) {
                p = A(k, j) + q * A(k + 1, j);
                if (k + 1 !== nn) {
                  p += r * A(k + 2, j);
                  set(k + 2, j, A(k + 2, j) - p * z);
                }
                set(k + 1, j, A(k + 1, j) - p * y);
                set(k, j, A(k, j) - p * x);
              }
              const mmin = nn < k + 3 ? nn : k + 3;
              for (let i = l; i <= mmin; i++) {
                p = x * A(i, k) + y * A(i, k + 1);
                if (k + 1 !== nn) {
                  p += z * A(i, k + 2);
                  set(i, k + 2, A(i, k + 2) - p * r);
                }
                set(i, k + 1, A(i, k + 1) - p * q);
                set(i, k, A(i, k) - p);
              }
            }
          }
        }
      }
    } while (l + 1 < nn);
  }
  return out;
}
