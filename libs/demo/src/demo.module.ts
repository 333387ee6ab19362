import { Module } from '@nestjs/common';
import { AuthModule } from '@mapwork/auth';
import { CaseFileModule } from '@mapwork/casefile';
import { EvaluationModule } from '@mapwork/evaluation';
import { DemoSeeder } from './demo-seeder';

@Module({ imports: [AuthModule, CaseFileModule, EvaluationModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
