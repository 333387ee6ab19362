import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessLogService } from './access-log.service';
import { AdminController } from './admin.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { UserNames } from './user-names';

@Module({
  controllers: [AuthController, AdminController],
  providers: [UsersRepository, AuthService, UsersService, AccessLogService, UserNames, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, UsersService, AccessLogService, UsersRepository, UserNames],
})
export class AuthModule {}
