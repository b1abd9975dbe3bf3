import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { citationWithin, formatCitation, parseCitation } from './citation.ts';

describe('statutory citations', () => {
  it('reads the spellings requests use into one canonical citation', () => {
    assert.equal(
      formatCitation(
        parseCitation('Title 8 U.S.C. Section 1253(a)(1)') ?? { title: 0, section: '', subdivisions: [] },
      ),
      '8 U.S.C. § 1253(a)(1)',
    );
    assert.deepEqual(parseCitation('INA 276'), { title: 8, section: '1326', subdivisions: [] });
  });

  it('puts a subdivision within its section, not the other way round', () => {
    const section = parseCitation('8 USC 1253(a)');
    const paragraph = parseCitation('8 USC 1253(a)(1)');
    assert.ok(section && paragraph);
    assert.ok(citationWithin(paragraph, section));
    assert.ok(!citationWithin(section, paragraph));
  });

  it('parses its own canonical form back to the same citation, whatever the spacing and case', () => {
    const citation = fc.record({
      title: fc.integer({ min: 1, max: 54 }),
      section: fc.stringMatching(/^[1-9]\d{0,3}[a-z]?$/),
      subdivisions: fc.array(fc.stringMatching(/^[a-z0-9]{1,3}$/), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(citation, fc.boolean(), (c, lower) => {
        const text = formatCitation(c);
        assert.deepEqual(parseCitation(lower ? text.toLowerCase() : text.replace(/ /g, '  ')), {
          ...c,
          subdivisions: [...c.subdivisions],
        });
      }),
    );
  });
});
