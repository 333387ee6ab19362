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
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { PasswordHasher } from './password-hasher';
import { SignInThrottle } from './sign-in-throttle';
import { SignInThrottleRepository } from './sign-in-throttle.repository';
import { TotpController } from './totp.controller';
import { TotpRepository } from './totp.repository';
import { TotpService } from './totp.service';
import { TotpVault } from './totp-vault';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { UserNames } from './user-names';

@Module({
  controllers: [AuthController, TotpController, NotificationsController, AdminController],
  providers: [
    UsersRepository,
    AuthService,
    UsersService,
    AccessLogRepository,
    AccessLogChain,
    AccessLogService,
    UserNames,
    PasswordHasher,
    SignInThrottle,
    SignInThrottleRepository,
    TotpVault,
    TotpRepository,
    TotpService,
    NotificationsRepository,
    NotificationsService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AccessEventInterceptor },
  ],
  exports: [AuthService, UsersService, AccessLogService, AccessLogChain, AccessLogRepository, UsersRepository, UserNames, TotpService, PasswordHasher, NotificationsService],
})
export class AuthModule {}
