/** Hostile inputs for the fuzz tests: texts, dates and bodies a person or an attacker might send. */
import fc from 'fast-check';

/** Text as people (and bots) type it: any Unicode, emoji, control characters, up to 5,000 characters. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000\u0007\u001b[31m\r\n',
    '👨‍👩‍👧‍👦🇯🇵🙏🏽',
    '\u202eevil\u202c',
    'menu\u0000',
    '在留カード　なくした',
    '<script>alert(1)</script>',
    '{"choice":"cmd:forget"}',
  ),
  fc.constantFrom('a', 'あ', '😀', 'ب').map((unit) => unit.repeat(5000)),
  fc.string({ unit: 'grapheme', minLength: 4900, maxLength: 5000 }),
);

/** Dates as channels or people might send them: impossible, out of range, malformed, and real. */
export const anyDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '2026-02-29',
    '2024-02-29',
    '99999-01-01',
    '0000-01-01',
    '1899-12-31',
    '2026-13-01',
    '2026-00-10',
    '2026-11-31',
    '2026-1-5',
    '',
    'today',
    '2026-11-25T10:00:00Z',
    '２０２６−１１−２０',
  ),
  fc
    .record({
      year: fc.integer({ min: 0, max: 99999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
    })
    .map(
      ({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    ),
  fc
    .date({
      min: new Date('1950-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10)),
);

/** A date typed as text, in the shapes people use. */
export const typedDate: fc.Arbitrary<string> = fc.oneof(
  anyDate,
  anyDate.map((date) => date.replaceAll('-', '/')),
  fc.constantFrom('30/02/2026', '2026年2月30日', '31.04.2026', '99999年1月1日', 'Feb 30 2026', '2026/02/30'),
);
