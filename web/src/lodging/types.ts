import type { Answer, RequestBody } from '../api.js';

/** Shapes of the lodging API, from the generated schema (web/src/api/schema.ts, from docs/openapi.json). */
export type FacilityList = Answer<'/api/v1/lodging/facilities'>;
export type Facility = FacilityList['items'][number];
export type FacilityInput = RequestBody<'/api/v1/lodging/facilities'>;
export type ApplicationInput = RequestBody<'/api/v1/lodging/facility-applications'>;
export type StaffCreated = Answer<'/api/v1/lodging/facilities/{id}/staff', 'post'>;
export type DeskFacility = Answer<'/api/v1/desk/facility'>;
export type DeclareInput = RequestBody<'/api/v1/desk/stays'>;
export type GuestInput = DeclareInput['guests'][number];
export type Stay = Answer<'/api/v1/desk/stays'>['items'][number];
export type Booking = Answer<'/api/v1/desk/stays', 'post'>;
export type StayPage = Answer<'/api/v1/lodging/stays'>;
export type StayDetail = Answer<'/api/v1/lodging/stays/{id}'>;
export type StayAlert = StayDetail['alerts'][number];
export type StayChange = StayDetail['changes'][number];
export type AmendStayInput = RequestBody<'/api/v1/desk/stays/{id}', 'patch'>;
export type WatchAlert = Answer<'/api/v1/lodging/alerts'>['items'][number];
export type WatchlistInput = RequestBody<'/api/v1/lodging/watchlist'>;
export type WatchlistEntry = Answer<'/api/v1/lodging/watchlist', 'post'>;
export type WatchlistPage = Answer<'/api/v1/lodging/watchlist'>;
export type Statistics = Answer<'/api/v1/lodging/statistics'>;
/** A facility's correction or cancellation of a stay, pushed on the police stream as the event `stay` (src/modules/lodging/schema.ts StayChanged). */
export interface StayChanged {
  stayId: number;
  change: 'amended' | 'cancelled';
}
