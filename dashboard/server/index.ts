export { startRuntime, createLogger, type Runtime, type Roles, type RuntimeOptions } from './runtime';
export { createApp, type AppDeps } from './app';
export { followAlertStream } from './alert-stream-client';
export { ROUTES, findRoute, allows, type RouteSpec, type Access } from './auth/permissions';
export { openApiDocument } from './openapi';
