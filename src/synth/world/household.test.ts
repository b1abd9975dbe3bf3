import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feminineFormOf } from './household.ts';
import { testHouseholds as households } from './test-households.ts';

describe('generateHousehold', () => {
  const world = households(20_000);
  const people = world.flatMap((h) => h.members.map((m) => ({ household: h, ...m })));

  it('makes dense, multigenerational homes: a grandparent, parents and several adult children', () => {
    const dense = world.filter((h) => h.members.length >= 5);
    const multigenerational = world.filter((h) => h.members.some((m) => m.role === 'parent'));
    assert.ok(dense.length > world.length / 100, `${dense.length} dense households`);
    assert.ok(multigenerational.length > world.length / 50, `${multigenerational.length} with a grandparent`);
    assert.ok(multigenerational.every((h) => h.members.length >= 3 && h.members[0]?.role === 'head'));
  });

  it('names three generations after one man: the grandfather (Sr or nothing), the head Jr or II, his son III', () => {
    const thirds = people.filter((p) => p.person.suffix === 'III');
    assert.ok(thirds.length > 0);
    for (const third of thirds) {
      const line = third.household.members.filter(
        (m) => m.person.given === third.person.given && m.person.middle === third.person.middle,
      );
      assert.deepEqual(
        line.map((m) => m.role).sort(),
        ['child', 'head', 'parent'],
        `${third.person.given} ${third.person.surnames.join(' ')}`,
      );
      assert.match(line.find((m) => m.role === 'head')?.person.suffix ?? '', /^(Jr|II)$/);
      assert.match(line.find((m) => m.role === 'parent')?.person.suffix ?? 'x', /^(Sr|)$/);
    }
  });

  it('gives the same surname twice as often as two parents share it, and a Spanish-named child both parents’ first surnames', () => {
    const doubled = people.filter(
      (p) => p.person.surnames.length === 2 && p.person.surnames[0] === p.person.surnames[1],
    );
    assert.ok(doubled.length > 0);
    for (const household of world.filter((h) => h.group === 'hispanic')) {
      const father = household.members.find((m) => m.role === 'head' && m.person.sex === 'M');
      for (const child of household.members.filter(
        (m) => m.role === 'child' && m.person.surnames.length === 2,
      ))
        if (father && father.person.surnames.length === 2)
          assert.ok(
            child.person.surnames[0] === father.person.surnames[0] ||
              child.person.surnames.join() === father.person.surnames.join(),
            `${child.person.surnames.join(' ')} / ${father.person.surnames.join(' ')}`,
          );
    }
  });
});

describe('feminineFormOf', () => {
  it('names a sister twin after her brother: O made A, or A added after a consonant', () => {
    assert.equal(feminineFormOf('Mario'), 'Maria');
    assert.equal(feminineFormOf('Francisco'), 'Francisca');
    assert.equal(feminineFormOf('Daniel'), 'Daniela');
    assert.equal(feminineFormOf('Joshua'), undefined);
    assert.equal(feminineFormOf('José Luis'), undefined);
  });
});
