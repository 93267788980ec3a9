import type { EventType } from '@newsroom/contracts';

const ON_EVENT = Symbol('newsroom:on-event');

interface OnEventBinding {
  type: EventType;
  method: string | symbol;
}

/**
 * Marks a consumer method: `@OnEvent('ingestion.communique.received') received(event, tx) {…}`.
 * The method runs in the inbox transaction; write state and outbox rows through `tx`.
 */
export function OnEvent(type: EventType): MethodDecorator {
  return (target, method) => {
    const bindings: OnEventBinding[] = Reflect.getMetadata(ON_EVENT, target.constructor) ?? [];
    Reflect.defineMetadata(ON_EVENT, [...bindings, { type, method }], target.constructor);
  };
}

export function onEventBindings(consumerClass: object): OnEventBinding[] {
  return Reflect.getMetadata(ON_EVENT, consumerClass) ?? [];
}
