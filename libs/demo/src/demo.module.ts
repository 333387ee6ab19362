import { Module } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { CaseworkModule } from '@mapwork/casework';
import { RevisionsModule } from '@mapwork/revisions';
import { DemoSeeder } from './demo-seeder';

@Module({ imports: [AuthModule, CaseworkModule, RevisionsModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
