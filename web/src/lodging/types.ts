import type { Static } from '@sinclair/typebox';
import type { lodgingSchemas as S } from '../../../src/modules/lodging/index.js';

/**
 * Shapes of the lodging API, taken from its TypeBox schemas (src/modules/lodging/schema.ts, the truth).
 * Type-only: nothing of the server reaches the browser bundle.
 */
export type Facility = Static<typeof S.Facility>;
export type FacilityList = Static<typeof S.FacilityList>;
export type FacilityInput = Static<typeof S.FacilityBody>;
export type ApplicationInput = Static<typeof S.ApplicationBody>;
export type StaffCreated = Static<typeof S.StaffCreated>;
export type DeskFacility = Static<typeof S.DeskFacility>;
export type GuestInput = Static<typeof S.GuestBody>;
export type DeclareInput = Static<typeof S.DeclareBody>;
export type Stay = Static<typeof S.Stay>;
export type Booking = Static<typeof S.Booking>;
export type StayPage = Static<typeof S.StayPage>;
export type StayDetail = Static<typeof S.StayDetail>;
export type StayAlert = StayDetail['alerts'][number];
export type WatchAlert = Static<typeof S.Alert>;
export type WatchlistInput = Static<typeof S.WatchlistBody>;
export type WatchlistEntry = Static<typeof S.WatchlistEntry>;
export type WatchlistPage = Static<typeof S.WatchlistPage>;
export type Statistics = Static<typeof S.Statistics>;
