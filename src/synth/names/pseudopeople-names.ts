import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DeskError } from '../../errors.ts';
import { WeightedTable } from '../prng.ts';
import { embeddedNameSource, type NameSource } from './name-source.ts';
import { NAME_GROUPS, type NameGroup, type Sex } from './name-table.ts';

/** pseudopeople's race_ethnicity values mapped onto the generator's name groups. */
const GROUP_OF: Record<string, NameGroup> = {
  Latino: 'hispanic',
  White: 'white',
  Black: 'black',
  Asian: 'asian',
};

interface NameCount {
  name: string;
  sex: string;
  race: string;
  people: number;
}

/**
 * Names sampled from a pseudopeople folder (decennial_census.parquet, simulated people; IHME,
 * BSD-3): first and last names weighted by how many simulated people carry them, per group and
 * sex. Two-word Latino surnames ("Alonso Tellez") are split into their two surnames, because the
 * generator composes paternal + maternal surnames itself. Middle names still come from the
 * embedded tables (the sample has only initials). Reads the file once; nothing is written.
 */
export async function pseudopeopleNameSource(dir: string): Promise<NameSource> {
  const file = path.join(dir, 'decennial_census.parquet');
  if (!existsSync(file))
    throw new DeskError('INVALID_INPUT', `--names-from ${dir}: no decennial_census.parquet there`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const read = async (column: 'first_name' | 'last_name'): Promise<NameCount[]> => {
      const reader = await connection.runAndReadAll(
        `SELECT ${column} AS name, sex, race_ethnicity AS race, count(DISTINCT simulant_id)::INTEGER AS people
         FROM read_parquet($1) WHERE ${column} IS NOT NULL AND trim(${column}) <> ''
         GROUP BY ALL ORDER BY ALL`,
        [file],
      );
      return reader.getRowObjectsJS() as unknown as NameCount[];
    };
    const firsts = await read('first_name');
    const lasts = await read('last_name');
    const embedded = embeddedNameSource();

    const groupOf = (race: string): NameGroup => GROUP_OF[race] ?? 'white';
    const surnameWeights = new Map<NameGroup, Map<string, number>>(NAME_GROUPS.map((g) => [g, new Map()]));
    for (const row of lasts) {
      const weights = surnameWeights.get(groupOf(row.race));
      for (const token of row.name.trim().split(/\s+/))
        weights?.set(token, (weights.get(token) ?? 0) + row.people);
    }
    const givenWeights = new Map<string, Map<string, number>>();
    for (const row of firsts) {
      const key = `${groupOf(row.race)}|${row.sex === 'Female' ? 'F' : 'M'}`;
      const weights = givenWeights.get(key) ?? new Map<string, number>();
      weights.set(row.name.trim(), (weights.get(row.name.trim()) ?? 0) + row.people);
      givenWeights.set(key, weights);
    }
    const tableOf = (weights: Map<string, number> | undefined) =>
      weights && weights.size > 0 ? new WeightedTable([...weights.entries()]) : null;
    const surnames = new Map(NAME_GROUPS.map((g) => [g, tableOf(surnameWeights.get(g))]));
    const given = new Map([...givenWeights.keys()].map((key) => [key, tableOf(givenWeights.get(key))]));

    return {
      description: `pseudopeople sample ${file}`,
      surname: (rng, group) =>
        (surnames.get(group) ?? surnames.get('white'))?.draw(rng) ?? embedded.surname(rng, group),
      givenName: (rng, group, sex: Sex) =>
        (given.get(`${group}|${sex}`) ?? given.get(`white|${sex}`))?.draw(rng) ??
        embedded.givenName(rng, group, sex),
      middleName: (rng, group, sex) => embedded.middleName(rng, group, sex),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
