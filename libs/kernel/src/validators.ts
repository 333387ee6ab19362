import { Type } from 'class-transformer';
import { IsObject, ValidateIf, ValidateNested, ValidationError, ValidationOptions, ValidateBy, buildMessage } from 'class-validator';
import { ValidationPipeOptions } from '@nestjs/common';
import { FieldProblem, InvalidInputError } from './errors';
import { pointerSegment } from './json-input';
import { isCalendarDate, isInstant } from './time';

/** A real calendar date `YYYY-MM-DD` (rejects 2019-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a real calendar date YYYY-MM-DD`, options),
      },
    },
    options,
  );
}

/** A UTC instant `YYYY-MM-DDTHH:MM:SS[.sss]Z` on a real calendar date. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => isInstant(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a UTC instant like 2019-01-20T10:02:11Z (upper-case T and Z, at most milliseconds)`,
          options,
        ),
      },
    },
    options,
  );
}

/**
 * May be left out, but is never null: for fields that cannot be null. (`@IsOptional()`
 * lets null through to the service, where a NOT NULL column or a `.kind` then fails.)
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/**
 * A nested object (or, with `each`, a list of them) validated as `type`. Without the
 * object check class-validator validates an array where an object is expected element
 * by element, and a list of lists (`harm: [[{…}]]`) as if it were one list.
 */
export function IsNestedObject(type: () => new () => object, options: { each?: boolean } = {}): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsObject({ each: options.each })(target, property as string);
    ValidateNested({ each: options.each })(target, property as string);
    Type(type)(target, property as string);
  };
}

/** class-validator's nested errors, flattened to one problem per broken rule with a JSON Pointer. */
export function validationProblems(errors: ValidationError[], base = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const pointer = `${base}/${pointerSegment(String(error.property))}`;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      out.push({ pointer, rule: rule === 'whitelistValidation' ? 'unknownProperty' : rule, message });
    }
    if (error.children?.length) out.push(...validationProblems(error.children, pointer));
  }
  return out;
}

/** One definition of the edge validation, used by the global pipe and by per-route pipes. */
export function validationPipeOptions(): ValidationPipeOptions {
  return {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) =>
      new InvalidInputError(validationProblems(errors), 'the request does not match the expected shape'),
  };
}
