import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AuthUser } from './auth-user';
import { AllowDuring, CurrentUser } from './auth.decorators';
import { AuthService } from './auth.service';
import { ConfirmTotpDto, RecoveryCodesDto, SecondFactorDto, SecondFactorStatusDto, TotpConfirmedDto, TotpEnrolmentDto } from './dto/auth.dto';
import { TotpService } from './totp.service';

const WRONG_CODE = 'the code is wrong, was used already or is too old (/totp or /recoveryCode)';

@ApiTags('sign-in')
@ApiBearerAuth()
@Controller({ path: 'auth/totp', version: '1' })
export class TotpController {
  constructor(
    private readonly totp: TotpService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether you have a one-time-password app, whether your role requires one, and recovery codes left' })
  @ApiOkResponse({ type: SecondFactorStatusDto })
  status(@CurrentUser() user: AuthUser) {
    return this.totp.status(user);
  }

  @Post('enrolment')
  @AllowDuring('enrolment')
  @ApiOperation({ summary: 'Start setting up an authenticator app: a new secret, its otpauth:// URI and a QR code (replaces an unconfirmed one)' })
  @ApiCreatedResponse({ type: TotpEnrolmentDto })
  @ApiConflictResponse({ description: 'an app is enrolled already (TOTP_ENROLLED)' })
  start(@CurrentUser() user: AuthUser) {
    return this.totp.start(user);
  }

  @Post('enrolment/confirm')
  @HttpCode(200)
  @AllowDuring('enrolment')
  @ApiOperation({
    summary: 'Confirm the app with a code from it: one-time codes are required from now on; answers ten recovery codes, shown this once',
    description: 'For a sign-in that waited for the enrolment (enrolment-required), `signIn` is its next outcome, usually signed-in.',
  })
  @ApiOkResponse({ type: TotpConfirmedDto })
  @ApiUnprocessableEntityResponse({ description: WRONG_CODE })
  @ApiConflictResponse({ description: 'no enrolment was started (NO_TOTP_ENROLMENT)' })
  confirm(@CurrentUser() user: AuthUser, @Body() body: ConfirmTotpDto) {
    return this.auth.confirmEnrolment(user, body.totp);
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ten new recovery codes (the old ones stop working), on a code from the app or a recovery code' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiUnprocessableEntityResponse({ description: WRONG_CODE })
  async recoveryCodes(@CurrentUser() user: AuthUser, @Body() body: SecondFactorDto) {
    return { recoveryCodes: await this.totp.regenerateRecoveryCodes(user, body) };
  }

  @Post('disable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn one-time passwords off, on a code from the app or a recovery code (not for admins and evaluators)' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'the role requires one-time passwords (TOTP_REQUIRED)' })
  @ApiUnprocessableEntityResponse({ description: WRONG_CODE })
  async disable(@CurrentUser() user: AuthUser, @Body() body: SecondFactorDto) {
    await this.totp.disable(user, body);
  }
}
