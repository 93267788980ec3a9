import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { siteSections } from '@newsroom/contracts';
import { type Actor, Authenticated, CurrentActor, parseInput } from '@newsroom/platform';
import { z } from 'zod';
import { SiteSections } from './site-sections';

export const sectionsBody = z.object({ sections: siteSections, _csrf: z.string().optional() }).strict();

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
