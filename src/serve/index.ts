export { buildServer, CONTENT_SECURITY_POLICY, defaultWebRoot, type ServerOptions } from './app.ts';
export { ApiError, envelope, type ErrorEnvelope } from './errors.ts';
export { routes, type ApiContext, type ApiRoute } from './routes.ts';
export { ingestUpload, uploadName, UPLOAD_LOCATION_PREFIX, type UploadResult } from './upload.ts';
export { exportResponse, type ExportFile } from './export.ts';
