import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One accepted "Suggest To A Friend" request (`publishing.share_request`). The friend's address is kept
 * only as a keyed hash, the requester's IP likewise: enough to count, nothing to leak.
 */
@Entity({ name: 'share_request' })
export class ShareRequest {
  /** Also the shareId of `publishing.share.requested`. */
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'article_id' })
  articleId: string;

  /** keyedHash(APP_SECRET, 'friend', address in lower case). */
  @Column('text', { name: 'friend_hash' })
  friendHash: string;

  @Column('text', { name: 'sender_name' })
  senderName: string;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;

  /** keyedHash(APP_SECRET, 'ip', address). */
  @Column('text', { name: 'ip_hash' })
  ipHash: string;

  /** keyedHash(APP_SECRET, 'sender', senderKey(name, ip)): the limit per sender. */
  @Column('text', { name: 'sender_hash' })
  senderHash: string;

  /** A solved proof of work came with the request (else it took the stricter limits). */
  @Column('boolean', { name: 'proof_of_work' })
  proofOfWork: boolean;
}
