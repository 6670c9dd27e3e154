"""Contains all the data models used in inputs/outputs"""

from .access_log_entry import AccessLogEntry
from .access_log_page import AccessLogPage
from .account_change_out import AccountChangeOut
from .account_change_page import AccountChangePage
from .activate_request import ActivateRequest
from .activate_response import ActivateResponse
from .api_v1_audit_events_list_events_outcome_type_1 import ApiV1AuditEventsListEventsOutcomeType1
from .api_v1_audit_events_list_events_outcome_type_2_type_1 import ApiV1AuditEventsListEventsOutcomeType2Type1
from .api_v1_audit_events_list_events_outcome_type_3_type_1 import ApiV1AuditEventsListEventsOutcomeType3Type1
from .assignment_in import AssignmentIn
from .assignment_overview import AssignmentOverview
from .assignment_view import AssignmentView
from .audit_bundle import AuditBundle
from .audit_bundle_checkpoints_item import AuditBundleCheckpointsItem
from .audit_bundle_consistency_item import AuditBundleConsistencyItem
from .audit_bundle_events_item import AuditBundleEventsItem
from .audit_bundle_events_item_event import AuditBundleEventsItemEvent
from .audit_bundle_format import AuditBundleFormat
from .checkpoint_out import CheckpointOut
from .colleague_view import ColleagueView
from .confirm_request import ConfirmRequest
from .consent_event_view import ConsentEventView
from .consent_in import ConsentIn
from .consent_in_legal_basis import ConsentInLegalBasis
from .consent_review_item import ConsentReviewItem
from .consent_review_page import ConsentReviewPage
from .consent_view import ConsentView
from .due_item_out import DueItemOut
from .due_page import DuePage
from .due_page_rules import DuePageRules
from .entry_in import EntryIn
from .entry_page import EntryPage
from .entry_view import EntryView
from .event_out import EventOut
from .event_page import EventPage
from .evidence_view import EvidenceView
from .family_consent_in import FamilyConsentIn
from .family_consent_view import FamilyConsentView
from .family_consent_view_may_withdraw_type_0 import FamilyConsentViewMayWithdrawType0
from .family_consent_view_state import FamilyConsentViewState
from .family_export import FamilyExport
from .family_file_page import FamilyFilePage
from .family_file_summary import FamilyFileSummary
from .family_file_view import FamilyFileView
from .family_notice_page import FamilyNoticePage
from .family_notice_view import FamilyNoticeView
from .family_withdrawal_view import FamilyWithdrawalView
from .family_withdrawal_view_scope import FamilyWithdrawalViewScope
from .field_error import FieldError
from .field_error_source import FieldErrorSource
from .file_consent_in import FileConsentIn
from .file_consent_in_legal_basis import FileConsentInLegalBasis
from .file_create import FileCreate
from .file_page import FilePage
from .file_summary import FileSummary
from .file_view import FileView
from .health import Health
from .health_checks_type_0 import HealthChecksType0
from .invitation import Invitation
from .invitation_in import InvitationIn
from .invitation_view import InvitationView
from .legal_hold_in import LegalHoldIn
from .legal_hold_in_reason_code import LegalHoldInReasonCode
from .legal_hold_out import LegalHoldOut
from .mail_out import MailOut
from .mail_page import MailPage
from .me import Me
from .member_in import MemberIn
from .member_link_answer import MemberLinkAnswer
from .member_link_page import MemberLinkPage
from .member_link_view import MemberLinkView
from .member_role import MemberRole
from .member_view import MemberView
from .notification_page import NotificationPage
from .notification_view import NotificationView
from .organisation_in import OrganisationIn
from .organisation_out import OrganisationOut
from .organisation_page import OrganisationPage
from .organisation_ref import OrganisationRef
from .participant_in import ParticipantIn
from .participant_view import ParticipantView
from .problem import Problem
from .public_key_out import PublicKeyOut
from .recording_organisation import RecordingOrganisation
from .renew_in import RenewIn
from .resolve_in import ResolveIn
from .resolve_in_kind import ResolveInKind
from .resolve_out import ResolveOut
from .review_decision_in import ReviewDecisionIn
from .review_decision_in_outcome import ReviewDecisionInOutcome
from .review_status import ReviewStatus
from .review_status_status import ReviewStatusStatus
from .security_event_out import SecurityEventOut
from .security_page import SecurityPage
from .token_request import TokenRequest
from .token_response import TokenResponse
from .user_change_in import UserChangeIn
from .user_in import UserIn
from .user_out import UserOut
from .user_page import UserPage
from .verification_sent import VerificationSent

__all__ = (
    "AccessLogEntry",
    "AccessLogPage",
    "AccountChangeOut",
    "AccountChangePage",
    "ActivateRequest",
    "ActivateResponse",
    "ApiV1AuditEventsListEventsOutcomeType1",
    "ApiV1AuditEventsListEventsOutcomeType2Type1",
    "ApiV1AuditEventsListEventsOutcomeType3Type1",
    "AssignmentIn",
    "AssignmentOverview",
    "AssignmentView",
    "AuditBundle",
    "AuditBundleCheckpointsItem",
    "AuditBundleConsistencyItem",
    "AuditBundleEventsItem",
    "AuditBundleEventsItemEvent",
    "AuditBundleFormat",
    "CheckpointOut",
    "ColleagueView",
    "ConfirmRequest",
    "ConsentEventView",
    "ConsentIn",
    "ConsentInLegalBasis",
    "ConsentReviewItem",
    "ConsentReviewPage",
    "ConsentView",
    "DueItemOut",
    "DuePage",
    "DuePageRules",
    "EntryIn",
    "EntryPage",
    "EntryView",
    "EventOut",
    "EventPage",
    "EvidenceView",
    "FamilyConsentIn",
    "FamilyConsentView",
    "FamilyConsentViewMayWithdrawType0",
    "FamilyConsentViewState",
    "FamilyExport",
    "FamilyFilePage",
    "FamilyFileSummary",
    "FamilyFileView",
    "FamilyNoticePage",
    "FamilyNoticeView",
    "FamilyWithdrawalView",
    "FamilyWithdrawalViewScope",
    "FieldError",
    "FieldErrorSource",
    "FileConsentIn",
    "FileConsentInLegalBasis",
    "FileCreate",
    "FilePage",
    "FileSummary",
    "FileView",
    "Health",
    "HealthChecksType0",
    "Invitation",
    "InvitationIn",
    "InvitationView",
    "LegalHoldIn",
    "LegalHoldInReasonCode",
    "LegalHoldOut",
    "MailOut",
    "MailPage",
    "Me",
    "MemberIn",
    "MemberLinkAnswer",
    "MemberLinkPage",
    "MemberLinkView",
    "MemberRole",
    "MemberView",
    "NotificationPage",
    "NotificationView",
    "OrganisationIn",
    "OrganisationOut",
    "OrganisationPage",
    "OrganisationRef",
    "ParticipantIn",
    "ParticipantView",
    "Problem",
    "PublicKeyOut",
    "RecordingOrganisation",
    "RenewIn",
    "ResolveIn",
    "ResolveInKind",
    "ResolveOut",
    "ReviewDecisionIn",
    "ReviewDecisionInOutcome",
    "ReviewStatus",
    "ReviewStatusStatus",
    "SecurityEventOut",
    "SecurityPage",
    "TokenRequest",
    "TokenResponse",
    "UserChangeIn",
    "UserIn",
    "UserOut",
    "UserPage",
    "VerificationSent",
)
