import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cognatesOf } from './given-name-cognates.ts';
import { canonicalGivenName, formalGivenNames, formalGivenNamesAllowingTypo } from './nicknames.ts';
import { normalizePersonName } from './person-name.ts';

describe('normalizePersonName', () => {
  it('folds case, accents and ñ', () => {
    const name = normalizePersonName('José', 'María', 'Núñez');
    assert.equal(name.given, 'JOSE');
    assert.equal(name.middle, 'MARIA');
    assert.equal(name.surname, 'NUNEZ');
  });

  it('drops surname particles so DE LA CRUZ and CRUZ compare', () => {
    assert.equal(normalizePersonName('Ana', '', 'de la Cruz').surname, 'CRUZ');
    assert.equal(normalizePersonName('Jan', '', 'van der Berg').surname, 'BERG');
  });

  it('splits two surnames joined by a hyphen or by Y', () => {
    for (const written of ['García-López', 'García y López', 'GARCIA LOPEZ']) {
      const name = normalizePersonName('Ana', '', written);
      assert.equal(name.surname1, 'GARCIA', written);
      assert.equal(name.surname2, 'LOPEZ', written);
    }
  });

  it('joins an apostrophe instead of splitting on it', () => {
    assert.equal(normalizePersonName('Sean', '', "O'Brien").surname, 'OBRIEN');
  });

  it('keeps a generational suffix as its own field, in one spelling', () => {
    assert.deepEqual(
      [
        normalizePersonName('John', '', 'Smith Jr.').suffix,
        normalizePersonName('John', '', 'Smith, Senior').suffix,
      ],
      ['JR', 'SR'],
    );
    const name = normalizePersonName('John', '', 'Smith III');
    assert.equal(name.surname, 'SMITH');
    assert.equal(name.suffix, 'III');
  });

  it('does not take a one-token surname for a suffix', () => {
    assert.equal(normalizePersonName('Ana', '', 'Sr').surname, 'SR');
  });

  it('keeps a compound given name whole and canonicalizes its first token', () => {
    const name = normalizePersonName('María José', '', 'Pérez');
    assert.equal(name.given, 'MARIA JOSE');
    assert.equal(name.givenCanonical, 'MARIA');
  });

  it('maps English and Spanish hypocorisms to the formal name', () => {
    const pairs = [
      ['BILL', 'WILLIAM'],
      ['PEPE', 'JOSE'],
      ['PACO', 'FRANCISCO'],
      ['LUPE', 'GUADALUPE'],
      ['CHUCHO', 'JESUS'],
      ['PEGGY', 'MARGARET'],
    ];
    for (const [nickname = '', formal] of pairs) assert.equal(canonicalGivenName(nickname), formal);
  });

  it('maps the hypocorisms a request may use that the table lacked, and keeps the common English ones single-minded', () => {
    const pairs = [
      ['LIAM', 'WILLIAM'],
      ['LOTTIE', 'CHARLOTTE'],
      ['ZEKE', 'EZEKIEL'],
      ['OLLIE', 'OLIVER'],
      ['KIKE', 'ENRIQUE'],
      ['SAL', 'SALVADOR'],
      ['TONA', 'ANTONIA'],
      ['CHECHO', 'SERGIO'],
      ['TERRENCE', 'TERENCE'],
    ];
    for (const [nickname = '', formal] of pairs) assert.equal(canonicalGivenName(nickname), formal, nickname);
    assert.deepEqual(formalGivenNames('LEO'), ['LEONARD', 'LEONARDO']);
    // The Spanish names whose US forms are, far more often, the English names' (JOHNNY, BOB, RICK,
    // PETE, STEVE for JUAN, ROBERTO, RICARDO, PEDRO, ESTEBAN) are not added: BOB against ROBERT
    // would fall from "same formal name" to the weaker "may stand for". They meet the Spanish name
    // through its English form instead (given-name-cognates.ts), at that weaker level.
    for (const [nickname = '', formal] of [
      ['JOHNNY', 'JOHN'],
      ['BOB', 'ROBERT'],
      ['RICK', 'RICHARD'],
      ['PETE', 'PETER'],
      ['STEVE', 'STEPHEN'],
    ])
      assert.equal(canonicalGivenName(nickname), formal, nickname);
  });

  it('leaves a nickname of two formal names unmapped', () => {
    // LALO is both EDUARDO and GERARDO.
    assert.equal(canonicalGivenName('LALO'), 'LALO');
  });

  it('lists every formal name a nickname may stand for, and a plain name stands for itself', () => {
    assert.deepEqual(formalGivenNames('LALO'), ['EDUARDO', 'GERARDO']);
    assert.ok(
      formalGivenNames('ALEX').includes('ALEJANDRO') && formalGivenNames('ALEX').includes('ALEXANDER'),
    );
    assert.deepEqual(formalGivenNames('ZEFERINO'), ['ZEFERINO']);
    // With each formal name's Spanish form (given-name-cognates.ts): CATALINA for CATHERINE.
    assert.equal(normalizePersonName('Kathy', '', 'Martin').givenForms, 'CATALINA CATHERINE KATHLEEN');
  });

  it('reads a nickname mistyped by a typist as standing for its formal name too', () => {
    // Each formal name with its form in the other language (JAMES, JAIME; JOSE, JOSEPH).
    assert.deepEqual(formalGivenNamesAllowingTypo('JIMY'), ['JAIME', 'JAMES', 'JIMY']);
    assert.deepEqual(formalGivenNamesAllowingTypo('JIMNY'), ['JAIME', 'JAMES', 'JIMNY']);
    assert.deepEqual(formalGivenNamesAllowingTypo('PEPPE'), ['JOSE', 'JOSEPH', 'PEPPE']);
    assert.deepEqual(formalGivenNamesAllowingTypo('MIEK'), ['MICHAEL', 'MIEK', 'MIGUEL']);
    assert.equal(normalizePersonName('Boby', '', 'Smith').givenForms, 'BOBY ROBERT ROBERTO');
    // The canonical form is not guessed from a typo.
    assert.equal(normalizePersonName('Jimy', '', 'Smith').givenCanonical, 'JIMY');
  });

  it('does not read another name as a mistyped nickname', () => {
    // One letter from a nickname (MARI, DONNY, ROGE, STAN, EMMY, CAROL, GABY, JAKE), or from one but
    // for the first letter (MOLLY), or from a nickname of three letters (JIM: JIN), yet names in
    // their own right.
    // They stand for themselves and their forms in the other language alone (MARK, MARCOS).
    for (const name of ['MARK', 'DONNA', 'ROGER', 'SEAN', 'HOLLY', 'JIN', 'EMMA', 'CARL', 'GARY', 'JAE'])
      assert.deepEqual(formalGivenNamesAllowingTypo(name), [name, ...cognatesOf(name)].sort(), name);
    assert.deepEqual(formalGivenNamesAllowingTypo('MARGARET'), ['MARGARET', 'MARGARITA']);
  });

  it('reads surname particles left at the end of the given or middle name as the surname’s (JUAN DE LA / CRUZ)', () => {
    const whole = normalizePersonName('Juan', '', 'De la Cruz');
    const split: [string, string, string][] = [
      ['Juan de la', '', 'Cruz'],
      ['Juan', 'de la', 'Cruz'],
      ['Juan De', '', 'La Cruz'],
    ];
    for (const [first, middle, last] of split)
      assert.deepEqual(normalizePersonName(first, middle, last), whole, `${first} / ${middle} / ${last}`);
    // Particles that begin a given name, and one-letter ones (an initial), stay.
    assert.equal(normalizePersonName('Maria del Carmen', '', 'Lopez').given, 'MARIA DEL CARMEN');
    assert.equal(normalizePersonName('Maria', 'de los Angeles', 'Lopez').middle, 'DE LOS ANGELES');
    assert.equal(normalizePersonName('John E', '', 'Smith').given, 'JOHN E');
    assert.equal(normalizePersonName('John', 'E', 'Smith').middle, 'E');
    // A given name of particles alone is kept.
    assert.equal(normalizePersonName('De', '', 'Cruz').given, 'DE');
  });

  it('keeps a middle name of one word that is a particle (VAN, the Vietnamese Văn), and empties a run of particles (DE LA)', () => {
    assert.equal(normalizePersonName('An', 'Van', 'Nguyen').middle, 'VAN');
    assert.equal(normalizePersonName('Juan', 'de la', 'Cruz').middle, null);
    assert.equal(normalizePersonName('Jan', 'van der', 'Berg').middle, null);
    assert.equal(normalizePersonName('Maria', 'Teresa de', 'Leon').middle, 'TERESA');
  });

  it('keeps a surname made only of particles rather than erasing it', () => {
    assert.equal(normalizePersonName('Ana', '', 'La').surname, 'LA');
  });
});

const nameText = fc.string({
  unit: fc.constantFrom(..."aábcdeéfghijklmnñoópqrstuúvwxyz -'.,ÁÉÑ".split('')),
  maxLength: 24,
});

describe('normalizePersonName properties', () => {
  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (first, middle, last) => {
        normalizePersonName(first, middle, last);
      }),
    );
  });

  it('is idempotent: normalizing the normalized name changes nothing', () => {
    fc.assert(
      fc.property(nameText, nameText, nameText, (first, middle, last) => {
        const once = normalizePersonName(first, middle, last);
        const again = normalizePersonName(
          once.given ?? '',
          once.middle ?? '',
          [once.surname, once.suffix].filter(Boolean).join(' '),
        );
        assert.deepEqual(again, once);
      }),
    );
  });

  it('never ends a given or middle name with a surname particle of two letters or more, unless it is nothing else', () => {
    const particles = fc.constantFrom('de', 'del', 'la', 'los', 'van', 'von', 'da', 'dos');
    const word = fc.constantFrom('juan', 'maria', 'carmen', 'e', 'j', 'angeles');
    const field = fc.array(fc.oneof(particles, word), { maxLength: 4 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(field, field, nameText, (first, middle, last) => {
        const name = normalizePersonName(first, middle, last);
        for (const value of [name.given, name.middle]) {
          const parts = value?.split(' ') ?? [];
          const lastPart = parts[parts.length - 1] ?? '';
          const onlyParticles = parts.every(
            (p) => p.length > 1 && ['DE', 'DEL', 'LA', 'LOS', 'VAN', 'VON', 'DA', 'DOS'].includes(p),
          );
          assert.ok(
            onlyParticles ||
              lastPart.length < 2 ||
              !['DE', 'DEL', 'LA', 'LOS', 'VAN', 'VON', 'DA', 'DOS'].includes(lastPart),
            `${first} / ${middle}: ${String(value)}`,
          );
        }
        assert.equal(name.middle === null || name.middle !== '', true);
      }),
    );
  });

  it('ignores case and accents', () => {
    fc.assert(
      fc.property(nameText, nameText, (first, last) => {
        const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
        assert.deepEqual(
          normalizePersonName(first.toUpperCase(), '', last),
          normalizePersonName(plain(first), '', plain(last)),
        );
      }),
    );
  });
});
