"""Contains all the data models used in inputs/outputs"""

from .access_item import AccessItem
from .access_item_answer_type_0 import AccessItemAnswerType0
from .access_item_page import AccessItemPage
from .access_item_reason import AccessItemReason
from .access_item_status import AccessItemStatus
from .access_log_entry import AccessLogEntry
from .access_log_page import AccessLogPage
from .account_change_out import AccountChangeOut
from .account_change_page import AccountChangePage
from .activate_request import ActivateRequest
from .activate_response import ActivateResponse
from .api_v1_access_reviews_items_status_type_1 import ApiV1AccessReviewsItemsStatusType1
from .api_v1_access_reviews_items_status_type_2_type_1 import ApiV1AccessReviewsItemsStatusType2Type1
from .api_v1_access_reviews_items_status_type_3_type_1 import ApiV1AccessReviewsItemsStatusType3Type1
from .api_v1_audit_events_list_events_group_type_1 import ApiV1AuditEventsListEventsGroupType1
from .api_v1_audit_events_list_events_group_type_2_type_1 import ApiV1AuditEventsListEventsGroupType2Type1
from .api_v1_audit_events_list_events_group_type_3_type_1 import ApiV1AuditEventsListEventsGroupType3Type1
from .api_v1_audit_events_list_events_outcome_type_1 import ApiV1AuditEventsListEventsOutcomeType1
from .api_v1_audit_events_list_events_outcome_type_2_type_1 import ApiV1AuditEventsListEventsOutcomeType2Type1
from .api_v1_audit_events_list_events_outcome_type_3_type_1 import ApiV1AuditEventsListEventsOutcomeType3Type1
from .assignment_in import AssignmentIn
from .assignment_overview import AssignmentOverview
from .assignment_view import AssignmentView
from .attest_in import AttestIn
from .attest_in_answer import AttestInAnswer
from .audit_bundle import AuditBundle
from .audit_bundle_checkpoints_item import AuditBundleCheckpointsItem
from .audit_bundle_consistency_item import AuditBundleConsistencyItem
from .audit_bundle_events_item import AuditBundleEventsItem
from .audit_bundle_events_item_event import AuditBundleEventsItemEvent
from .audit_bundle_format import AuditBundleFormat
from .audit_bundle_log_item import AuditBundleLogItem
from .audit_bundle_scope import AuditBundleScope
from .checkpoint_out import CheckpointOut
from .colleague import Colleague
from .colleague_view import ColleagueView
from .confirm_request import ConfirmRequest
from .consent_event_view import ConsentEventView
from .consent_in import ConsentIn
from .consent_in_legal_basis import ConsentInLegalBasis
from .consent_review_item import ConsentReviewItem
from .consent_review_page import ConsentReviewPage
from .consent_view import ConsentView
from .contact_in import ContactIn
from .contact_person_view import ContactPersonView
from .contact_view import ContactView
from .correction_page import CorrectionPage
from .correction_view import CorrectionView
from .due_item_out import DueItemOut
from .due_page import DuePage
from .due_page_rules import DuePageRules
from .duplicate_check_in import DuplicateCheckIn
from .duplicate_check_page import DuplicateCheckPage
from .duplicate_check_record import DuplicateCheckRecord
from .duplicate_check_view import DuplicateCheckView
from .emergency_grant_out import EmergencyGrantOut
from .emergency_grant_out_ground import EmergencyGrantOutGround
from .emergency_queue_item import EmergencyQueueItem
from .emergency_queue_item_ground import EmergencyQueueItemGround
from .emergency_queue_page import EmergencyQueuePage
from .emergency_request_in import EmergencyRequestIn
from .emergency_request_in_ground import EmergencyRequestInGround
from .emergency_review import EmergencyReview
from .emergency_review_in import EmergencyReviewIn
from .emergency_review_in_outcome import EmergencyReviewInOutcome
from .emergency_review_outcome import EmergencyReviewOutcome
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
from .file_search import FileSearch
from .file_summary import FileSummary
from .file_view import FileView
from .grant_organisation import GrantOrganisation
from .health import Health
from .health_checks_type_0 import HealthChecksType0
from .invitation import Invitation
from .invitation_in import InvitationIn
from .invitation_view import InvitationView
from .lead_handover_view import LeadHandoverView
from .lead_handover_view_status import LeadHandoverViewStatus
from .lead_offer_in import LeadOfferIn
from .legal_hold_in import LegalHoldIn
from .legal_hold_in_reason_code import LegalHoldInReasonCode
from .legal_hold_out import LegalHoldOut
from .mail_out import MailOut
from .mail_page import MailPage
from .me import Me
from .member_add import MemberAdd
from .member_corrected import MemberCorrected
from .member_correction_in import MemberCorrectionIn
from .member_correction_in_reason import MemberCorrectionInReason
from .member_end_in import MemberEndIn
from .member_end_in_reason import MemberEndInReason
from .member_ended import MemberEnded
from .member_in import MemberIn
from .member_link_answer import MemberLinkAnswer
from .member_link_page import MemberLinkPage
from .member_link_view import MemberLinkView
from .member_role import MemberRole
from .member_view import MemberView
from .notification_page import NotificationPage
from .notification_view import NotificationView
from .organisation_in import OrganisationIn
from .organisation_name import OrganisationName
from .organisation_out import OrganisationOut
from .organisation_page import OrganisationPage
from .organisation_ref import OrganisationRef
from .participant_in import ParticipantIn
from .participant_view import ParticipantView
from .problem import Problem
from .public_key_out import PublicKeyOut
from .recording_organisation import RecordingOrganisation
from .referral_decline_in import ReferralDeclineIn
from .referral_decline_in_reason import ReferralDeclineInReason
from .referral_in import ReferralIn
from .referral_in_urgency import ReferralInUrgency
from .referral_page import ReferralPage
from .referral_view import ReferralView
from .referral_view_status import ReferralViewStatus
from .renew_in import RenewIn
from .resolve_in import ResolveIn
from .resolve_in_kind import ResolveInKind
from .resolve_out import ResolveOut
from .review_decision_in import ReviewDecisionIn
from .review_decision_in_outcome import ReviewDecisionInOutcome
from .review_item import ReviewItem
from .review_item_answer_type_0 import ReviewItemAnswerType0
from .review_item_page import ReviewItemPage
from .review_item_reason import ReviewItemReason
from .review_item_status import ReviewItemStatus
from .review_status import ReviewStatus
from .review_status_status import ReviewStatusStatus
from .sample_page import SamplePage
from .sample_view import SampleView
from .security_event_out import SecurityEventOut
from .security_page import SecurityPage
from .signal_page import SignalPage
from .signal_view import SignalView
from .token_request import TokenRequest
from .token_response import TokenResponse
from .user_change_in import UserChangeIn
from .user_in import UserIn
from .user_out import UserOut
from .user_page import UserPage
from .verification_sent import VerificationSent

__all__ = (
    "AccessItem",
    "AccessItemAnswerType0",
    "AccessItemPage",
    "AccessItemReason",
    "AccessItemStatus",
    "AccessLogEntry",
    "AccessLogPage",
    "AccountChangeOut",
    "AccountChangePage",
    "ActivateRequest",
    "ActivateResponse",
    "ApiV1AccessReviewsItemsStatusType1",
    "ApiV1AccessReviewsItemsStatusType2Type1",
    "ApiV1AccessReviewsItemsStatusType3Type1",
    "ApiV1AuditEventsListEventsGroupType1",
    "ApiV1AuditEventsListEventsGroupType2Type1",
    "ApiV1AuditEventsListEventsGroupType3Type1",
    "ApiV1AuditEventsListEventsOutcomeType1",
    "ApiV1AuditEventsListEventsOutcomeType2Type1",
    "ApiV1AuditEventsListEventsOutcomeType3Type1",
    "AssignmentIn",
    "AssignmentOverview",
    "AssignmentView",
    "AttestIn",
    "AttestInAnswer",
    "AuditBundle",
    "AuditBundleCheckpointsItem",
    "AuditBundleConsistencyItem",
    "AuditBundleEventsItem",
    "AuditBundleEventsItemEvent",
    "AuditBundleFormat",
    "AuditBundleLogItem",
    "AuditBundleScope",
    "CheckpointOut",
    "Colleague",
    "ColleagueView",
    "ConfirmRequest",
    "ConsentEventView",
    "ConsentIn",
    "ConsentInLegalBasis",
    "ConsentReviewItem",
    "ConsentReviewPage",
    "ConsentView",
    "ContactIn",
    "ContactPersonView",
    "ContactView",
    "CorrectionPage",
    "CorrectionView",
    "DueItemOut",
    "DuePage",
    "DuePageRules",
    "DuplicateCheckIn",
    "DuplicateCheckPage",
    "DuplicateCheckRecord",
    "DuplicateCheckView",
    "EmergencyGrantOut",
    "EmergencyGrantOutGround",
    "EmergencyQueueItem",
    "EmergencyQueueItemGround",
    "EmergencyQueuePage",
    "EmergencyRequestIn",
    "EmergencyRequestInGround",
    "EmergencyReview",
    "EmergencyReviewIn",
    "EmergencyReviewInOutcome",
    "EmergencyReviewOutcome",
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
    "FileSearch",
    "FileSummary",
    "FileView",
    "GrantOrganisation",
    "Health",
    "HealthChecksType0",
    "Invitation",
    "InvitationIn",
    "InvitationView",
    "LeadHandoverView",
    "LeadHandoverViewStatus",
    "LeadOfferIn",
    "LegalHoldIn",
    "LegalHoldInReasonCode",
    "LegalHoldOut",
    "MailOut",
    "MailPage",
    "Me",
    "MemberAdd",
    "MemberCorrected",
    "MemberCorrectionIn",
    "MemberCorrectionInReason",
    "MemberEnded",
    "MemberEndIn",
    "MemberEndInReason",
    "MemberIn",
    "MemberLinkAnswer",
    "MemberLinkPage",
    "MemberLinkView",
    "MemberRole",
    "MemberView",
    "NotificationPage",
    "NotificationView",
    "OrganisationIn",
    "OrganisationName",
    "OrganisationOut",
    "OrganisationPage",
    "OrganisationRef",
    "ParticipantIn",
    "ParticipantView",
    "Problem",
    "PublicKeyOut",
    "RecordingOrganisation",
    "ReferralDeclineIn",
    "ReferralDeclineInReason",
    "ReferralIn",
    "ReferralInUrgency",
    "ReferralPage",
    "ReferralView",
    "ReferralViewStatus",
    "RenewIn",
    "ResolveIn",
    "ResolveInKind",
    "ResolveOut",
    "ReviewDecisionIn",
    "ReviewDecisionInOutcome",
    "ReviewItem",
    "ReviewItemAnswerType0",
    "ReviewItemPage",
    "ReviewItemReason",
    "ReviewItemStatus",
    "ReviewStatus",
    "ReviewStatusStatus",
    "SamplePage",
    "SampleView",
    "SecurityEventOut",
    "SecurityPage",
    "SignalPage",
    "SignalView",
    "TokenRequest",
    "TokenResponse",
    "UserChangeIn",
    "UserIn",
    "UserOut",
    "UserPage",
    "VerificationSent",
)
