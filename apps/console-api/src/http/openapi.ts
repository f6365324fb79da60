import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * OpenAPI descriptions straight from the zod schemas the handlers parse with, so the document at
 * /api/docs cannot drift from what is enforced.
 */
export function BodySchema(schema: z.ZodType): MethodDecorator {
  return ApiBody({ schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object });
}

export function QuerySchema(schema: z.ZodObject): MethodDecorator {
  const decorators = Object.entries(schema.shape).map(([name, field]) =>
    ApiQuery({
      name,
      required: !(field as z.ZodType).safeParse(undefined).success,
      schema: z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }) as object,
    }),
  );
  return (target, key, descriptor) => {
    for (const decorate of decorators) decorate(target, key, descriptor);
  };
}
