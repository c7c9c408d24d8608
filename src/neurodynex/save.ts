/** Writing an exercise's figures to files (Node only). */
import { join } from 'node:path';
import { saveFigure } from '../plot/node.ts';
import type { ExerciseResult } from './exercises.ts';

export type FigureFormat = 'svg' | 'png';

/** Save every figure of `result` as `<outDir>/<name>.<format>` in each format; returns the paths written. */
export async function saveResult(result: ExerciseResult, outDir: string, formats: readonly FigureFormat[] = ['svg', 'png']): Promise<string[]> {
  const paths: string[] = [];
  for (const { name, figure } of result.figures) {
    for (const f of formats) paths.push(await saveFigure(figure, join(outDir, `${name}.${f}`)));
  }
  return paths;
}
