import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '@mapwork/kernel';

/**
 * A path parameter of a page, checked by the API's own pipe for it (the same rule): a
 * value that pipe rejects cannot name anything, so the page is "Page not found", as the
 * address of something missing is, where the API answers 422 naming the parameter.
 * `@Param('caseId', new PageParam(new CaseIdPipe()))`.
 */
@Injectable()
export class PageParam<T> implements PipeTransform<string, T> {
  constructor(private readonly apiPipe: PipeTransform<string, T>) {}

  transform(value: string, metadata: ArgumentMetadata): T {
    try {
      return this.apiPipe.transform(value, metadata);
    } catch (error) {
      if (error instanceof InvalidInputError) throw new NotFoundError('page');
      throw error;
    }
  }
}
