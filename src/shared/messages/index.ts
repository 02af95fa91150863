/**
 * The one message catalogue: every Spanish (Chile) string a person reads, from main or the
 * renderer. Code and identifiers stay in English. Each area has a file of its own here; import
 * the catalogue from this index (`shared/messages`), not from those files.
 */
export * from './common';
export * from './search';
export * from './record';
export * from './actions';
export * from './calls';
export * from './audit';
export * from './refusals';
export * from './sync';
export * from './desktop';
export * from './company';
export * from './selection';
export * from './privacy';
export * from './bulk';
export * from './dashboard';
export * from './central-api';
