import { Injectable } from '@nestjs/common';
import type { EventHandlerFn } from '../inbox/event-consumer';
import type { ServiceMessaging } from '../service-messaging';

/** The services hosted by this process (one, or four in the standalone host), for operators and health. */
@Injectable()
export class MessagingRegistry {
  private readonly services = new Map<string, ServiceMessaging>();
  private readonly handlers = new Map<string, Map<string, EventHandlerFn[]>>();

  register(service: string, messaging: ServiceMessaging): void {
    this.services.set(service, messaging);
  }

  get(service: string): ServiceMessaging | undefined {
    return this.services.get(service);
  }

  names(): string[] {
    return [...this.services.keys()];
  }

  handlersOf(service: string): Map<string, EventHandlerFn[]> {
    let map = this.handlers.get(service);
    if (!map) this.handlers.set(service, (map = new Map()));
    return map;
  }
}
