import { describe, expect, it } from 'vitest';
import { bureauForPrefecture, internationalTelUri, telUri } from '../../content/index.ts';
import { PREFECTURES } from '../../content/prefectures.ts';
import { content } from './helpers.ts';

describe('bureauForPrefecture()', () => {
  it.each(PREFECTURES)('maps %s to exactly one regional bureau', (prefecture) => {
    const covering = content.directory.jurisdictions.filter((j) => j.prefectures.includes(prefecture));
    expect(covering).toHaveLength(1);
    expect(bureauForPrefecture(content, prefecture).bureau.kind).toBe('regional-bureau');
  });

  it.each([
    ['tokyo', 'tokyo-bureau', undefined],
    ['kanagawa', 'tokyo-bureau', 'yokohama-district-office'],
    ['hyogo', 'osaka-bureau', 'kobe-district-office'],
    ['okinawa', 'fukuoka-bureau', 'naha-district-office'],
    ['hokkaido', 'sapporo-bureau', undefined],
    ['kochi', 'takamatsu-bureau', undefined],
  ] as const)('%s → %s (district office %s)', (prefecture, bureau, districtOffice) => {
    const assignment = bureauForPrefecture(content, prefecture);
    expect(assignment.bureau.id).toBe(bureau);
    expect(assignment.districtOffice?.id).toBe(districtOffice);
  });
});

describe('phone lines', () => {
  const phones = [
    ...content.directory.offices.flatMap((office) => [
      ...office.phones,
      ...office.departments.flatMap((department) => department.phones),
    ]),
    ...content.directory.helpCenters.flatMap((center) => center.phones),
  ];

  it('dials domestic lines with their digits and IP/abroad lines in international form', () => {
    const informationCenter = content.directory.helpCenters.find(
      (center) => center.id === 'information-center',
    );
    const [domestic, abroad] = informationCenter?.phones ?? [];
    expect(domestic && telUri(domestic)).toBe('tel:0570013904');
    expect(abroad && telUri(abroad)).toBe('tel:+81357967112');
    expect(internationalTelUri('0957-52-2121')).toBe('tel:+81957522121');
  });

  it('never offers a Navi Dial (0570) number to callers abroad', () => {
    for (const phone of phones) {
      if (phone.display.startsWith('0570')) expect(phone.reach).toBe('domestic');
      if (phone.reach === 'ip-phone-or-abroad') expect(phone.display.startsWith('0570')).toBe(false);
    }
  });

  it('gives every domestic Navi Dial line an alternative for IP phones and callers abroad', () => {
    const lineSets = [
      ...content.directory.offices.map((office) => office.phones),
      ...content.directory.helpCenters.map((center) => center.phones),
    ];
    for (const lines of lineSets) {
      if (lines.some((phone) => phone.reach === 'domestic')) {
        expect(lines.some((phone) => phone.reach === 'ip-phone-or-abroad')).toBe(true);
      }
    }
  });
});

describe('help centers', () => {
  const byId = (id: string) => content.directory.helpCenters.find((center) => center.id === id);

  it('records weekday hours and closed days', () => {
    expect(byId('information-center')?.hours?.weekdays).toEqual({ opens: '08:30', closes: '17:15' });
    expect(byId('fresc')?.hours?.weekdays).toEqual({ opens: '09:00', closes: '17:00' });
    for (const center of content.directory.helpCenters) {
      expect(center.hours?.closedOn).toEqual([
        'saturday',
        'sunday',
        'national-holidays',
        'year-end-29-dec-to-3-jan',
      ]);
    }
  });

  it('lists the 17 languages of the Information Center, and none invented for FRESC', () => {
    expect(byId('information-center')?.languages?.codes).toHaveLength(17);
    expect(byId('fresc')?.languages).toBeUndefined();
  });

  it('gives no opening hours to offices (the seed has none)', () => {
    for (const office of content.directory.offices) expect(office).not.toHaveProperty('hours');
  });
});
