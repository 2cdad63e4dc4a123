/**
 * The one typed configuration module: every environment variable Madoguchi reads is declared and
 * validated here at startup (and listed in `.env.example` with its default). A bad value stops the
 * boot with a message that names the variable and the fix.
 */
import { z } from 'zod';

const isoDateTime = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}/.test(value), {
    message: 'must be an ISO date-time such as 2026-11-25T10:00:00+09:00',
  });

const boolean = z
  .enum(['true', 'false', '1', '0', ''])
  .transform((value) => value === 'true' || value === '1');

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_PATH: z.string().min(1).default('data/madoguchi.db'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, {
        message: 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379',
      })
      .optional(),
    REDIS_KEY_PREFIX: z.string().min(1).default('madoguchi:'),
    SESSION_TTL_DAYS: z.coerce.number().positive().max(3650).default(30),
    DEFAULT_LANGUAGE: z.string().min(2).default('en'),
    MADOGUCHI_NOW: isoDateTime.optional(),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    TRUST_PROXY: boolean.default(false),
    // Token buckets: this many requests per minute, also the burst; 0 turns the limit off.
    RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).default(60),
    RATE_LIMIT_PER_USER_PER_MINUTE: z.coerce.number().int().min(0).default(30),
    METRICS_TOKEN: z.string().min(16).optional(),
    HANDOFF_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    HANDOFF_WEBHOOK_SECRET: z.string().min(16).optional(),
    // LINE Developers console → your Messaging API channel: "Basic settings" and "Messaging API" tabs.
    LINE_CHANNEL_SECRET: z.string().min(1).optional(),
    LINE_CHANNEL_ACCESS_TOKEN: z.string().min(1).optional(),
    LINE_API_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    // Reminders' calendar links (`GET /reminders/<token>.ics`): this server's public address and
    // the key that signs the links. Without both, reminders work but no `.ics` link is offered.
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    REMINDER_LINK_SECRET: z.string().min(32).optional(),
    // Self-hosted Direct Line and the web widget (README, "The web chat widget"). The secret authorises
    // POST /directline/tokens/generate (as Azure's Direct Line secret does) and keys the tokens' signature.
    DIRECTLINE_SECRET: z.string().min(32).optional(),
    DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1_800),
    // Pages allowed to embed the widget, besides Madoguchi's own origin: comma-separated origins.
    WIDGET_ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const origins = value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean);
        for (const origin of origins) {
          if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
            ctx.addIssue({
              code: 'custom',
              message: `"${origin}" is not an origin such as https://www.example.org (scheme and host, no path)`,
            });
          }
        }
        return origins;
      }),
    // Token requests per minute from one IP address at the widget's token endpoint.
    WIDGET_TOKENS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
    // Azure Bot resource (README, "Connecting an Azure Bot resource"): POST /api/messages authenticates channel requests
    // with this app id; without it the endpoint runs anonymously for the Bot Framework Emulator.
    MICROSOFT_APP_ID: z.string().min(1).optional(),
    MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
    // Set for a single-tenant bot; a multi-tenant bot leaves it empty.
    MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
    // Anonymous mode only: where replies may be posted (comma-separated URL prefixes); loopback always.
    BOTFRAMEWORK_ALLOWED_SERVICE_URLS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((url) => url.trim())
          .filter(Boolean),
      ),
  })
  .superRefine((config, ctx) => {
    if (config.HANDOFF_WEBHOOK_URL && !config.HANDOFF_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['HANDOFF_WEBHOOK_SECRET'],
        message: 'is required with HANDOFF_WEBHOOK_URL (at least 16 characters) to sign the handoff notices',
      });
    }
    if (config.PUBLIC_BASE_URL && !config.REMINDER_LINK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['REMINDER_LINK_SECRET'],
        message:
          'is required with PUBLIC_BASE_URL (at least 32 random characters, e.g. `openssl rand -base64 32`) to sign calendar links',
      });
    }
    if (config.NODE_ENV === 'production' && config.MADOGUCHI_NOW) {
      ctx.addIssue({
        code: 'custom',
        path: ['MADOGUCHI_NOW'],
        message: 'fixes the clock for demos and tests only; unset it when NODE_ENV=production',
      });
    }
    // The LINE channel needs both secrets: one alone is a half-done setup, not "LINE off".
    const line = {
      LINE_CHANNEL_SECRET: config.LINE_CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: config.LINE_CHANNEL_ACCESS_TOKEN,
    };
    const missing = Object.entries(line).filter(([, value]) => value === undefined);
    if (missing.length === 1) {
      const [[name] = ['']] = missing;
      const other = Object.keys(line).find((key) => key !== name);
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `is missing while ${other} is set; set both to turn the LINE channel on, or neither to leave it off`,
      });
    }
    if (config.MICROSOFT_APP_ID && !config.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_PASSWORD'],
        message:
          "is required with MICROSOFT_APP_ID: the client secret of the Azure Bot resource's app registration",
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError listing every bad variable and how to fix it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape).flatMap((name) =>
      env[name] === undefined || env[name] === '' ? [] : [[name, env[name]]],
    ),
  );
  // Once per process: jitless, like the content (see content/index.ts).
  const result = configSchema.safeParse(known, { jitless: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(config)';
    const given = name in known ? ` (got ${JSON.stringify(known[name])})` : '';
    return `- ${name}${given}: ${issue.message}. Fix it in the environment or in .env (see .env.example).`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
