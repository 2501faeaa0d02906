import type { MessageKey, Translate } from '../../i18n';

/** Every kind of event the host's audit trail records (AuditActions on the server), with its words in the catalog. */
export const auditKinds = {
  'account.registered': 'adminAudit.kind.accountRegistered',
  'auth.login.succeeded': 'adminAudit.kind.loginSucceeded',
  'auth.login.failed': 'adminAudit.kind.loginFailed',
  'auth.locked_out': 'adminAudit.kind.lockedOut',
  'auth.mfa.challenged': 'adminAudit.kind.mfaChallenged',
  'auth.mfa.failed': 'adminAudit.kind.mfaFailed',
  'auth.mfa.recovery_code_used': 'adminAudit.kind.recoveryCodeUsed',
  'auth.refresh.reuse_detected': 'adminAudit.kind.refreshReuse',
  'auth.logout': 'adminAudit.kind.logout',
  'account.email_verified': 'adminAudit.kind.emailVerified',
  'account.password_changed': 'adminAudit.kind.passwordChanged',
  'account.password_reset_requested': 'adminAudit.kind.passwordResetRequested',
  'account.email_verification_requested': 'adminAudit.kind.emailVerificationRequested',
  'account.password_reset': 'adminAudit.kind.passwordReset',
  'account.mfa.enabled': 'adminAudit.kind.mfaEnabled',
  'account.mfa.disabled': 'adminAudit.kind.mfaDisabled',
  'account.mfa.recovery_codes_regenerated': 'adminAudit.kind.recoveryCodesRegenerated',
  'account.phone.added': 'adminAudit.kind.phoneAdded',
  'account.phone.verified': 'adminAudit.kind.phoneVerified',
  'account.phone.removed': 'adminAudit.kind.phoneRemoved',
  'session.revoked': 'adminAudit.kind.sessionRevoked',
  'access.role_granted': 'adminAudit.kind.roleGranted',
  'access.role_removed': 'adminAudit.kind.roleRemoved',
  'access.denied': 'adminAudit.kind.accessDenied',
  'admin.user_updated': 'adminAudit.kind.adminUserUpdated',
  'admin.user_deleted': 'adminAudit.kind.adminUserDeleted',
  'account.deletion_requested': 'adminAudit.kind.deletionRequested',
  'account.deletion_cancelled': 'adminAudit.kind.deletionCancelled',
  'account.deleted': 'adminAudit.kind.accountDeleted',
  'admin.sms_allowances_updated': 'adminAudit.kind.smsAllowancesUpdated',
  'admin.sms_number_bought': 'adminAudit.kind.smsNumberBought',
  'admin.sms_number_assigned': 'adminAudit.kind.smsNumberAssigned',
  'admin.sms_number_verified': 'adminAudit.kind.smsNumberVerified',
  'admin.sms_number_released': 'adminAudit.kind.smsNumberReleased',
} as const satisfies Record<string, MessageKey>;

export type AuditKind = keyof typeof auditKinds;

/** The words for an event's kind; a kind this version of the app does not know yet is named plainly, with its code. */
export function auditKindName(t: Translate, action: string): string {
  return action in auditKinds ? t(auditKinds[action as AuditKind]) : t('adminAudit.kind.unknown', { code: action });
}
