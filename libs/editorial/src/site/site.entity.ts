import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface SectionConfig {
  slug: string;
  name: string;
  aliases: string[];
  inNavigation: boolean;
}

/** The site this installation publishes: one row, its id fixed on the first start. */
@Entity({ name: 'site', schema: 'editorial' })
export class Site {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** In navigation order. */
  @Column({ type: 'jsonb' })
  sections: SectionConfig[];

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
