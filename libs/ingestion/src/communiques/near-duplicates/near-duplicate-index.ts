import type { EntityManager } from 'typeorm';
import { bestNearDuplicate, lshBands, type NearDuplicate } from './fingerprint';

/**
 * The LSH index in `ingestion.communique_band`: candidates are the communiqués sharing at least one band
 * with the signature (an index lookup per band, no scan of the communiqués), then each candidate's stored
 * signature decides. Runs in the ingest transaction, with its `tx`.
 */
export async function findNearDuplicate(tx: EntityManager, signature: readonly number[]): Promise<NearDuplicate | null> {
  const bands = lshBands(signature);
  const params: unknown[] = [];
  const pairs = bands.map(({ band, bucket }) => {
    params.push(band, bucket);
    return `($${params.length - 1}::smallint, $${params.length}::text)`;
  });
  const rows: { id: string; fingerprint: number[] | string; received_at: Date | string }[] = await tx.query(
    `SELECT c.id, c.fingerprint, c.received_at
       FROM ingestion.communique c
      WHERE c.fingerprint IS NOT NULL
        AND c.id IN (SELECT b.communique_id FROM ingestion.communique_band b WHERE (b.band, b.bucket) IN (${pairs.join(', ')}))`,
    params,
  );
  return bestNearDuplicate(
    signature,
    rows.map((row) => ({
      id: row.id,
      fingerprint: typeof row.fingerprint === 'string' ? (JSON.parse(row.fingerprint) as number[]) : row.fingerprint,
      receivedAt: new Date(row.received_at),
    })),
  );
}

/** Files the new communiqué's bands, so later ones find it. */
export async function indexFingerprint(tx: EntityManager, communiqueId: string, signature: readonly number[]): Promise<void> {
  const params: unknown[] = [communiqueId];
  const values = lshBands(signature).map(({ band, bucket }) => {
    params.push(band, bucket);
    return `($${params.length - 1}, $${params.length}, $1)`;
  });
  await tx.query(`INSERT INTO ingestion.communique_band (band, bucket, communique_id) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`, params);
}
