import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person of a case: child, parent, carer, relative, friend, community or professional. */
@Entity('people')
export class PersonEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId!: string;

  @PrimaryColumn({ name: 'person_id', type: 'varchar', length: 128 })
  personId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  @Column({ name: 'birth_date', type: 'varchar', length: 10, nullable: true })
  birthDate!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  relationship!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;
}
