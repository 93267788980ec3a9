import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { sectionSlug } from '@newsroom/contracts';
import { type Actor, Authenticated, CurrentActor, parseInput } from '@newsroom/platform';
import { z } from 'zod';
import { SiteSections } from './site-sections';

const name = z.string().trim().min(1).max(200).regex(/^[^\r\n]*$/, 'one line');

export const sectionsBody = z
  .object({
    sections: z
      .array(z.object({ slug: sectionSlug, name, aliases: z.array(name).max(20).default([]), inNavigation: z.boolean().default(true) }).strict())
      .max(100)
      .refine((list) => new Set(list.map((s) => s.slug)).size === list.length, 'two sections have the same slug')
      .refine((list) => new Set(list.map((s) => s.name.toLowerCase())).size === list.length, 'two sections have the same name'),
    _csrf: z.string().optional(),
  })
  .strict();

@ApiTags('editorial')
@Controller('api/editorial/sections')
export class SectionsController {
  constructor(private readonly sections: SiteSections) {}

  @Get()
  @Authenticated('contributor')
  @ApiOperation({ summary: "The site's sections, in navigation order" })
  async list() {
    const site = await this.sections.current();
    return { siteId: site.id, sections: site.sections, updatedBy: site.updatedBy, updatedAt: site.updatedAt.toISOString() };
  }

  @Put()
  @Authenticated('admin')
  @ApiOperation({ summary: "Replace the site's sections (administrator): announced as editorial.site.sections-changed" })
  async replace(@Body() body: unknown, @CurrentActor() actor: Actor) {
    const { sections } = parseInput(sectionsBody, body, 'body', 'en');
    const site = await this.sections.replace(sections, actor);
    return { siteId: site.id, sections: site.sections, updatedBy: site.updatedBy, updatedAt: site.updatedAt.toISOString() };
  }
}
