import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Flattens nested errors to "address.city must be a string" so each message names its field. */
export function validationMessages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => {
      for (const prefix of [`property ${error.property} `, `${error.property} `]) {
        if (message.startsWith(prefix)) return `${path} ${message.slice(prefix.length)}`;
      }
      return `${path}: ${message}`;
    });
    return [...new Set(own), ...validationMessages(error.children ?? [], path)];
  });
}

/** Every body and query is validated: unknown fields are refused, not silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException({ message: validationMessages(errors), code: 'VALIDATION_FAILED' }),
  });
}
