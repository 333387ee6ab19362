import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '@mapwork/kernel';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case id in the path: a UUID, or a 422 naming the parameter. */
@Injectable()
export class CaseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw InvalidInputError.single('/path/caseId', 'isUuid', 'caseId must be a UUID');
    return value.toLowerCase();
  }
}

/** A person or record id in the path: 1-128 characters, as the interchange format allows. */
@Injectable()
export class ItemIdPipe implements PipeTransform<string, string> {
  constructor(private readonly name = 'id') {}
  transform(value: string): string {
    if (typeof value !== 'string' || value.length < 1 || value.length > 128) {
      throw InvalidInputError.single(`/path/${this.name}`, 'length', `${this.name} must be 1 to 128 characters`);
    }
    return value;
  }
}

/** A version number in the path. */
@Injectable()
export class VersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9][0-9]{0,8}$/.test(value)) throw InvalidInputError.single('/path/version', 'isPositiveInteger', 'version must be a positive whole number');
    return Number(value);
  }
}
