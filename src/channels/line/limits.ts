/**
 * The LINE Messaging API limits this channel respects, in one place.
 * Source: https://developers.line.biz/en/reference/messaging-api/ (message, action and Flex objects)
 * and https://developers.line.biz/en/docs/messaging-api/text-character-count/ (how characters count).
 */

/** Message objects in one reply or push request. */
export const MAX_MESSAGES_PER_REQUEST = 5;
/** Items in one quick reply. */
export const MAX_QUICK_REPLY_ITEMS = 13;
/** A text message, counted in UTF-16 code units. */
export const MAX_TEXT_LENGTH = 5000;
/** An action label on a quick reply button, counted in grapheme clusters. */
export const MAX_ACTION_LABEL = 20;
/** A postback action's `data`. */
export const MAX_POSTBACK_DATA = 300;
/** A postback action's `displayText` (echoed in the chat as the user's message). */
export const MAX_DISPLAY_TEXT = 300;
/** A Flex message's `altText` (shown in notifications and the chat list). */
export const MAX_ALT_TEXT = 1500;
/** Bubbles in one Flex carousel. */
export const MAX_CAROUSEL_BUBBLES = 12;
/** The JSON of one Flex bubble, in bytes. */
export const MAX_BUBBLE_BYTES = 30_000;
/** The JSON of one Flex carousel, in bytes. */
export const MAX_CAROUSEL_BYTES = 50_000;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Length as LINE counts action labels: grapheme clusters (an emoji with modifiers is one). */
export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}

/**
 * True when `text` has at most `max` grapheme clusters. Each cluster is at least one UTF-16 code
 * unit, so a string no longer than `max` units fits without segmenting it (most labels).
 */
export function fitsGraphemes(text: string, max: number): boolean {
  return text.length <= max || graphemeLength(text) <= max;
}
