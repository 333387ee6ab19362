import { InitialSchema1763900000000 } from './1763900000000-initial-schema';
import { EvaluationWorkspaces1763990000000 } from './1763990000000-evaluation-workspaces';
import { ScoringSheets1764000000000 } from './1764000000000-scoring-sheets';
import { Instruments1764010000000 } from './1764010000000-instruments';
import { Audits1764020000000 } from './1764020000000-audits';
import { ListIndexes1764100000000 } from './1764100000000-list-indexes';
import { UserContactDetails1764200000000 } from './1764200000000-user-contact-details';
import { WebSessions1764300000000 } from './1764300000000-web-sessions';
import { TamperEvidence1764400000000 } from './1764400000000-tamper-evidence';

/** Every migration, in order. Listed explicitly: no glob paths that break under bundling. */
export const MIGRATIONS = [
  InitialSchema1763900000000,
  EvaluationWorkspaces1763990000000,
  ScoringSheets1764000000000,
  Instruments1764010000000,
  Audits1764020000000,
  ListIndexes1764100000000,
  UserContactDetails1764200000000,
  WebSessions1764300000000,
  TamperEvidence1764400000000,
];
