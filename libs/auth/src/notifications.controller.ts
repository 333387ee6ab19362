import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from './auth-user';
import { CurrentUser } from './auth.decorators';
import { NotificationsDto } from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller({ path: 'notifications', version: '1' })
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'What happened to your account: role, teams, password or one-time password changed by an admin, recovery codes used' })
  @ApiOkResponse({ type: NotificationsDto })
  list(@CurrentUser() user: AuthUser) {
    return this.notifications.list(user.id);
  }

  @Post(':notificationId/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark a notification of yours as read' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'no such notification of yours' })
  async markRead(@CurrentUser() user: AuthUser, @Param('notificationId', new ParseUUIDPipe()) id: string) {
    await this.notifications.markRead(user.id, id);
  }
}
