import { ApiProperty } from '@nestjs/swagger';

export class NotificationDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['account-created', 'role-changed', 'teams-changed', 'password-reset', 'totp-reset', 'recovery-code-used', 'recovery-codes-void'] }) kind!: string;
  @ApiProperty({ example: 'Ada Admin changed your role from admin to social worker.' }) message!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the admin who made the change' }) byUserId!: string | null;
  @ApiProperty() read!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt!: string | null;
}

export class NotificationsDto {
  @ApiProperty({ type: [NotificationDto], description: 'newest first, at most 100' }) items!: NotificationDto[];
  @ApiProperty() unread!: number;
}
