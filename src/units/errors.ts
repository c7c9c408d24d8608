import type { Dimension } from './dimension.ts';
import { formatDimension } from './format.ts';

/**
 * An operation combined incompatible physical dimensions. The message follows
 * Brian2's DimensionMismatchError.__str__, naming each dimension by its display
 * unit: "Cannot calculate 3. mV + 2. nA, units do not match (units are V and A)."
 */
export class DimensionMismatchError extends Error {
  readonly description: string;
  readonly dims: Dimension[];

  constructor(description: string, ...dims: Dimension[]) {
    // Brian2 builds the text lazily in __str__; building it here means the
    // get_unit() side effect of formatDimension happens at construction.
    super(description + unitsSuffix(dims));
    this.name = 'DimensionMismatchError';
    this.description = description;
    this.dims = dims;
  }
}

function unitsSuffix(dims: readonly Dimension[]): string {
  switch (dims.length) {
    case 0:
      return '';
    case 1:
      return ` (unit is ${formatDimension(dims[0])}).`;
    case 2:
      return ` (units are ${formatDimension(dims[0])} and ${formatDimension(dims[1])}).`;
    default:
      return ` (units are ${dims.map((d) => `(${formatDimension(d)})`).join(' ')}).`;
  }
}

/** A quantity or unit string could not be parsed or evaluated. */
export class UnitParseError extends Error {
  /** The complete text that was being parsed. */
  readonly input: string;

  constructor(input: string, problem: string) {
    super(`Cannot parse '${input}': ${problem}`);
    this.name = 'UnitParseError';
    this.input = input;
  }
}
