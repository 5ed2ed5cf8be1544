/**
 * The Redis connection of a coordinator or a worker. The first connection must succeed
 * within a few seconds, or the command stops with the reason and the URL (never its
 * password); once connected, a lost connection is retried for as long as it takes, so a
 * Redis restart does not stop a worker fleet. BullMQ duplicates this client for its
 * blocking reads, so every connection shares the URL, TLS and retry settings.
 */
import { Redis } from 'ioredis';
import { InvalidParameterError, RedisConnectionError, messages } from '../core/index.js';

/** How long the first connection may take before the command gives up. */
export const CONNECT_TIMEOUT_MS = 5000;

export interface RedisTarget {
  url: string;
  /** The URL as printed: the password replaced by ***. */
  shown: string;
  tls: boolean;
}

const AUTH_ERROR = /WRONGPASS|NOAUTH|invalid password|invalid username-password/i;
const TLS_ERROR = /certificate|self[- ]signed|SSL|TLS|handshake|wrong version number/i;

export function parseRedisUrl(raw: string): RedisTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidParameterError(messages.redisUrlInvalid(JSON.stringify(redactRedisUrl(raw))));
  }
  if ((url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    throw new InvalidParameterError(messages.redisUrlInvalid(JSON.stringify(redactRedisUrl(raw))));
  }
  return { url: raw, shown: redactRedisUrl(raw), tls: url.protocol === 'rediss:' };
}

/** The URL without its password: redis://user:***@host:port/db. */
export function redactRedisUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password !== '') url.password = '***';
    return url.toString().replace(/\/$/, '');
  } catch {
    // Not a URL: hide whatever stands between "//" (or the start) and "@".
    return raw.replace(/^([^/]*\/\/)?[^@/]*@/, (_, scheme: string | undefined) => `${scheme ?? ''}***@`);
  }
}

/** A connected client, or a RedisConnectionError within `timeoutMs` saying why not. */
export async function connectRedis(target: RedisTarget, timeoutMs = CONNECT_TIMEOUT_MS): Promise<Redis> {
  const client = new Redis(target.url, {
    lazyConnect: true,
    connectTimeout: Math.min(timeoutMs, 3000),
    // BullMQ's workers need null (a blocking read must wait as long as it takes).
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(200 * times, 2000),
  });
  let lastError = 'no answer';
  const onError = (error: Error) => {
    lastError = error.message || String(error);
  };
  client.on('error', onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new RedisConnectionError(messages.redisUnreachable(target.shown, Math.round(timeoutMs / 1000), lastError))), timeoutMs);
      const fail = (error: Error) => {
        const message = error.message || String(error);
        if (AUTH_ERROR.test(message)) {
          clearTimeout(timer);
          reject(new RedisConnectionError(messages.redisAuthFailed(target.shown, message)));
        } else if (target.tls && TLS_ERROR.test(message)) {
          clearTimeout(timer);
          reject(new RedisConnectionError(messages.redisTlsFailed(target.shown, message)));
        }
      };
      client.on('error', fail);
      client.once('ready', () => {
        clearTimeout(timer);
        client.off('error', fail);
        resolve();
      });
      client.connect().catch((error: Error) => {
        onError(error);
        fail(error);
      });
    });
  } catch (error) {
    client.disconnect();
    throw error;
  } finally {
    client.off('error', onError);
  }
  // Later errors (a Redis restart) are retried by the client; an 'error' event with no
  // listener would crash the process, so one listener stays and stays quiet.
  client.on('error', () => {});
  return client;
}
