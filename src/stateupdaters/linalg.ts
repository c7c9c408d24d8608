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

/** Whether a 2×2 matrix has complex eigenvalues (larger matrices are not checked). */
export function hasComplexEigenvalues(a: Matrix): boolean {
  if (a.length !== 2) return false;
  const [[p, q], [r, s]] = a as [[number, number], [number, number]];
  const tr = p + s;
  const det = p * s - q * r;
  return tr * tr - 4 * det < 0;
}
