"""Every action a route can declare, as ``<scope>:<resource>:<action>``, kept alphabetised.

These mirror the Cedar actions in ``policies/schema.cedarschema``. A route that declares no
action is refused by the guard (deny by default).
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    """Cedar action ids."""

    AUDIT_CHECKPOINT_READ = "audit:checkpoint:read"
    AUDIT_EVENT_LIST = "audit:event:list"
    AUDIT_EXPORT_READ = "audit:export:read"
    AUDIT_REF_RESOLVE = "audit:ref:resolve"
    COORDINATION_ATTACHMENT_READ = "coordination:attachment:read"
    COORDINATION_ATTACHMENT_UPLOAD = "coordination:attachment:upload"
    COORDINATION_ASSIGNMENT_CREATE = "coordination:assignment:create"
    COORDINATION_ASSIGNMENT_DELETE = "coordination:assignment:delete"
    COORDINATION_ASSIGNMENT_LIST = "coordination:assignment:list"
    COORDINATION_CONSENT_RECORD = "coordination:consent:record"
    COORDINATION_CONSENT_RENEW = "coordination:consent:renew"
    COORDINATION_CONSENT_WITHDRAW = "coordination:consent:withdraw"
    COORDINATION_CONTACT_SET = "coordination:contact:set"
    COORDINATION_DUPLICATE_CHECK = "coordination:duplicate:check"
    COORDINATION_ANNOTATION_CREATE = "coordination:annotation:create"
    COORDINATION_ENTRY_CREATE = "coordination:entry:create"
    COORDINATION_ENTRY_LIST = "coordination:entry:list"
    COORDINATION_EVIDENCE_UPLOAD = "coordination:evidence:upload"
    COORDINATION_FILE_CLOSE = "coordination:file:close"
    COORDINATION_FILE_CREATE = "coordination:file:create"
    COORDINATION_FILE_LIST = "coordination:file:list"
    COORDINATION_FILE_READ = "coordination:file:read"
    COORDINATION_FILE_SEARCH = "coordination:file:search"
    COORDINATION_INVITATION_CREATE = "coordination:invitation:create"
    COORDINATION_LEAD_ACCEPT = "coordination:lead:accept"
    COORDINATION_LEAD_DECLINE = "coordination:lead:decline"
    COORDINATION_LEAD_OFFER = "coordination:lead:offer"
    COORDINATION_MEETING_CANCEL = "coordination:meeting:cancel"
    COORDINATION_MEETING_CREATE = "coordination:meeting:create"
    COORDINATION_MEETING_LIST = "coordination:meeting:list"
    COORDINATION_MEETING_MINUTES = "coordination:meeting:minutes"
    COORDINATION_MEETING_TO_PLAN = "coordination:meeting:to-plan"
    COORDINATION_MEETING_READ = "coordination:meeting:read"
    COORDINATION_MEMBER_ADD = "coordination:member:add"
    COORDINATION_MEMBER_CORRECT = "coordination:member:correct"
    COORDINATION_MEMBER_END = "coordination:member:end"
    COORDINATION_MESSAGE_CREATE = "coordination:message:create"
    COORDINATION_MESSAGE_LIST = "coordination:message:list"
    COORDINATION_NOTIFICATION_LIST = "coordination:notification:list"
    COORDINATION_OBJECTION_DECIDE = "coordination:objection:decide"
    COORDINATION_OBJECTION_LIST = "coordination:objection:list"
    COORDINATION_PARTICIPANT_ADD = "coordination:participant:add"
    COORDINATION_PLAN_ACTION_CREATE = "coordination:plan-action:create"
    COORDINATION_PLAN_ACTION_STATUS = "coordination:plan-action:status"
    COORDINATION_PLAN_EVENT_LIST = "coordination:plan-event:list"
    COORDINATION_PLAN_GOAL_CREATE = "coordination:plan-goal:create"
    COORDINATION_PLAN_READ = "coordination:plan:read"
    COORDINATION_TASK_DIGEST_SET = "coordination:task-digest:set"
    COORDINATION_TASK_LIST = "coordination:task:list"
    EMERGENCY_GRANT_LIST = "emergency:grant:list"
    EMERGENCY_GRANT_REQUEST = "emergency:grant:request"
    EMERGENCY_GRANT_REVIEW = "emergency:grant:review"
    COORDINATION_PARTICIPANT_LEAVE = "coordination:participant:leave"
    COORDINATION_REFERRAL_ACCEPT = "coordination:referral:accept"
    COORDINATION_REFERRAL_CREATE = "coordination:referral:create"
    COORDINATION_REFERRAL_DECLINE = "coordination:referral:decline"
    COORDINATION_REFERRAL_LIST = "coordination:referral:list"
    COORDINATION_THREAD_CREATE = "coordination:thread:create"
    COORDINATION_THREAD_LIST = "coordination:thread:list"
    FAMILY_ACCESS_LOG_READ = "family:access-log:read"
    FAMILY_ATTACHMENT_READ = "family:attachment:read"
    FAMILY_CONSENT_CONFIRM = "family:consent:confirm"
    FAMILY_CONSENT_CONTEST = "family:consent:contest"
    FAMILY_CONSENT_GIVE = "family:consent:give"
    FAMILY_CONSENT_WITHDRAW = "family:consent:withdraw"
    FAMILY_CORRECTION_LIST = "family:correction:list"
    FAMILY_EVIDENCE_READ = "family:evidence:read"
    FAMILY_EXPORT_READ = "family:export:read"
    FAMILY_FILE_LIST = "family:file:list"
    FAMILY_FILE_READ = "family:file:read"
    FAMILY_STATEMENT_CREATE = "family:statement:create"
    FAMILY_LINK_ACCEPT = "family:link:accept"
    FAMILY_LINK_DECLINE = "family:link:decline"
    FAMILY_LINK_LIST = "family:link:list"
    FAMILY_MESSAGE_CREATE = "family:message:create"
    FAMILY_MESSAGE_LIST = "family:message:list"
    FAMILY_NOTICE_LIST = "family:notice:list"
    FAMILY_OBJECTION_LIST = "family:objection:list"
    FAMILY_OBJECTION_RAISE = "family:objection:raise"
    FAMILY_PLAN_ACTION_COMPLETE = "family:plan-action:complete"
    FAMILY_PLAN_COMMENT_CREATE = "family:plan-comment:create"
    FAMILY_PLAN_READ = "family:plan:read"
    FAMILY_THREAD_LIST = "family:thread:list"
    IDENTITY_ACCOUNT_CHANGE_APPROVE = "identity:account-change:approve"
    IDENTITY_ACCOUNT_CHANGE_LIST = "identity:account-change:list"
    IDENTITY_ACCOUNT_CHANGE_REJECT = "identity:account-change:reject"
    IDENTITY_ACCOUNT_CHANGE_REQUEST = "identity:account-change:request"
    IDENTITY_AUTH_LOGOUT = "identity:auth:logout"
    IDENTITY_AUTH_ME = "identity:auth:me"
    IDENTITY_ORGANISATION_CREATE = "identity:organisation:create"
    IDENTITY_ORGANISATION_LIST = "identity:organisation:list"
    IDENTITY_ORGANISATION_READ = "identity:organisation:read"
    IDENTITY_SECURITY_LOG_READ = "identity:security-log:read"
    IDENTITY_USER_CREATE = "identity:user:create"
    IDENTITY_USER_DISABLE = "identity:user:disable"
    IDENTITY_USER_INVITE = "identity:user:invite"
    IDENTITY_USER_LIST = "identity:user:list"
    IDENTITY_USER_READ = "identity:user:read"
    IDENTITY_USER_RESET_MFA = "identity:user:reset-mfa"
    MAIL_OUTBOX_LIST = "mail:outbox:list"
    PUBLIC_AUDIT_KEY_READ = "public:audit-key:read"
    PUBLIC_AUTH_ACTIVATE = "public:auth:activate"
    PUBLIC_AUTH_TOKEN = "public:auth:token"  # noqa: S105 - an action name, not a secret
    PUBLIC_HEALTH_READ = "public:health:read"
    PUBLIC_PAGE_READ = "public:page:read"
    PUBLIC_SCHEMA_READ = "public:schema:read"
    PUBLIC_STATIC_READ = "public:static:read"
    RETENTION_DUE_LIST = "retention:due:list"
    RETENTION_ERASURE_DECIDE = "retention:erasure:decide"
    RETENTION_HOLD_LIFT = "retention:hold:lift"
    RETENTION_HOLD_PLACE = "retention:hold:place"
    RIGHTS_OBJECTION_LIST = "rights:objection:list"
    RIGHTS_RESTRICTION_LIFT = "rights:restriction:lift"
    RIGHTS_RESTRICTION_LIST = "rights:restriction:list"
    RIGHTS_RESTRICTION_PLACE = "rights:restriction:place"
    REVIEW_ACCESS_ATTEST = "review:access:attest"
    REVIEW_ACCESS_LIST = "review:access:list"
    REVIEW_CONSENT_DECIDE = "review:consent:decide"
    REVIEW_CONSENT_LIST = "review:consent:list"
    REVIEW_DUPLICATE_CHECK_LIST = "review:duplicate-check:list"
    REVIEW_EVIDENCE_READ = "review:evidence:read"
    REVIEW_SAMPLE_LIST = "review:sample:list"
    REVIEW_SIGNAL_LIST = "review:signal:list"
    RIGHTS_REQUEST_FILE = "rights:request:file"
    RIGHTS_REQUEST_LIST = "rights:request:list"
    RIGHTS_REQUEST_MINE = "rights:request:mine"
    RIGHTS_REQUEST_PROXY = "rights:request:proxy"  # filed by a partner's worker for the family
    RIGHTS_REQUEST_READ = "rights:request:read"
    RIGHTS_REQUEST_STEP = "rights:request:step"


class SystemAction(StrEnum):
    """Audited actions that no route declares and Cedar does not decide (scheduled runs, and
    the steps of signing in, activating and holding a session)."""

    IDENTITY_AUTH_ACTIVATE = "identity:auth:activate"
    IDENTITY_AUTH_ACTIVATE_CONFIRM = "identity:auth:activate-confirm"
    IDENTITY_AUTH_ACTIVATE_EMAIL = "identity:auth:activate-email"
    IDENTITY_AUTH_LOGIN = "identity:auth:login"
    IDENTITY_AUTH_MFA = "identity:auth:mfa"
    IDENTITY_SESSION_END = "identity:session:end"
    IDENTITY_SESSION_START = "identity:session:start"
    IDENTITY_TOKEN_ISSUE = "identity:token:issue"  # noqa: S105 - an action name, not a secret
    IDENTITY_TOKEN_REVOKE = "identity:token:revoke"  # noqa: S105 - an action name, not a secret
    RETENTION_FILE_PURGE = "retention:file:purge"
    RETENTION_MEMBER_ERASE = "retention:member:erase"
    REVIEW_SAMPLE_CREATE = "review:sample:create"


# Actions anyone may perform without signing in.
PUBLIC_ACTIONS: frozenset[str] = frozenset(
    {
        Action.PUBLIC_AUDIT_KEY_READ,
        Action.PUBLIC_AUTH_ACTIVATE,
        Action.PUBLIC_AUTH_TOKEN,
        Action.PUBLIC_HEALTH_READ,
        Action.PUBLIC_PAGE_READ,
        Action.PUBLIC_SCHEMA_READ,
        Action.PUBLIC_STATIC_READ,
    }
)
