import fs from 'node:fs';
import path from 'node:path';
import { AjvCompiler, type BuildCompilerFromPool } from '@fastify/ajv-compiler';
import fastifyCookie from '@fastify/cookie';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { currentMigration } from './db/migrate.ts';
import { accountRoutes } from './modules/accounts/accounts.routes.ts';
import { AccountService } from './modules/accounts/accounts.service.ts';
import { ActingService } from './modules/accounts/acting.service.ts';
import { authRoutes } from './modules/accounts/auth.routes.ts';
import { AuthStateSchema } from './modules/accounts/auth.schemas.ts';
import { AuthService } from './modules/accounts/auth.service.ts';
import { PhoneSignInService } from './modules/accounts/phone-sign-in.service.ts';
import { profileRoutes } from './modules/accounts/profile.routes.ts';
import { ProfileService } from './modules/accounts/profile.service.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { divisionRoutes } from './modules/divisions/divisions.routes.ts';
import { DivisionService } from './modules/divisions/divisions.service.ts';
import { eventCategoryRoutes } from './modules/event-categories/event-categories.routes.ts';
import { EventCategoryService } from './modules/event-categories/event-categories.service.ts';
import { WorkCalendarService } from './modules/event-categories/work-calendar.service.ts';
import { EventPhotoService } from './modules/events/events.photos.ts';
import { eventRoutes } from './modules/events/events.routes.ts';
import { EventService } from './modules/events/events.service.ts';
import { EventStatsService } from './modules/events/events.stats.ts';
import { fairRoutes, fairService } from './modules/fair/fair.routes.ts';
import { federationRoutes } from './modules/federations/federations.routes.ts';
import { FederationService } from './modules/federations/federations.service.ts';
import { federationTimeline } from './modules/federations/federations.timeline.ts';
import { applicationAttachmentRoutes } from './modules/funding/applications.attachments.routes.ts';
import { ApplicationAttachmentService } from './modules/funding/applications.attachments.ts';
import { contractFeedbackRoutes } from './modules/funding/contracts.feedback.routes.ts';
import { ContractFeedbackService } from './modules/funding/contracts.feedback.ts';
import { contractRoutes, contractServices } from './modules/funding/contracts.routes.ts';
import { fundingRoutes, fundingServices } from './modules/funding/funding.routes.ts';
import { fundingTimeline } from './modules/funding/funding.timeline.ts';
import { reviewRoutes } from './modules/funding/review.routes.ts';
import { ReviewService } from './modules/funding/review.service.ts';
import { gradingRoutes } from './modules/grading/grading.routes.ts';
import { GradingService } from './modules/grading/grading.service.ts';
import { gradingTimeline } from './modules/grading/grading.timeline.ts';
import { gridRoutes } from './modules/grids/grids.routes.ts';
import { GridService } from './modules/grids/grids.service.ts';
import { incubationRoutes } from './modules/incubation/incubation.routes.ts';
import { IncubationService } from './modules/incubation/incubation.service.ts';
import { incubationTimeline } from './modules/incubation/incubation.timeline.ts';
import { inspectionRoutes } from './modules/inspections/inspections.routes.ts';
import { InspectionService } from './modules/inspections/inspections.service.ts';
import { inspectionTimeline } from './modules/inspections/inspections.timeline.ts';
import { marketRoutes } from './modules/market/market.routes.ts';
import { MarketService } from './modules/market/market.service.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { georeportRoutes } from './modules/open311/georeport.routes.ts';
import { open311ClientRoutes } from './modules/open311/open311-clients.routes.ts';
import { Open311ClientService } from './modules/open311/open311-clients.service.ts';
import { Open311Events } from './modules/open311/open311-events.ts';
import { organizationAttachmentRoutes } from './modules/organizations/organizations.attachments.routes.ts';
import { OrganizationAttachmentService } from './modules/organizations/organizations.attachments.ts';
import { organizationCatalogRoutes } from './modules/organizations/organizations.catalog.routes.ts';
import { OrganizationCatalogService } from './modules/organizations/organizations.catalog.ts';
import { organizationIndicatorRoutes } from './modules/organizations/organizations.indicators.routes.ts';
import { OrganizationIndicatorService } from './modules/organizations/organizations.indicators.ts';
import { organizationRoutes } from './modules/organizations/organizations.routes.ts';
import { OrganizationService } from './modules/organizations/organizations.service.ts';
import { PointsLedger } from './modules/points/ledger.service.ts';
import { pointsRoutes } from './modules/points/points.routes.ts';
import { PointsService } from './modules/points/points.service.ts';
import { residentRoutes } from './modules/residents/residents.routes.ts';
import { ResidentService } from './modules/residents/residents.service.ts';
import { HonourService } from './modules/volunteers/honours.service.ts';
import { volunteerRoutes } from './modules/volunteers/volunteers.routes.ts';
import { VolunteerService } from './modules/volunteers/volunteers.service.ts';
import { registerAuthGuard } from './platform/auth-guard.ts';
import { ChangeFeed } from './platform/change-feed.ts';
import type { DataCipher } from './platform/crypto.ts';
import { registerErrorHandlers } from './platform/errors.ts';
import { FileStore } from './platform/files.ts';
import { ProblemSchema } from './platform/http-schemas.ts';
import { requestLogFields } from './platform/log-redaction.ts';
import { NotificationHub, NotificationService } from './platform/notifications.ts';
import { ReadCache } from './platform/read-cache.ts';
import { ConsoleSmsProvider, type SmsProvider } from './platform/sms.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  /** Seals personal data; built from the installation's data key. */
  cipher: DataCipher;
  logger?: FastifyServerOptions['logger'];
  /** Overrides the provider chosen by `config.smsProvider` (tests read what was sent). */
  sms?: SmsProvider | null;
  /**
   * Compile each route's validators and serializers on its first request instead of at start.
   * Tests use it: a test file calls a few of ~450 routes, and compiling them all took most of
   * its run. A server compiles eagerly, so a bad schema stops the start and no first request
   * pays for compiling.
   */
  compileSchemasOnFirstUse?: boolean;
}

export const API_VERSION = '0.1.0';

/**
 * Query strings, params and headers arrive as text and are coerced to their schema's types; JSON
 * bodies already carry types and are not: with coercion a `null` in a nullable number or string
 * became 0 or "" (or 0 became null), silently changing what the user sent.
 */
function jsonBodiesUncoerced(): BuildCompilerFromPool {
  const pool = AjvCompiler();
  return (externalSchemas, options) => {
    const coercing = pool(externalSchemas, options);
    const exact = pool(externalSchemas, {
      ...options,
      mode: undefined,
      customOptions: { ...options?.customOptions, coerceTypes: false },
    });
    return (route) => (route.httpPart === 'body' ? exact : coercing)(route);
  };
}

// biome-ignore lint/suspicious/noExplicitAny: Ajv's compiled functions carry `errors` and `schemaEnv`
type CompiledValidator = ((data: unknown, context?: unknown) => any) & {
  errors?: unknown;
  schemaEnv?: unknown;
};

/** The same validator compilers, each compiling its route's schema when first called. */
function onFirstUseValidators(build: BuildCompilerFromPool): BuildCompilerFromPool {
  return (externalSchemas, options) => {
    const compilerFor = build(externalSchemas, options);
    return (route) => {
      let compiled: CompiledValidator | undefined;
      const validate: CompiledValidator = (data, context) => {
        compiled ??= compilerFor(route) as CompiledValidator;
        // Ajv needs the parent to coerce a root value; Fastify passes it when `schemaEnv` is set.
        const result = compiled.schemaEnv ? compiled(data, context) : compiled(data);
        validate.errors = compiled.errors;
        return result;
      };
      validate.schemaEnv = true;
      return validate as unknown as ReturnType<ReturnType<BuildCompilerFromPool>>;
    };
  };
}

/** The same serializer compilers, each compiling its route's response schema when first called. */
function onFirstUseSerializers(): NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'] {
  const build = SerializerSelector();
  return {
    buildSerializer: (externalSchemas, options) => {
      const compilerFor = build(externalSchemas, options);
      return (route) => {
        let compiled: ((data: unknown) => string) | undefined;
        return (data: unknown) => {
          compiled ??= compilerFor(route);
          return compiled(data);
        };
      };
    },
  };
}

/** Plugins, then modules, then error and 404 handlers. No listening here: tests use inject(). */
export async function buildApp({
  config,
  database,
  cipher,
  logger,
  sms,
  compileSchemasOnFirstUse = false,
}: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      serializers: { req: requestLogFields },
      ...(config.prettyLogs
        ? {
            transport: {
              target: 'pino-pretty',
              options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
            },
          }
        : {}),
    },
    bodyLimit: 20 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
    schemaController: {
      compilersFactory: compileSchemasOnFirstUse
        ? { buildValidator: onFirstUseValidators(jsonBodiesUncoerced()), ...onFirstUseSerializers() }
        : { buildValidator: jsonBodiesUncoerced() },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandlers(app);
  app.addSchema(ProblemSchema);
  app.addSchema(AuthStateSchema);
  await app.register(fastifyCookie);
  const changes = new ChangeFeed(database);
  await changes.start();
  app.addHook('onClose', () => changes.stop());
  const auth = new AuthService(database.db, cipher, changes);
  registerAuthGuard(app, auth);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Linli 邻里 API',
        version: API_VERSION,
        description: '社区治理平台接口 / Community governance API',
      },
      servers: [],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () =>
    app.swagger(),
  );

  const startedAt = Date.now();
  // Migrations run before the app is built, so the newest one is known once.
  const migration = await currentMigration(database.db);
  app.get(
    '/api/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['system'],
        summary: '健康检查',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
            migration: Type.Union([Type.String(), Type.Null()]),
            uptimeSeconds: Type.Number(),
            version: Type.String(),
          }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      engine: database.engine,
      migration,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      version: API_VERSION,
    }),
  );

  const residents = new ResidentService(database.db, cipher);
  const smsProvider =
    sms !== undefined
      ? sms
      : config.smsProvider === 'console'
        ? new ConsoleSmsProvider(path.join(config.dataDir, 'sms-outbox.jsonl'), (line) => app.log.warn(line))
        : null;
  await app.register(authRoutes, {
    prefix: '/api/v1',
    auth,
    phoneSignIn: new PhoneSignInService(database.db, cipher, auth, smsProvider),
    acting: new ActingService(database.db, auth, residents),
    secureCookies: config.nodeEnv === 'production',
  });
  await app.register(profileRoutes, {
    prefix: '/api/v1',
    profile: new ProfileService(database.db, cipher, auth),
  });
  const divisions = new DivisionService(database.db, {
    cache: new ReadCache(config.readCacheEntries),
    changes,
  });
  await app.register(divisionRoutes, { prefix: '/api/v1', divisions });
  await app.register(auditRoutes, { prefix: '/api/v1', audit: new AuditService(database.db) });
  const notifications = new NotificationService(database.db);
  const hub = new NotificationHub(notifications, { onError: (error) => app.log.error(error) });
  app.addHook('onClose', async () => hub.stop());
  await app.register(notificationRoutes, { prefix: '/api/v1', notifications, hub });
  await app.register(accountRoutes, {
    prefix: '/api/v1',
    accounts: new AccountService({ db: database.db, cipher, auth }),
  });
  await app.register(residentRoutes, { prefix: '/api/v1', residents });
  await app.register(organizationRoutes, {
    prefix: '/api/v1',
    organizations: new OrganizationService(database.db, cipher, [
      incubationTimeline,
      federationTimeline,
      inspectionTimeline,
      fundingTimeline,
      gradingTimeline,
    ]),
  });
  await app.register(organizationAttachmentRoutes, {
    prefix: '/api/v1',
    attachments: new OrganizationAttachmentService(
      database.db,
      new FileStore(config.dataDir, config.uploadMaxBytes),
    ),
  });
  await app.register(organizationCatalogRoutes, {
    prefix: '/api/v1',
    catalog: new OrganizationCatalogService(database.db),
  });
  await app.register(incubationRoutes, { prefix: '/api/v1', incubation: new IncubationService(database.db) });
  await app.register(federationRoutes, {
    prefix: '/api/v1',
    federations: new FederationService(database.db),
  });
  await app.register(inspectionRoutes, {
    prefix: '/api/v1',
    inspections: new InspectionService(database.db, { simplifiedGrade: config.simplifiedInspectionGrade }),
  });
  await app.register(organizationIndicatorRoutes, {
    prefix: '/api/v1',
    indicators: new OrganizationIndicatorService(database.db),
  });

  await app.register(gridRoutes, {
    prefix: '/api/v1',
    grids: new GridService(database.db, cipher, divisions, residents),
  });
  const categories = new EventCategoryService(database.db);
  const workCalendar = new WorkCalendarService(database.db);
  await app.register(eventCategoryRoutes, { prefix: '/api/v1', categories, calendar: workCalendar });
  const events = new EventService(
    database.db,
    cipher,
    categories,
    workCalendar,
    new EventPhotoService(database.db, new FileStore(config.dataDir, config.uploadMaxBytes)),
    { sms: smsProvider, onError: (error) => app.log.error(error) },
  );
  await app.register(eventRoutes, { prefix: '/api/v1', events, stats: new EventStatsService(database.db) });
  const open311Clients = new Open311ClientService(database.db);
  await app.register(open311ClientRoutes, { prefix: '/api/v1', clients: open311Clients });
  await app.register(georeportRoutes, {
    prefix: '/open311/v2',
    db: database.db,
    clients: open311Clients,
    open311: new Open311Events(database.db, events, categories),
  });

  await app.register(fundingRoutes, { prefix: '/api/v1', ...fundingServices(database.db) });
  const pointsLedger = new PointsLedger(database.db);
  await app.register(volunteerRoutes, {
    prefix: '/api/v1',
    volunteers: new VolunteerService(database.db, cipher, pointsLedger, config.volunteerStarHours),
    honours: new HonourService(database.db),
  });
  await app.register(pointsRoutes, {
    prefix: '/api/v1',
    points: new PointsService(database.db, pointsLedger),
  });
  await app.register(marketRoutes, {
    prefix: '/api/v1',
    market: new MarketService(database.db, cipher, pointsLedger),
  });
  await app.register(reviewRoutes, {
    prefix: '/api/v1',
    reviews: new ReviewService(database.db, workCalendar, {
      priorityBonus: config.fundingPriorityBonus,
    }),
  });
  await app.register(gradingRoutes, {
    prefix: '/api/v1',
    grading: new GradingService(database.db, workCalendar),
  });
  await app.register(fairRoutes, { prefix: '/api/v1', fair: fairService(database.db) });
  await app.register(contractRoutes, {
    prefix: '/api/v1',
    ...contractServices(database.db, new FileStore(config.dataDir, config.uploadMaxBytes)),
  });
  await app.register(applicationAttachmentRoutes, {
    prefix: '/api/v1',
    attachments: new ApplicationAttachmentService(
      database.db,
      new FileStore(config.dataDir, config.uploadMaxBytes),
    ),
  });
  await app.register(contractFeedbackRoutes, {
    prefix: '/api/v1',
    feedback: new ContractFeedbackService(database.db),
  });

  await serveWeb(app, config.webDist);
  return app;
}

/** The built web app at `/`, with client-side routes falling back to index.html. */
async function serveWeb(app: FastifyInstance, webDist: string): Promise<void> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) return;
  await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    // API misses and missing build files (an old chunk after a redeploy) are 404s, not the app page.
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
