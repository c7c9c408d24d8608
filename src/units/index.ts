export { Dimension } from './dimension.ts';
export { DimensionMismatchError, UnitParseError } from './errors.ts';
export { formatNumpyScalar, formatPythonFloat } from './float-format.ts';
export { describeDimension, formatDimension, formatDimensionSI, formatQuantity } from './format.ts';
export { parseQuantity, parseUnit, type ParsedUnit } from './parse.ts';
export { Quantity, type QuantityLike, type UnitLike } from './quantity.ts';
export {
  allUnitNames,
  bestUnit,
  getUnit,
  isDefaultUnitName,
  registerDisplayUnit,
  registeredDisplayUnits,
  resetDisplayUnits,
  unitForDimension,
  type Unit,
} from './registry.ts';
