import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document, generated from the controllers and DTOs, at /docs (UI) and /docs-json. */
export const setupOpenApi = (app: INestApplication): void => {
  const config = new DocumentBuilder()
    .setTitle('kam-ledger API')
    .setDescription(
      'Event-sourced key-account lifecycle engine. Commands answer {accountId, revision, position}; ' +
        'errors are application/problem+json with {type, title, status, detail, errors:[{field, rule, message}]}.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key from KAM_API_KEYS' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
};
