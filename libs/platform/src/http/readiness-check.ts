/**
 * Something /health asks before calling the app ready. Register one with
 * `{ provide: READINESS_CHECKS, useClass: KafkaReadiness }` (or an array with `useValue`/`useFactory`)
 * in any module: HealthModule collects every provider of that token, in every module.
 */
export interface ReadinessCheck {
  /** The key under `checks` in the /health report, e.g. `broker`. */
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

export const READINESS_CHECKS = Symbol('newsroom:readiness-checks');
