import { describe, expect, it } from 'vitest';
import { PROCEDURE_INTENTS } from '../../src/intents.ts';
import { content } from './helpers.ts';

const { procedures } = content;

describe('procedures', () => {
  it('has one entry per procedure intent (find-office is answered from the directory)', () => {
    expect(Object.keys(procedures).sort()).toEqual(
      PROCEDURE_INTENTS.filter((id) => id !== 'find-office').sort(),
    );
  });

  it('names the deadline rule exactly where the seed sets a deadline', () => {
    const withRule = Object.values(procedures).flatMap((procedure) =>
      procedure.deadlineRule ? [[procedure.id, procedure.deadlineRule]] : [],
    );
    expect(Object.fromEntries(withRule)).toEqual({
      'move-in': 'move-in',
      'lost-card': 'lost-card',
      'return-card': 'return-card',
      'extend-stay': 'extend-stay',
      newborn: 'newborn',
      'notify-change': 'notify-change',
      reentry: 'reentry',
    });
  });

  it('asks for the photo with its size and the under-16 exemption', () => {
    const photo = content.documents.find((document) => document.id === 'photo');
    expect(photo).toMatchObject({
      photo: { heightCm: 4, widthCm: 3, takenWithinMonths: 6 },
      notNeededUnderAge: 16,
    });
    for (const id of ['lost-card', 'extend-stay', 'change-status', 'permanent-residence'] as const) {
      expect(procedures[id].documents.map((requirement) => requirement.document)).toContain('photo');
    }
  });
});

describe('corrections to the seed are applied', () => {
  it('lists six no-card cases, with Diplomat (not "Diploma")', () => {
    const cases = procedures['residence-card'].details.noCardCases;
    expect(cases).toHaveLength(6);
    expect(cases.find((c) => c.id === 'diplomat-or-official')?.statuses).toEqual(['diplomat', 'official']);
  });

  it('numbers the acquisition case v, after iv', () => {
    expect(procedures['card-issuance'].details.cases.map((c) => c.item)).toEqual([
      'i',
      'ii',
      'iii',
      'iv',
      'v',
    ]);
  });

  it('has the card surrendered at the port on final departure, and returned within 14 days otherwise', () => {
    const cases = procedures['return-card'].details.cases;
    expect(cases.find((c) => c.id === 'final-departure')).toMatchObject({
      deadline: 'on-departure',
      where: ['port-of-departure'],
    });
    expect(cases.filter((c) => c.deadline === 'return-card').map((c) => c.id)).toEqual([
      'cardholder-died',
      'special-reentry-not-used',
      'naturalised',
    ]);
  });

  it('gives the departure order first condition its two routes since June 2024', () => {
    const { departureOrder } = procedures.deportation.details;
    expect(departureOrder.allConditionsRequired).toBe(true);
    expect(departureOrder.conditions).toHaveLength(6);
    expect(departureOrder.conditions[0]?.routes.map((route) => route.id)).toEqual([
      'appears-before-investigation',
      'declares-intent-after-investigation-starts',
    ]);
  });

  it('records every correction with the content it applies to', () => {
    const ids = content.corrections.map((correction) => correction.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'diplomat-not-diploma',
        'cardholder-dies',
        'final-departure-at-port',
        'acquisition-is-item-v',
        'departure-order-two-routes',
        'photo-six-months',
      ]),
    );
  });
});

describe('section facts', () => {
  it('lists the seven airports that issue cards, each with an office where the seed lists one', () => {
    const airports = procedures['card-issuance'].details.airportsIssuingCards;
    expect(airports).toEqual(['narita', 'haneda', 'chubu', 'kansai', 'shin-chitose', 'hiroshima', 'fukuoka']);
  });

  it('gives the Odaiba postal address and envelope marking for returning a card', () => {
    expect(procedures['return-card'].details.postalAddress).toMatchObject({
      address: 'Tokyo Port Joint Government Building 9F, 2-7-11 Aomi, Koto-ku, Tokyo 135-0064',
      envelopeMarking: 'Return of the Residence Card',
    });
  });

  it('has three notification tables, each under the 14-day rule, and three ways to notify', () => {
    const { tables, ways } = procedures['notify-change'].details;
    expect(tables.map((table) => [table.id, table.statuses.length, table.items.length])).toEqual([
      ['host-organization', 11, 5],
      ['contracting-organization', 9, 5],
      ['spouse', 3, 2],
    ]);
    expect(tables.every((table) => table.deadlineRule === 'notify-change')).toBe(true);
    expect(ways.map((way) => way.place)).toEqual(['regional-bureau', 'by-post', 'online']);
  });

  it('records the HSP threshold and J-Skip criteria', () => {
    const { pointsThreshold, benefits, jSkip } = procedures['highly-skilled'].details;
    expect(pointsThreshold).toBe(70);
    expect(benefits).toHaveLength(3);
    expect(jSkip.tracks.map((track) => [track.id, track.minAnnualIncomeYen])).toEqual([
      ['research-or-engineering', 20_000_000],
      ['business-management', 40_000_000],
    ]);
  });

  it('records the re-entry validity rules', () => {
    const { specialReentry, reentryPermit } = procedures.reentry.details;
    expect(specialReentry).toMatchObject({
      validityYears: 1,
      specialPermanentResidentValidityYears: 2,
      notForStaysOfMonthsOrLess: 3,
      mustDeclareOnEmbarkationCard: true,
      extendableAbroad: false,
    });
    expect(reentryPermit).toMatchObject({ maxYears: 5, specialPermanentResidentMaxYears: 6 });
  });

  it('records the re-entry bans, the last one without limit', () => {
    expect(procedures.deportation.details.reentryBans.map((ban) => ban.years)).toEqual([1, 5, 10, null]);
  });
});
