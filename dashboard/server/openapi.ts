import { z } from 'zod';
import {
  actionInputSchema,
  alertRuleInputSchema,
  debunkClaimInputSchema,
  accountSnapshotInputSchema,
  draftEditSchema,
  governanceConfigInputSchema,
  consultationInputSchema,
  consultationPublishSchema,
  consultationUpdateSchema,
  feedbackUpdateSchema,
  draftInputSchema,
  incidentInputSchema,
  incidentPatchSchema,
  notificationChannelInputSchema,
  officialAccountInputSchema,
  publishInputSchema,
  reviewInputSchema,
  unitInputSchema,
  userInputSchema,
} from '@fenghuo/shared';
import { qa, reviewPolicySchema, wordingSettingsSchema } from '@fenghuo/analytics';
import { ROUTES, type RouteSpec } from './auth/permissions';

const expected = z.object({ expected_version: z.number().int().nonnegative() });

/** Request bodies by route, from the same zod schemas the server validates with. */
const BODIES: Record<string, z.ZodType> = {
  'POST /api/v1/session': z.object({ username: z.string(), password: z.string() }),
  'POST /api/v1/session/password': z.object({ old_password: z.string(), password: z.string() }),
  'POST /api/v1/rules': alertRuleInputSchema,
  'PUT /api/v1/rules/:id': alertRuleInputSchema,
  'POST /api/v1/channels': notificationChannelInputSchema,
  'PUT /api/v1/channels/:id': notificationChannelInputSchema,
  'POST /api/v1/kb': debunkClaimInputSchema,
  'PUT /api/v1/kb/:id': debunkClaimInputSchema,
  'POST /api/v1/alerts/:id/ack': z.object({ by: z.string().optional() }),
  'POST /api/v1/incidents': incidentInputSchema,
  'POST /api/v1/incidents/from-alert/:id': incidentInputSchema.partial(),
  'PATCH /api/v1/incidents/:id': incidentPatchSchema.extend(expected.shape),
  'POST /api/v1/incidents/:id/actions': actionInputSchema,
  'PUT /api/v1/settings/wording': z.object({ expected_version: z.number().int(), wording: wordingSettingsSchema }),
  'PUT /api/v1/settings/clock-policies': z.object({ expected_version: z.number().int(), policies: z.record(z.string(), z.unknown()) }),
  'PUT /api/v1/settings/review-policy': z.object({ expected_version: z.number().int(), policy: reviewPolicySchema }),
  'POST /api/v1/drafts': draftInputSchema,
  'PUT /api/v1/drafts/:id': draftEditSchema,
  'POST /api/v1/drafts/:id/submit': expected,
  'POST /api/v1/drafts/:id/review': reviewInputSchema,
  'POST /api/v1/drafts/:id/publish': publishInputSchema,
  'POST /api/v1/qa': qa.qaEntryInputSchema,
  'PUT /api/v1/qa/:id': qa.qaEntryInputSchema,
  'POST /api/v1/replies/:id/answer': z.object({ expected_version: z.number().int(), answer: z.string(), qa_id: z.string().optional() }),
  'POST /api/v1/replies/:id/close': z.object({ expected_version: z.number().int(), reason: z.string() }),
  'POST /api/v1/units': unitInputSchema,
  'PUT /api/v1/units/:id': unitInputSchema,
  'POST /api/v1/users': userInputSchema.extend({ password: z.string() }),
  'PATCH /api/v1/users/:id': userInputSchema.partial(),
  'POST /api/v1/users/:id/password': z.object({ password: z.string() }),
  'POST /api/v1/accounts': officialAccountInputSchema,
  'PUT /api/v1/accounts/:id': officialAccountInputSchema,
  'PUT /api/v1/governance/config': governanceConfigInputSchema,
  'POST /api/v1/consultations': consultationInputSchema,
  'PUT /api/v1/consultations/:id': consultationUpdateSchema,
  'PUT /api/v1/consultations/:id/feedback': feedbackUpdateSchema,
  'POST /api/v1/consultations/:id/publish-feedback': consultationPublishSchema,
  'POST /api/v1/accounts/snapshots': z.array(accountSnapshotInputSchema),
  'POST /api/v1/tokens': z.object({ source: z.string(), name: z.string().optional() }),
};

function jsonSchema(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return { type: 'object' };
  }
}

function operation(r: RouteSpec): Record<string, unknown> {
  const params = [...r.path.matchAll(/:([a-z_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const query = (r.query ?? []).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));
  const body = BODIES[`${r.method} ${r.path}`];
  const security = r.access === 'public' ? [] : r.access === 'ingest' ? [{ ingestToken: [] }] : [{ session: [], csrf: [] }];
  const roles = Array.isArray(r.access) ? (r.access as string[]) : [];
  return {
    tags: [r.tag],
    summary: r.summary,
    ...(roles.length ? { description: `Roles: ${roles.join(', ')}` } : r.access === 'signed-in' ? { description: 'Any signed-in user' } : {}),
    'x-roles': r.access,
    parameters: [...params, ...query],
    security,
    ...(body || r.body ? { requestBody: { required: true, content: { 'application/json': { schema: body ? jsonSchema(body) : { type: 'object' } } } } } : {}),
    responses: {
      '200': { description: 'OK', content: { [r.produces ?? 'application/json']: { schema: { type: r.produces ? 'string' : 'object' } } } },
      '400': { description: 'Invalid input', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      ...(r.access !== 'public' ? { '401': { description: 'Not signed in' }, '403': { description: 'Role or CSRF token does not allow it' } } : {}),
      ...(r.path.includes(':id') ? { '404': { description: 'No such object (or not in your units)' } } : {}),
      ...(/expected_version|review|publish|submit|PATCH|PUT/.test(`${r.method} ${JSON.stringify(body ? jsonSchema(body) : '')}`) ? { '409': { description: 'Changed meanwhile: reload and try again' } } : {}),
    },
  };
}

/** OpenAPI 3.1 of the whole API, built from the route table the server enforces. */
export function openApiDocument(version = '0.1.0'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const p = r.path.replace(/:([a-z_]+)/g, '{$1}');
    (paths[p] ??= {})[r.method.toLowerCase()] = operation(r);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Fenghuo (烽火) API', version, description: 'Public-opinion monitoring and response. Sign in with POST /api/v1/session; send the CSRF token from the answer as X-CSRF-Token on every request that changes state.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'fenghuo_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        ingestToken: { type: 'http', scheme: 'bearer' },
      },
      schemas: { Error: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } },
    },
    paths,
  };
}
