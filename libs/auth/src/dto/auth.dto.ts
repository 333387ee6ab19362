import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { pageDto } from '@mapwork/kernel';

export class SignInDto {
  @ApiProperty({ example: 'sam.worker' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ example: 'a long passphrase', format: 'password' })
  @IsString()
  @Length(1, 1024)
  password!: string;
}

export class PublicUserDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['social_worker', 'team_manager', 'evaluator', 'admin'] }) role!: string;
  @ApiProperty({ type: [String] }) teamIds!: string[];
  @ApiProperty() disabled!: boolean;
}


export class IssuedTokenDto {
  @ApiProperty({ description: 'send as Authorization: Bearer <token>' }) token!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: PublicUserDto }) user!: PublicUserDto;
}
