import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { EvaluationWorkspaces1763990000000 } from './1763990000000-evaluation-workspaces';

/** Every migration, in order. Listed explicitly: no glob paths that break under bundling. */
export const MIGRATIONS = [InitialSchema1763900000000, EvaluationWorkspaces1763990000000];
