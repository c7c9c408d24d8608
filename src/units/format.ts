// Brian2's text for quantities and dimensions (Quantity.__str__, get_unit_for_display).
import type { Dimension } from './dimension.ts';
import { formatNumpyScalar } from './float-format.ts';
import type { Quantity } from './quantity.ts';
import { bestUnit, unitForDimension } from './registry.ts';

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
