// Brian2's text for quantities and dimensions (Quantity.__str__, get_unit_for_display).
import { Dimension } from './dimension.ts';
import { formatNumpyScalar } from './float-format.ts';
import type { Quantity } from './quantity.ts';
import { allUnitNames, bestUnit, getUnit, isDefaultUnitName, unitForDimension } from './registry.ts';

/**
 * Byte-identical to Brian2's str(q) for a scalar Quantity: "10. ms", "0.5 pA",
 * "4400. m^-2 kg^-1 s^3 A". Depends on the display units registered so far
 * (see registerDisplayUnit), exactly as in Brian2.
 *
 * Dimensionless values print like numpy ("0.06666667"); note that Brian2 turns
 * most dimensionless results into Python floats, which print with repr
 * instead (see formatPythonFloat).
 */
export function formatQuantity(q: Quantity): string {
  if (q.dim.isDimensionless) return formatNumpyScalar(q.value);
  const unit = bestUnit(q.value, q.dim);
  if (unit === undefined) return `${formatNumpyScalar(q.value)} ${q.dim.toString()}`;
  return `${formatNumpyScalar(q.value / unit.scale)} ${unit.dispname}`;
}

/**
 * Brian2's get_unit_for_display: "V", "A", "Hz", "S", "1" for dimensionless,
 * SI base units where Brian2 knows no unit. Used in error messages. Like
 * Brian2, this registers a fallback unit when it has to make one up.
 */
export function formatDimension(d: Dimension): string {
  return d.isDimensionless ? '1' : unitForDimension(d).dispname;
}

/** Brian2's str(Dimension), the "dim" strings of brian2tools' export: "m^2 kg s^-3 A^-1". */
export function formatDimensionSI(d: Dimension): string {
  return d.toString();
}

let readable: Map<Dimension, string> | undefined;
const READABLE_BASES = ['V', 'A', 'S', 'F', 'ohm', 'C', 'J', 'W', 'N', 'Pa', 'T', 'Wb', 'H', 'mM', 'm', 'kg', 'mol', 'K', 'cd'];

/** Display names of the scale-1 units, by dimension (V, A, Hz, S, …). */
function readableTable(): Map<Dimension, string> {
  if (!readable) {
    readable = new Map();
    for (const name of allUnitNames()) {
      const u = getUnit(name)!;
      if (u.scale !== 1 || !isDefaultUnitName(name) || u.dim.isDimensionless || readable.has(u.dim)) continue;
      readable.set(u.dim, unitForDimension(u.dim).dispname);
    }
  }
  return readable;
}

/**
 * A dimension for error messages, readable whatever display units happen
 * to be registered: "V", "V/s", "V^2", "A*s^0.5", "1" for dimensionless,
 * SI base units when nothing simpler fits. Registers nothing.
 */
export function describeDimension(d: Dimension): string {
  if (d.isDimensionless) return '1';
  const table = readableTable();
  const direct = table.get(d);
  if (direct) return direct;
  const second = Dimension.of([0, 0, 1, 0, 0, 0, 0]);
  const powers = [1, 2, 3, 4, -1, -2, -3, -4, 0.5, -0.5, 1.5, 2.5];
  const times = [-1, 1, -2, 2, -0.5, 0.5, -1.5, 1.5, -3, 3];
  const byName = new Map([...table].map(([dim, name]) => [name, dim]));
  for (const base of READABLE_BASES) {
    const bd = byName.get(base);
    if (!bd) continue;
    for (const p of powers) {
      const rest = d.div(bd.pow(p));
      if (rest.isDimensionless) return p === 1 ? base : `${base}^${p}`;
      for (const k of times) {
        if (rest !== second.pow(k)) continue;
        const b = p === 1 ? base : `${base}^${p}`;
        const t = Math.abs(k) === 1 ? 's' : `s^${Math.abs(k)}`;
        return k < 0 ? `${b}/${t}` : `${b}*${t}`;
      }
    }
  }
  return d.toString();
}
