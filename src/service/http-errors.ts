import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeskError, ERROR_CODES } from '../errors.ts';

/** Every refusal and fault the API answers with: the desk's stable error code and one sentence. */
export const problemSchema = z
  .object({
    code: z.string().meta({ description: 'a stable code (src/errors.ts), e.g. WRONG_STAGE, NOT_AUTHORIZED' }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

/** The answers every route may give besides its own: the API's error responses in one place. */
export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
  500: problemSchema,
} as const;

/** Maps an error to its status and body: DeskError codes map through ERROR_CODES (src/errors.ts). */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DeskError) {
    const body: Problem = { code: error.code, message: error.message };
    if (Object.keys(error.details).length) body.details = error.details;
    return reply.code(ERROR_CODES[error.code].http).send(body);
  }
  if (hasZodFastifySchemaValidationErrors(error))
    return reply.code(400).send({
      code: 'INVALID_INPUT',
      message: error.validation
        .map((issue) => `${issue.instancePath || '(body)'}: ${issue.message}`)
        .join('; '),
    });
  if (isResponseSerializationError(error)) {
    request.log.error({ issues: error.cause.issues }, 'response does not match its schema');
    return reply.code(500).send({ code: 'UNEXPECTED', message: 'the response did not match its schema' });
  }
  const fastifyError = error as FastifyError;
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500)
    return reply
      .code(fastifyError.statusCode)
      .send({ code: fastifyError.code ?? 'INVALID_INPUT', message: fastifyError.message });
  request.log.error(error);
  return reply.code(500).send({ code: 'UNEXPECTED', message: 'an unexpected error; the service log has it' });
}
