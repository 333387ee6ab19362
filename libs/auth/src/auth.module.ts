import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccessEventInterceptor } from './access-event.interceptor';
import { AccessLogChain } from './access-log-chain';
import { AccessLogRepository } from './access-log.repository';
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
  providers: [
    UsersRepository,
    AuthService,
    UsersService,
    AccessLogRepository,
    AccessLogChain,
    AccessLogService,
    UserNames,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AccessEventInterceptor },
  ],
  exports: [AuthService, UsersService, AccessLogService, AccessLogChain, AccessLogRepository, UsersRepository, UserNames],
})
export class AuthModule {}
