import type { MessageKey, Translate } from '../../i18n';
import { formatDateTime } from '../../ui/dates';
import type { AuditEvent } from './adminShared';

type AuditDetail = NonNullable<AuditEvent['detail']>;

/** Every detail the host's audit trail records (AuditDetails on the server), with its words in the catalog. */
export const auditDetails = {
  note: 'adminAudit.detail.note',
  session_ended: 'adminAudit.detail.sessionEnded',
  request: 'adminAudit.detail.request',
  phone_taken_elsewhere: 'adminAudit.detail.phoneTakenElsewhere',
  phone_opted_out: 'adminAudit.detail.phoneOptedOut',
  changes: 'adminAudit.detail.changes',
  no_change: 'adminAudit.detail.noChange',
  roles: 'adminAudit.detail.roles',
  sessions_ended_by_administrator: 'adminAudit.detail.sessionsEndedByAdministrator',
  other_sessions_ended: 'adminAudit.detail.otherSessionsEnded',
  session: 'adminAudit.detail.session',
  no_active_account: 'adminAudit.detail.noActiveAccount',
  no_unconfirmed_account: 'adminAudit.detail.noUnconfirmedAccount',
  address_taken: 'adminAudit.detail.addressTaken',
  unknown_account: 'adminAudit.detail.unknownAccount',
  locked_by_administrator: 'adminAudit.detail.lockedByAdministrator',
  too_many_failures: 'adminAudit.detail.tooManyFailures',
  wrong_password: 'adminAudit.detail.wrongPassword',
  wrong_current_password: 'adminAudit.detail.wrongCurrentPassword',
  wrong_code: 'adminAudit.detail.wrongCode',
  account_deactivated: 'adminAudit.detail.accountDeactivated',
  locked_from_address: 'adminAudit.detail.lockedFromAddress',
  account_failure_ceiling: 'adminAudit.detail.accountFailureCeiling',
  method: 'adminAudit.detail.method',
  deletion_due: 'adminAudit.detail.deletionDue',
  erased_by_owner: 'adminAudit.detail.erasedByOwner',
  erased_by_administrator: 'adminAudit.detail.erasedByAdministrator',
  erased_after_grace_period: 'adminAudit.detail.erasedAfterGracePeriod',
  sms_allowances: 'adminAudit.detail.smsAllowances',
  sms_number: 'adminAudit.detail.smsNumber',
  sms_number_assigned: 'adminAudit.detail.smsNumberAssigned',
  sms_number_unassigned: 'adminAudit.detail.smsNumberUnassigned',
  webhooks_point_here: 'adminAudit.detail.webhooksPointHere',
  webhooks_point_elsewhere: 'adminAudit.detail.webhooksPointElsewhere',
} as const satisfies Record<string, MessageKey>;

/** What an administrator can change on an account (AuditChanges on the server). */
const auditChanges = {
  display_name: 'adminAudit.change.displayName',
  activated: 'adminAudit.change.activated',
  deactivated: 'adminAudit.change.deactivated',
  password_reset_required: 'adminAudit.change.passwordResetRequired',
  unlocked: 'adminAudit.change.unlocked',
} as const satisfies Record<string, MessageKey>;

const roleNames: Record<string, MessageKey> = {
  user: 'adminUsers.role.user',
  premium: 'adminUsers.role.premium',
  administrator: 'adminUsers.role.administrator',
};

const methodNames: Record<string, MessageKey> = {
  totp: 'login.mfa.totp',
  sms: 'login.mfa.sms',
  recovery: 'login.mfa.recovery',
};

/** A code's words, or the code itself when this version of the app does not know it. */
function named(t: Translate, names: Record<string, MessageKey>, code: string): string {
  const key = Object.hasOwn(names, code) ? names[code] : undefined;
  return key ? t(key) : code;
}

/** One allowance change, "role=daily/monthly" or "role=default". */
function allowance(t: Translate, value: string): string {
  const [role = value, limits = ''] = value.split('=');
  const [daily, monthly] = limits.split('/');
  return daily && monthly
    ? t('adminAudit.allowance', { role: named(t, roleNames, role), daily, monthly })
    : t('adminAudit.allowance.default', { role: named(t, roleNames, role) });
}

/**
 * The sentence for an event's detail in the reader's language and zone. A detail this version of the app does not
 * know yet shows its code and values plainly, so nothing recorded is hidden.
 */
export function auditDetailText(t: Translate, detail: AuditDetail, language: string, timeZone: string): string {
  const { kind: code, values } = detail;
  if (!Object.hasOwn(auditDetails, code)) {
    return t('adminAudit.detail.unknown', { code, values: values.join(', ') });
  }
  const list = (words: (value: string) => string) => values.map(words).join(', ');
  const value = (() => {
    switch (code) {
      case 'changes':
        return list((change) => named(t, auditChanges, change));
      case 'roles':
        return list((role) => named(t, roleNames, role));
      case 'method':
        return list((method) => named(t, methodNames, method));
      case 'sms_allowances':
        return values.map((change) => allowance(t, change)).join('; ');
      case 'deletion_due':
        return values[0] ? formatDateTime(language, values[0], timeZone) : '';
      default:
        return values.join(' ');
    }
  })();
  return t(auditDetails[code as keyof typeof auditDetails], { value });
}
