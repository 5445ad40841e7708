import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Actor, AuthService, SignInClient } from '@grants/identity';
import { AuthRateLimited, CurrentActor, Public } from '../http/auth/auth.decorators';
import { SignInFrom } from '../http/auth/sign-in-client.decorator';
import { EmailDto, LoginDto, PasswordResetConfirmDto, RegisterDto, TokenDto } from './identity.dto';
import { LoginResponseDto, RegisteredDto } from './identity.responses';

@ApiTags('Accounts')
@ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this account' })
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @AuthRateLimited()
  @ApiCreatedResponse({ type: RegisteredDto, description: 'Also for an address that has an account: its owner is emailed instead' })
  register(@Body() body: RegisterDto): Promise<RegisteredDto> {
    return this.auth.register(body);
  }

  @Post('verify-email')
  @Public()
  @AuthRateLimited()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  async verifyEmail(@Body() body: TokenDto): Promise<void> {
    await this.auth.verifyEmail(body.token);
  }

  @Post('verify-email/resend')
  @Public()
  @AuthRateLimited()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'Always; an unverified account gets a new link' })
  async resendVerification(@Body() body: EmailDto): Promise<void> {
    await this.auth.resendVerification(body.email);
  }

  @Post('login')
  @Public()
  @AuthRateLimited()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: LoginResponseDto, description: 'Repeated failures answer more slowly, then 429 TOO_MANY_FAILED_LOGINS (with Retry-After) for that address from this client' })
  login(@Body() body: LoginDto, @SignInFrom() from: SignInClient): Promise<LoginResponseDto> {
    return this.auth.login(body.email, body.password, from);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The access token stops working' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  @Post('password-reset')
  @Public()
  @AuthRateLimited()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'Always, whether or not the address has an account' })
  async requestPasswordReset(@Body() body: EmailDto): Promise<void> {
    await this.auth.requestPasswordReset(body.email);
  }

  @Post('password-reset/confirm')
  @Public()
  @AuthRateLimited()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Also sets the first password of an invited staff member' })
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.auth.confirmPasswordReset(body.token, body.password);
  }
}
