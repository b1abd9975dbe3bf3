import { WeightedTable, type Prng } from '../prng.ts';
import { ASIAN_GENERAL_NAME_SHARE, givenNameTable } from './given-names.ts';
import { NAME_GROUPS, type NameGroup, type Sex } from './name-table.ts';
import { surnameTable } from './surnames.ts';

/** Where the generator draws names from: the embedded published tables, or a sample of simulated people. */
export interface NameSource {
  /** Shown in meta.json so that a folder says where its names came from. */
  readonly description: string;
  /** One surname (it may carry a particle: "de la Cruz"). */
  surname(rng: Prng, group: NameGroup): string;
  /** A given name (it may be compound: "María José"). */
  givenName(rng: Prng, group: NameGroup, sex: Sex): string;
  /** A one-word middle name. */
  middleName(rng: Prng, group: NameGroup, sex: Sex): string;
}

type GroupTables<T> = Record<NameGroup, T>;

function byGroup<T>(build: (group: NameGroup) => T): GroupTables<T> {
  return Object.fromEntries(NAME_GROUPS.map((group) => [group, build(group)])) as GroupTables<T>;
}

/** The default source: the Census and SSA tables in this folder; needs nothing outside the project. */
export function embeddedNameSource(): NameSource {
  const surnames = byGroup((group) => new WeightedTable(surnameTable(group)));
  const given = byGroup((group) => ({
    F: new WeightedTable(givenNameTable(group, 'F')),
    M: new WeightedTable(givenNameTable(group, 'M')),
  }));
  const single = byGroup((group) => ({
    F: new WeightedTable(givenNameTable(group, 'F').filter(([name]) => !name.includes(' '))),
    M: new WeightedTable(givenNameTable(group, 'M').filter(([name]) => !name.includes(' '))),
  }));
  const tableGroup = (rng: Prng, group: NameGroup): NameGroup =>
    group === 'asian' && rng.chance(ASIAN_GENERAL_NAME_SHARE) ? 'white' : group;
  return {
    description: 'embedded Census 2010 surname and SSA given-name tables',
    surname: (rng, group) => surnames[group].draw(rng),
    givenName: (rng, group, sex) => given[tableGroup(rng, group)][sex].draw(rng),
    middleName: (rng, group, sex) => single[tableGroup(rng, group)][sex].draw(rng),
  };
}
