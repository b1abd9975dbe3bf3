/**
 * Name tables are written as compact text ("Name:weight, Name:weight, …") so that a few hundred
 * entries stay readable in review; this parses them once at load.
 */
export function parseWeightedNames(table: string): [string, number][] {
  return table
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [name, weight] = entry.split(':');
      const value = Number(weight);
      if (!name || !(value > 0)) throw new Error(`bad name-table entry "${entry}"`);
      return [name.trim(), value];
    });
}

/** The groups whose name distributions differ enough to matter for linkage (Census race/ethnicity). */
export const NAME_GROUPS = ['hispanic', 'white', 'black', 'asian'] as const;
export type NameGroup = (typeof NAME_GROUPS)[number];
export type Sex = 'F' | 'M';
