export {
  CONFIG_VARIABLES,
  ConfigError,
  LOG_LEVELS,
  distributedConfigSchema,
  loadConfig,
  loadConfigOrExit,
  standaloneConfigSchema,
  type BaseConfig,
  type ConfigVariable,
  type Deployment,
  type DistributedConfig,
  type StandaloneConfig,
} from './config/config';
export { APP_CONFIG, ConfigModule } from './config/config.module';
export { LoggingModule, type LoggingOptions } from './logging/logging.module';
export { DatabaseModule } from './database/database.module';
export { openServiceDataSource, serviceDataSourceOptions, type DatabaseConfig, type ServiceDatabase } from './database/service-data-source';
export { createHttpApp, type HttpAppOptions } from './http/create-http-app';
export { HealthModule, type HealthReport } from './http/health.module';
export { HTTP_FAST_LANES, fastLanesOf, installFastLanes, type FastLane } from './http/fast-lane';
export { READINESS_CHECKS, type ReadinessCheck } from './http/readiness-check';
export { runService, runStandalone } from './http/bootstrap';
export { settleAppSecret } from './config/app-secret';
export { signToken, verifyToken, keyedHash, sameString, type TokenClaims } from './auth/signed-token';
export {
  ROLES,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
  cookieValue,
  csrfTokenFor,
  issueSessionToken,
  readSessionToken,
  roleAtLeast,
  type Actor,
  type Role,
} from './auth/session';
export { AuthGuard, Authenticated, CurrentActor, SESSION_ACCOUNTS, type AuthenticatedRequest, type SessionAccounts } from './auth/auth.guard';
export { RateLimiter } from './http/rate-limiter';
export { SafeHtml, escapeHtml, html, unsafeRaw } from './html/html';
export { BASE_STYLESHEET, renderPage, type PageOptions } from './html/page';
export { formatFrenchDate, formatFrenchDateTime } from './i18n/french-dates';
export { clientAddress, parseInput } from './http/parse-input';
export { Clock, ManualClock, SystemClock } from './time/clock';
export { DEFAULT_PROOF_OF_WORK, PROOF_OF_WORK_SCRIPT, SpentChallenges, challengeDifficulty, issueChallenge, leadingZeroBits, solveChallenge, verifyProofOfWork, type ProofOfWorkOptions, type ProofOfWorkVerdict } from './http/proof-of-work';
