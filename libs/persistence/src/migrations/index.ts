import { InitialSchema1763900000000 } from './1763900000000-initial-schema';

/** Every migration, in order. Listed explicitly: no glob paths that break under bundling. */
export const MIGRATIONS = [InitialSchema1763900000000];
