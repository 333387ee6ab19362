import { RecordType } from '@mapwork/revisions';
import { ChildVoiceDataDto, MappingDataDto, NetworkMeetingDataDto, SafetyPlanDataDto } from './dto/record-data.dto';

/** How each record type appears in the API. */
export interface RecordKind {
  type: RecordType;
  /** URL segment under /cases/:caseId */
  path: string;
  /** in messages and OpenAPI */
  label: string;
  /** OpenAPI schema names start with this */
  schemaName: string;
  /** prefix of generated record ids */
  idPrefix: string;
  dataDto: new () => object;
}

export const RECORD_KINDS: Record<RecordType, RecordKind> = {
  mapping: { type: 'mapping', path: 'mappings', label: 'mapping', schemaName: 'Mapping', idPrefix: 'm', dataDto: MappingDataDto },
  safety_plan: { type: 'safety_plan', path: 'safety-plans', label: 'safety plan', schemaName: 'SafetyPlan', idPrefix: 'sp', dataDto: SafetyPlanDataDto },
  network_meeting: {
    type: 'network_meeting',
    path: 'network-meetings',
    label: 'network meeting',
    schemaName: 'NetworkMeeting',
    idPrefix: 'nm',
    dataDto: NetworkMeetingDataDto,
  },
  child_voice: { type: 'child_voice', path: 'child-voice', label: "child's voice work", schemaName: 'ChildVoice', idPrefix: 'cv', dataDto: ChildVoiceDataDto },
};
