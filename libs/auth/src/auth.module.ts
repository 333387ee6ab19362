import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessLogService } from './access-log.service';
import { AdminController } from './admin.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [AuthController, AdminController],
  providers: [UsersRepository, AuthService, UsersService, AccessLogService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService, AccessLogService, UsersRepository],
})
export class AuthModule {}
