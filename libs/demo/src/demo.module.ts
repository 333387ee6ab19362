import { Module } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { CaseFileModule } from '@mapwork/casefile';
import { DemoSeeder } from './demo-seeder';

@Module({ imports: [AuthModule, CaseFileModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
