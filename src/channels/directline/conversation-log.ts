/**
 * Each Direct Line conversation's activities, kept in the store's append-only log so that a page
 * reload (history from watermark 0) and a server restart find them again. An activity's position
 * in the log is its watermark; its id is `<conversation id>|<position>`, as Azure's look.
 * Listeners (open WebSocket streams) hear about appends made by this process.
 */
import { EventEmitter } from 'node:events';
import { HttpError } from '../../http/server.ts';
import type { Store } from '../../store/types.ts';

export type Activity = Record<string, unknown> & { type: string };

export interface ActivitySet {
  activities: Activity[];
  /** The position after the last activity returned: the client's next watermark. */
  watermark: number;
}

export interface ConversationLog {
  /** Appends the activities; returns their ids, in order. */
  append(conversationId: string, activities: readonly Activity[]): Promise<string[]>;
  read(conversationId: string, watermark: number): Promise<ActivitySet>;
  /** Calls `listener` after each append to the conversation; returns the unsubscribe function. */
  subscribe(conversationId: string, listener: () => void): () => void;
}

const logName = (conversationId: string) => `directline:${conversationId}`;
const activityId = (conversationId: string, position: number) =>
  `${conversationId}|${String(position).padStart(7, '0')}`;

export function createConversationLog(store: Store): ConversationLog {
  const appended = new EventEmitter();
  // One listener per open stream; a busy page may open several.
  appended.setMaxListeners(0);

  return {
    async append(conversationId, activities) {
      if (activities.length === 0) return [];
      const length = await store.logAppend(
        logName(conversationId),
        activities.map((activity) => JSON.stringify(activity)),
      );
      appended.emit(conversationId);
      const first = length - activities.length;
      return activities.map((_, index) => activityId(conversationId, first + index));
    },

    async read(conversationId, watermark) {
      const entries = await store.logRead(logName(conversationId), watermark);
      return {
        activities: entries.map((entry, index) => ({
          ...(JSON.parse(entry) as Activity),
          id: activityId(conversationId, watermark + index),
        })),
        watermark: watermark + entries.length,
      };
    },

    subscribe(conversationId, listener) {
      appended.on(conversationId, listener);
      return () => appended.off(conversationId, listener);
    },
  };
}

/** `?watermark=`: a position in the log; absent or empty means from the start. */
export function watermarkOf(url: URL): number {
  const raw = url.searchParams.get('watermark') ?? '';
  if (raw === '' || raw === '-') return 0;
  const watermark = Number(raw);
  if (!Number.isSafeInteger(watermark) || watermark < 0)
    throw new HttpError(400, 'watermark must be a count');
  return watermark;
}
