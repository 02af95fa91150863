/**
 * The one message catalogue: every Spanish (Chile) string a person reads, from main or the
 * renderer. Code and identifiers stay in English.
 */
export * from './sync';
