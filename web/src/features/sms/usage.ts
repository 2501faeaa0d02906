import type { components } from '../../api/schema';

/*
 * The usage answers are typed here by hand, mirroring SmsUsageContracts.cs and SmsAllowanceContracts.cs: the generated
 * type of these routes' 200 answer is the JSON or the CSV text (`?format=csv`) in one union, with every number also
 * allowed as a string (the server reads numbers from strings), while the JSON the app reads has plain numbers.
 */

/** Counts and cost of a set of texts. */
export interface SmsUsageTotals {
  messagesIn: number;
  segmentsIn: number;
  messagesOut: number;
  segmentsOut: number;
  estimatedCost: number;
}

/** One local day of my texts. */
export interface SmsUsageDay extends SmsUsageTotals {
  date: string;
}

/** Where I stand with my SMS allowance (segments). */
export interface SmsAllowanceStatus {
  unlimited: boolean;
  daily: number | null;
  usedToday: number;
  leftToday: number | null;
  monthly: number | null;
  usedThisMonth: number;
  leftThisMonth: number | null;
}

/** GET /api/v1/sms/usage */
export interface SmsUsage {
  from: string;
  to: string;
  currency: string;
  days: SmsUsageDay[];
  totals: SmsUsageTotals;
  allowance: SmsAllowanceStatus;
}

/** GET /api/v1/admin/sms/usage */
export interface SmsAdminUsage {
  from: string;
  to: string;
  currency: string;
  totals: SmsUsageTotals;
  people: { userId: string; email: string | null; usage: SmsUsageTotals }[];
  numbers: { number: string; usage: SmsUsageTotals }[];
  countries: { country: string; usage: SmsUsageTotals }[];
  delivery: { outbound: number; final: number; delivered: number; successRate: number | null };
  topErrors: { errorCode: number; count: number }[];
  months: { month: string; messagesCost: number; numbers: number; numberRental: number; total: number }[];
}

export type SmsAllowance = components['schemas']['SmsAllowanceResponse'];
export type SmsNumber = components['schemas']['SmsNumberResponse'];
export type AvailableSmsNumber = components['schemas']['AvailableSmsNumberResponse'];
