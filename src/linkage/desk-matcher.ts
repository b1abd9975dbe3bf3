import type { Matcher } from './matcher.ts';
import { probabilisticMatcher } from './probabilistic-matcher.ts';

/** The matcher the desk decides with: Fellegi–Sunter, EM-trained, precision-first. */
export const deskMatcher: Matcher = probabilisticMatcher;
