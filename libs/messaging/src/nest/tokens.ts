/** Injection tokens of the messaging module (own file: the controller and the module both need them). */
export const TRANSPORT = Symbol('newsroom:transport');
export const MESSAGING_OPTIONS = Symbol('newsroom:messaging-options');
