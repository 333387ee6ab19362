import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsOmittable } from '@mapwork/kernel';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';

const TOTP_PATTERN = /^[0-9]{6}$/;
const RECOVERY_CODE_MAX_LENGTH = 64;

/** A second factor: a code from the user's app, or one of their recovery codes. */
export class SecondFactorDto {
  @ApiPropertyOptional({ example: '492039', pattern: TOTP_PATTERN.source, description: 'the 6-digit code the user’s authenticator app shows now' })
  @IsOmittable()
  @IsString()
  @Matches(TOTP_PATTERN, { message: 'totp must be the 6 digits the app shows' })
  totp?: string;

  @ApiPropertyOptional({ example: 'k7mq-2xpt-9bhw', description: 'one of the user’s recovery codes, instead of a code from the app (each works once)' })
  @IsOmittable()
  @IsString()
  @Length(1, RECOVERY_CODE_MAX_LENGTH)
  recoveryCode?: string;
}

/** A recovery code on its own, where one is required (the sign-in page that asks for one). */
export class RecoveryCodeDto {
  @ApiProperty({ example: 'k7mq-2xpt-9bhw' })
  @IsString()
  @Length(1, RECOVERY_CODE_MAX_LENGTH)
  recoveryCode!: string;
}

export class SignInDto extends SecondFactorDto {
  @ApiProperty({ example: 'sam.worker' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ example: 'a long passphrase', format: 'password' })
  @IsString()
  @Length(1, 1024)
  password!: string;
}

export class SecondFactorAnswerDto extends SecondFactorDto {
  @ApiProperty({ description: 'the challenge of a second-factor-required answer' })
  @IsString()
  @Length(1, 200)
  challenge!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 1024)
  currentPassword!: string;

  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `at least ${PASSWORD_MIN_LENGTH} characters, not a common password, not containing the username or name (422 names the rule: minLength, maxLength, commonPassword, containsUsername, containsName, differentFromCurrent)`,
  })
  @IsString()
  @Length(1, 1024)
  newPassword!: string;
}

export class PublicUserDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['social_worker', 'team_manager', 'evaluator', 'admin'] }) role!: string;
  @ApiProperty({ type: [String] }) teamIds!: string[];
  @ApiProperty() disabled!: boolean;
}

export class SignedInDto {
  @ApiProperty({ enum: ['signed-in'] }) outcome!: string;
  @ApiProperty({ description: 'send as Authorization: Bearer <token>' }) token!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: PublicUserDto }) user!: PublicUserDto;
}

export class SecondFactorRequiredDto {
  @ApiProperty({ enum: ['second-factor-required'] }) outcome!: string;
  @ApiProperty({ description: 'send with a code to POST /api/v1/auth/sign-in/second-factor; lasts 10 minutes and 5 wrong codes' }) challenge!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ enum: ['totp', 'recovery-code'], isArray: true }) methods!: string[];
}

export class RestrictedSignInDto {
  @ApiProperty({ enum: ['password-change-required', 'enrolment-required'] }) outcome!: string;
  @ApiProperty({ description: 'a bearer token that opens only the routes in next (and GET /auth/me, POST /auth/sign-out), for 10 minutes' }) challenge!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: [String], example: ['POST /api/v1/auth/password'] }) next!: string[];
  @ApiProperty({ type: PublicUserDto }) user!: PublicUserDto;
}

export class SecondFactorStatusDto {
  @ApiProperty({ description: 'a one-time-password app is enrolled and required at sign-in' }) enrolled!: boolean;
  @ApiProperty({ description: 'an enrolment waits for its first code' }) pending!: boolean;
  @ApiProperty({ description: 'the role cannot sign in without one (admins, evaluators)' }) required!: boolean;
  @ApiProperty() recoveryCodesLeft!: number;
}

export class MeDto extends PublicUserDto {
  @ApiProperty({ enum: ['password-change-required', 'enrolment-required'], nullable: true, type: String, description: 'what the sign-in still needs; null when finished' })
  restriction!: string | null;
  @ApiProperty({ type: SecondFactorStatusDto }) secondFactor!: SecondFactorStatusDto;
  @ApiProperty({ description: 'see GET /api/v1/notifications' }) unreadNotifications!: number;
}

export class ConfirmTotpDto {
  @ApiProperty({ example: '492039', pattern: TOTP_PATTERN.source, description: 'a code from the app just set up' })
  @IsString()
  @Matches(TOTP_PATTERN, { message: 'totp must be the 6 digits the app shows' })
  totp!: string;
}

export class TotpEnrolmentDto {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', description: 'the secret in base32, to type into an app' }) secret!: string;
  @ApiProperty({ example: 'otpauth://totp/mapwork:sam.worker?issuer=mapwork&secret=…&algorithm=SHA1&digits=6&period=30' }) uri!: string;
  @ApiProperty({ description: 'the URI as a QR code (an SVG document) for an app to scan' }) qrSvg!: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], example: ['k7mq-2xpt-9bhw'], description: 'ten single-use codes, shown this once: keep them somewhere safe' }) recoveryCodes!: string[];
}

export class TotpConfirmedDto extends RecoveryCodesDto {
  @ApiProperty({
    nullable: true,
    description: 'when the enrolment finished a sign-in (enrolment-required): its next outcome, usually signed-in',
    oneOf: [{ $ref: '#/components/schemas/SignedInDto' }, { $ref: '#/components/schemas/RestrictedSignInDto' }],
  })
  signIn!: SignedInDto | RestrictedSignInDto | null;
}
