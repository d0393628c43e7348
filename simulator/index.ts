/** Dev-only simulator of the service-ticket IM API (never imported from src/). */
export { createHandlers, TEST_BASE_URL } from './handlers.ts';
export { createServiceModel, TEST_TOKEN } from './model.ts';
export { DEMO_TICKET_IDS, seedDemoTickets } from './seed.ts';
export { formatWallClock, parseTimeZone, parseWallClock, type TimeZoneSpec } from './timeZone.ts';
export type {
  Accessory,
  Delivery,
  Endpoint,
  Fault,
  RequestLogEntry,
  ServiceModel,
  SimMessage,
  SimMessageInput,
  SimTicket,
} from './types.ts';
