import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthUser } from './auth-user';
import { CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { IssuedTokenDto, PublicUserDto, SignInDto } from './dto/auth.dto';

@ApiTags('sign-in')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password; returns a bearer token with its expiry' })
  @ApiOkResponse({ type: IssuedTokenDto })
  @ApiUnauthorizedResponse({ description: 'wrong username or password, or a disabled account' })
  signIn(@Body() body: SignInDto) {
    return this.auth.signIn(body.username, body.password);
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the token this request was made with' })
  @ApiNoContentResponse()
  async signOut(@CurrentUser() user: AuthUser) {
    await this.auth.signOut(user);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: PublicUserDto })
  me(@CurrentUser() user: AuthUser) {
    const { id, username, displayName, role, teamIds } = user;
    return { id, username, displayName, role, teamIds, disabled: false };
  }
}
