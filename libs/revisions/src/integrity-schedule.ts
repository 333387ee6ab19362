import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IntegrityKeys } from '@mapwork/persistence';
import { CheckpointsService, processName } from './checkpoints.service';
import { SealService } from './seal.service';

/**
 * Every process that opens the database seals it if needed before serving anything,
 * writes a checkpoint every CHECKPOINT_INTERVAL_SECONDS when something changed, and a
 * last one (closing its access-log segments) when it shuts down.
 */
@Injectable()
export class IntegritySchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Integrity');
  private readonly by = processName();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly seal: SealService,
    private readonly checkpoints: CheckpointsService,
    private readonly keys: IntegrityKeys,
    private readonly config: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seal.ensure(this.by);
    const seconds = this.config.get<number>('CHECKPOINT_INTERVAL_SECONDS') ?? 60;
    if (seconds > 0) {
      this.timer = setInterval(() => void this.tick(), seconds * 1000);
      this.timer.unref();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.checkpoints.write('shutdown', this.by, { closing: true }).catch((e: Error) => this.logger.warn(`no checkpoint at shutdown: ${e.message}`));
  }

  private async tick() {
    this.keys.refresh();
    await this.checkpoints.write('interval', this.by).catch((e: Error) => this.logger.warn(`checkpoint skipped: ${e.message}`));
  }
}
