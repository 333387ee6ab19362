/** The case indicators of fidelity.md, section 2, in their numbered order. Ids are stable API names. */
export const CHECKLIST_INDICATORS = [
  'mapping_recorded',
  'family_involved_in_mapping',
  'danger_statement_recorded',
  'multiple_danger_statements',
  'danger_statements_have_goals',
  'existing_strengths_recorded',
  'existing_safety_recorded',
  'safety_goals_recorded',
  'safety_plan_in_place',
  'safety_plan_reviewed',
  'family_network_meeting_held',
  'child_voice_recorded',
  'words_and_pictures_recorded',
] as const;

/** Depth indicators 14–16: practice quality beyond the evaluation's checklist. */
export const DEPTH_INDICATORS = ['danger_statements_well_formed', 'scale_multiple_perspectives', 'plan_rules_have_network'] as const;

export const INDICATORS = [...CHECKLIST_INDICATORS, ...DEPTH_INDICATORS] as const;
export type IndicatorId = (typeof INDICATORS)[number];

/** true, false, or null (not applicable) */
export type IndicatorValue = boolean | null;
export type IndicatorSet = Record<IndicatorId, IndicatorValue>;

/**
 * Labels for people. The child's-voice labels say "recorded on the file": a file shows what was
 * recorded, not whether the tool was used (the evaluation could not assess use either).
 */
export const INDICATOR_LABELS: Record<IndicatorId, string> = {
  mapping_recorded: 'Mapping recorded',
  family_involved_in_mapping: 'Family involved in mapping',
  danger_statement_recorded: 'Danger statement recorded',
  multiple_danger_statements: 'Two or more danger statements',
  danger_statements_have_goals: 'Every danger statement has a safety goal',
  existing_strengths_recorded: 'Existing strengths recorded',
  existing_safety_recorded: 'Existing safety recorded',
  safety_goals_recorded: 'Safety goals recorded',
  safety_plan_in_place: 'Safety plan in place',
  safety_plan_reviewed: 'Safety plan reviewed as the case went on',
  family_network_meeting_held: 'Family network meeting held',
  child_voice_recorded: 'Three Houses, Wizard and Fairy or Safety House recorded on the file',
  words_and_pictures_recorded: 'Words and Pictures recorded on the file',
  danger_statements_well_formed: 'Danger statements say who is worried, the behaviour and its impact',
  scale_multiple_perspectives: 'Safety scale rated from several perspectives, family among them',
  plan_rules_have_network: 'Every plan rule has someone who makes sure it is kept',
};
