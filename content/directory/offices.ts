/**
 * Seed 6: regional immigration services bureaus, their district offices and branches, airport
 * offices and immigration centers, with addresses (romanised, as printed) and phone lines. The seed
 * gives no opening hours for these offices, so none are recorded.
 */
import type { z } from 'zod';
import type { airportSchema, officeSchema } from '../schema.ts';
import { seed } from '../sources.ts';
import { domesticLine, ipOrAbroadLine, line } from './phones.ts';

type OfficeInput = z.input<typeof officeSchema>;

const section6 = seed('6');

function office(
  id: string,
  kind: OfficeInput['kind'],
  address: string,
  phones: OfficeInput['phones'],
  more: Pick<OfficeInput, 'parent' | 'airport' | 'departments'> = {},
): OfficeInput {
  return { id, kind, nameKey: `glossary:office.${id}`, address, phones, ...more, source: section6 };
}

export const offices = [
  office('sapporo-bureau', 'regional-bureau', '12-chome Odori-nishi Chuo-ku, Sapporo-shi Hokkaido 060-0042', [
    domesticLine('0570-003259'),
    ipOrAbroadLine('011-211-5701'),
  ]),
  office('sendai-bureau', 'regional-bureau', '1-3-20 Gorin Miyagino-ku Sendai-shi Miyagi 983-0842', [
    line('022-256-6076', 'general'),
  ]),
  office('tokyo-bureau', 'regional-bureau', '5-5-30 Konan Minato-ku Tokyo 108-8255', [
    domesticLine('0570-034259'),
    ipOrAbroadLine('03-5796-7234'),
  ]),
  office(
    'yotsuya-branch',
    'branch',
    'Yotsuya Tower 14F, 1-6-1, Yotsuya, Shinjuku-ku, Tokyo 160-0004',
    [domesticLine('0570-011000', 8), ipOrAbroadLine('03-5363-3013')],
    {
      parent: 'tokyo-bureau',
      departments: [
        {
          id: 'residence-status-registration-office',
          nameKey: 'glossary:department.residence-status-registration-office',
          phones: [line('03-5363-3032', 'organization-notifications')],
        },
        {
          id: 'online-inspection-section',
          nameKey: 'glossary:department.online-inspection-section',
          phones: [line('03-5363-3030', 'online-applications')],
        },
        {
          id: 'information-processing-section',
          nameKey: 'glossary:department.information-processing-section',
          phones: [line('03-5363-3039', 'examination-records')],
        },
      ],
    },
  ),
  office(
    'narita-airport-office',
    'airport-office',
    "1-1 Narita International Airport Second Terminal bldg.6th floor Aza-Furugome, Furugome Narita-shi Chiba 282-0004 (service de gestion et d'inspection)",
    // The seed prints a second number without saying what it is for.
    [line('0476-34-2222', 'main'), line('0476-34-2211', 'other')],
    { parent: 'tokyo-bureau', airport: 'narita' },
  ),
  office(
    'haneda-airport-office',
    'airport-office',
    '2-6-4 CIQ bldg. Haneda Airport Ota-ku Tokyo 144-0041',
    [line('03-5708-3202', 'general')],
    { parent: 'tokyo-bureau', airport: 'haneda' },
  ),
  office(
    'yokohama-district-office',
    'district-office',
    '10-7 Torihama-cho, Kanazawa-ku, Yokohama-shi Kanagawa 236-0002',
    [domesticLine('0570-045259'), ipOrAbroadLine('045-769-1729')],
    { parent: 'tokyo-bureau' },
  ),
  office('nagoya-bureau', 'regional-bureau', '5-18 Shoho-cho, Minato-ku, Nagoya-shi, Aichi 455-8601', [
    domesticLine('0570-052259'),
    ipOrAbroadLine('052-217-8944'),
  ]),
  office(
    'chubu-airport-office',
    'airport-office',
    '1-1 CIQ bldg.3rd floor CENTRAIR Tokoname-shi, Aichi 479 - 0881',
    [line('0569-38-7410', 'main')],
    { parent: 'nagoya-bureau', airport: 'chubu' },
  ),
  office('osaka-bureau', 'regional-bureau', '1-29-53 Minami-kohoku, Suminoe-ku, Osaka-shi, Osaka 559-0034', [
    domesticLine('0570-064259'),
    ipOrAbroadLine('06-4703-2050'),
  ]),
  office(
    'kansai-airport-office',
    'airport-office',
    'Senshukukonaka 1, Tajiri-cho, Sennan-gun, Osaka 549-0011',
    [line('072-455-1453', 'main')],
    { parent: 'osaka-bureau', airport: 'kansai' },
  ),
  office(
    'kobe-district-office',
    'district-office',
    '29 Kaigan-dori, Chuo-ku, Kobe-shi, Hyogo 650-0024',
    [line('078-391-6377', 'main')],
    { parent: 'osaka-bureau' },
  ),
  office(
    'hiroshima-bureau',
    'regional-bureau',
    '2-31 Kamihatchobori, Naka-ku, Hiroshima-shi, Hiroshima 730-0012',
    [line('082-221-4411', 'main')],
  ),
  office('takamatsu-bureau', 'regional-bureau', '1-1 Marunouchi, Takamatsu-shi, Kagawa 760-0033', [
    line('087-822-5852', 'main'),
  ]),
  office(
    'hamanocho-branch',
    'branch',
    '72-9 Hamanocho, Takamatsu-shi, Kagawa 760-0011',
    [line('087-822-5851', 'main')],
    { parent: 'takamatsu-bureau' },
  ),
  office('fukuoka-bureau', 'regional-bureau', '3-5-25 Maizuru, Chuo-ku, Fukuoka-shi, Fukuoka 810-0073', [
    line('092-717-5420', 'main'),
  ]),
  office(
    'naha-district-office',
    'district-office',
    '1-15-15 Higawa, Naha-shi, Okinawa 900-0022',
    [line('098-832-4185', 'main')],
    { parent: 'fukuoka-bureau' },
  ),
  office(
    'higashi-nihon-immigration-center',
    'immigration-center',
    '1766-1 Kuno-cho, Ushiku-shi, Ibaraki 300-1288',
    [line('029-875-1291', 'main')],
  ),
  office(
    'omura-immigration-center',
    'immigration-center',
    '644-3 Kogashima-machi, Omura-shi, Nagasaki 856-0817',
    [line('0957-52-2121', 'main')],
  ),
];

/** Seed 1-1 i: the seven airports that issue residence cards on arrival. */
export const airports = ['narita', 'haneda', 'chubu', 'kansai', 'shin-chitose', 'hiroshima', 'fukuoka'].map(
  (id) => ({ id, key: `glossary:airport.${id}`, source: seed('1-1') }),
) satisfies z.input<typeof airportSchema>[];
