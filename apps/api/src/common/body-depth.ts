import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { RequestValidationError } from './errors';

/** How deep a JSON body may nest: far beyond any request of the API (it nests three levels), far below a stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep the JSON text nests, counted on the text before it is parsed (so a body nested thousands deep costs one
 * pass and never reaches a recursive walk), stopping as soon as the bound is passed.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * The JSON body parser for every route, sign-in included: Fastify's own (prototype and constructor poisoning refused
 * as Nest's default does) behind the depth bound, so a body nested deeper than MAX_JSON_DEPTH is a 400 naming it.
 */
export function limitJsonDepth(app: NestFastifyApplication, limit = MAX_JSON_DEPTH): void {
  const instance = app.getHttpAdapter().getInstance();
  const { bodyLimit, onProtoPoisoning, onConstructorPoisoning } = instance.initialConfig;
  const parse = instance.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    const text = body.toString();
    if (jsonDepthExceeds(text, limit)) {
      const message = `the JSON body nests deeper than ${limit} levels`;
      done(new RequestValidationError([{ field: 'body', rule: 'max-depth', message }]), undefined);
      return;
    }
    parse(request, text, done);
  });
}
