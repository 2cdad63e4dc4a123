/**
 * Phone lines as the seed prints them, and their `tel:` URIs.
 *
 * Seed 6 prints most bureaus as "0570-… (IP/depuis l'étranger) Téléphone 0xx-…": the 0570 number
 * is a Navi Dial line, which IP phones and callers abroad cannot reach, so the ordinary number
 * printed with it is the IP/abroad line (Tokyo's row, "0570-034259 IP/depuis l'étranger
 * 03-5796-7234", shows the order).
 */
import type { z } from 'zod';
import type { Phone, phoneSchema } from '../schema.ts';

type PhoneInput = z.input<typeof phoneSchema>;

/** A Navi Dial (0570) line, for callers in Japan on an ordinary phone. */
export function domesticLine(display: string, menuOption?: number): PhoneInput {
  const line: PhoneInput = { display, reach: 'domestic', purposeKey: 'glossary:phone-purpose.general' };
  return menuOption === undefined ? line : { ...line, menuOption };
}

/** The line printed for IP phones and callers abroad. */
export function ipOrAbroadLine(display: string, purpose = 'ip-phone-or-abroad'): PhoneInput {
  return { display, reach: 'ip-phone-or-abroad', purposeKey: `glossary:phone-purpose.${purpose}` };
}

/** An ordinary number, reachable from anywhere; `purpose` is what the seed says the line is for. */
export function line(display: string, purpose: string): PhoneInput {
  return { display, reach: 'any', purposeKey: `glossary:phone-purpose.${purpose}` };
}

const JAPAN_COUNTRY_CODE = '81';

/**
 * The `tel:` URI of a line (RFC 3966). Lines meant for callers abroad get the international form
 * (`+81`, without the trunk 0); the others the domestic digits, e.g. `tel:0570013904`.
 */
export function telUri(phone: Pick<Phone, 'display' | 'reach'>): string {
  const digits = phone.display.replace(/\D/g, '');
  return phone.reach === 'ip-phone-or-abroad' ? internationalTelUri(digits) : `tel:${digits}`;
}

/** The international form of any Japanese number, for a caller abroad: `tel:+81357967112`. */
export function internationalTelUri(display: string): string {
  const digits = display.replace(/\D/g, '');
  return `tel:+${JAPAN_COUNTRY_CODE}${digits.replace(/^0/, '')}`;
}
