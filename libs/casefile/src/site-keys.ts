import { hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { secretFromKeyFile } from '@mapwork/kernel';

/**
 * Each site's pseudonymisation key, derived (HKDF-SHA-256) from one server secret, so
 * pseudonyms are stable for a site across exports and differ between sites. The secret
 * lives in a file outside the database (created with 0600 on first use) so a database
 * copy alone cannot re-identify anyone.
 */
@Injectable()
export class SiteKeys {
  private secret?: Buffer;

  constructor(private readonly config: ConfigService) {}

  keyFor(site: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.serverSecret(), Buffer.from('mapwork-pseudonyms'), Buffer.from(`site:${site}`), 32));
  }

  private serverSecret(): Buffer {
    this.secret ??= secretFromKeyFile(this.config.get<string>('PSEUDONYMISATION_KEY_FILE') ?? './data/pseudonymisation.key');
    return this.secret;
  }
}
