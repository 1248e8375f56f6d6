export { buildServer, CONTENT_SECURITY_POLICY, defaultWebRoot, type ServerOptions } from './app.ts';
export { ApiError, envelope, type ErrorEnvelope } from './errors.ts';
export { routes, type ApiContext, type ApiRoute } from './routes.ts';
export { ingestUpload, uploadName, workerExtractor, UPLOAD_LOCATION_PREFIX, type Extractor, type UploadResult } from './upload.ts';
export { extractUpload, type ExtractJob, type ExtractOutcome } from './extract.ts';
export { exportResponse, type ExportFile } from './export.ts';
