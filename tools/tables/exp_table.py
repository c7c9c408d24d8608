"""Table of 2^(j/128), j = 0..127, as a double hi part and a double lo part
(hi + lo equals 2^(j/128) to about 106 bits), for spikeforge's table-driven
exp in assembly/runtime.ts and src/runtime/jsruntime.ts.

Usage: python3 tools/tables/exp_table.py  (needs mpmath)
"""
import mpmath as mp

mp.mp.prec = 300
his, los = [], []
for j in range(128):
    exact = mp.power(2, mp.mpf(j) / 128)
    hi = float(exact)
    lo = float(exact - mp.mpf(hi))
    his.append(repr(hi))
    los.append(repr(lo))
ln2_128 = mp.log(2) / 128
# hi part with 33 significant bits, so k*hi is exact for |k| < 2^20
hi = float(mp.nint(ln2_128 * 2**40) / 2**40)
lo = float(ln2_128 - mp.mpf(hi))
print("LN2_128_HI =", repr(hi))
print("LN2_128_LO =", repr(lo))
print("INV_LN2_128 =", repr(float(128 / mp.log(2))))
print("T_HI =", "[" + ", ".join(his) + "]")
print("T_LO =", "[" + ", ".join(los) + "]")
