import { exactMatcher } from './exact-matcher.ts';
import type { Matcher } from './matcher.ts';

/** The matcher the desk decides with (the probabilistic one once it lands; exact until then). */
export const deskMatcher: Matcher = exactMatcher;
