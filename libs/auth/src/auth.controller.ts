import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { AuthUser } from './auth-user';
import { AllowDuring, CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, MeDto, RestrictedSignInDto, SecondFactorAnswerDto, SecondFactorRequiredDto, SignInDto, SignedInDto } from './dto/auth.dto';

/** The answer of every sign-in step: one of the outcomes, told apart by `outcome`. */
const SIGN_IN_OUTCOME = {
  oneOf: [{ $ref: getSchemaPath(SignedInDto) }, { $ref: getSchemaPath(SecondFactorRequiredDto) }, { $ref: getSchemaPath(RestrictedSignInDto) }],
  discriminator: {
    propertyName: 'outcome',
    mapping: {
      'signed-in': getSchemaPath(SignedInDto),
      'second-factor-required': getSchemaPath(SecondFactorRequiredDto),
      'password-change-required': getSchemaPath(RestrictedSignInDto),
      'enrolment-required': getSchemaPath(RestrictedSignInDto),
    },
  },
};
const THROTTLED = 'too many attempts for this username or from this address (or too many at once from it): Retry-After says when to try again';
const BUSY = { status: 503, description: 'too many sign-ins are being checked at once: Retry-After says when to try again' };

@ApiTags('sign-in')
@ApiExtraModels(SignedInDto, SecondFactorRequiredDto, RestrictedSignInDto)
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with username and password (and a one-time code, if the account has one)',
    description:
      'Answers `signed-in` with a bearer token, or what the sign-in still needs: `second-factor-required` (send a code with the challenge to ' +
      '/auth/sign-in/second-factor, or send `totp` or `recoveryCode` here with the password), `password-change-required` (an admin set the ' +
      'password) or `enrolment-required` (admins and evaluators must set up an authenticator app); the challenge of the last two is a bearer ' +
      'token for the routes in `next` only.',
  })
  @ApiOkResponse({ description: 'the password (and code) were right: signed in, or the next step', schema: SIGN_IN_OUTCOME })
  @ApiUnauthorizedResponse({ description: 'wrong username, password or code, or a disabled account (one answer for all)' })
  @ApiTooManyRequestsResponse({ description: THROTTLED })
  @ApiResponse(BUSY)
  signIn(@Body() body: SignInDto) {
    return this.auth.signIn(body);
  }

  @Public()
  @Post('sign-in/second-factor')
  @HttpCode(200)
  @ApiOperation({ summary: 'The second step of a sign-in: the challenge and a code from the app (or a recovery code)' })
  @ApiOkResponse({ description: 'signed in, or the next step', schema: SIGN_IN_OUTCOME })
  @ApiUnauthorizedResponse({ description: 'a wrong or used code, or a challenge that expired, was used or had 5 wrong codes' })
  @ApiTooManyRequestsResponse({ description: THROTTLED })
  @ApiResponse(BUSY)
  secondFactor(@Body() body: SecondFactorAnswerDto) {
    return this.auth.completeSecondFactor(body);
  }

  @Post('password')
  @HttpCode(200)
  @AllowDuring('password-change')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your own password',
    description: 'Every session of yours ends, this one included; the answer carries a new token (or the next step of an unfinished sign-in).',
  })
  @ApiOkResponse({ description: 'changed', schema: SIGN_IN_OUTCOME })
  @ApiUnprocessableEntityResponse({ description: 'the current password is wrong (/currentPassword), or the new one breaks a rule (/newPassword)' })
  @ApiTooManyRequestsResponse({ description: THROTTLED })
  changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto) {
    return this.auth.changePassword(user, body);
  }

  @Post('sign-out')
  @HttpCode(204)
  @AllowDuring('password-change', 'enrolment')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the token this request was made with' })
  @ApiNoContentResponse()
  async signOut(@CurrentUser() user: AuthUser) {
    await this.auth.signOut(user);
  }

  @Get('me')
  @AllowDuring('password-change', 'enrolment')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, what their sign-in still needs, their second factor and unread notifications' })
  @ApiOkResponse({ type: MeDto })
  @ApiForbiddenResponse({ description: 'never: an unfinished sign-in may ask too' })
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
  }
}
