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
from .agenda_item import AgendaItem
from .annotation_in import AnnotationIn
from .annotation_view import AnnotationView
from .api_v1_access_reviews_items_status_type_1 import ApiV1AccessReviewsItemsStatusType1
from .api_v1_access_reviews_items_status_type_2_type_1 import ApiV1AccessReviewsItemsStatusType2Type1
from .api_v1_access_reviews_items_status_type_3_type_1 import ApiV1AccessReviewsItemsStatusType3Type1
from .api_v1_audit_events_list_events_group_type_1 import ApiV1AuditEventsListEventsGroupType1
from .api_v1_audit_events_list_events_group_type_2_type_1 import ApiV1AuditEventsListEventsGroupType2Type1
from .api_v1_audit_events_list_events_group_type_3_type_1 import ApiV1AuditEventsListEventsGroupType3Type1
from .api_v1_audit_events_list_events_outcome_type_1 import ApiV1AuditEventsListEventsOutcomeType1
from .api_v1_audit_events_list_events_outcome_type_2_type_1 import ApiV1AuditEventsListEventsOutcomeType2Type1
from .api_v1_audit_events_list_events_outcome_type_3_type_1 import ApiV1AuditEventsListEventsOutcomeType3Type1
from .api_v1_rights_requests_queue_status import ApiV1RightsRequestsQueueStatus
from .assignment_in import AssignmentIn
from .assignment_overview import AssignmentOverview
from .assignment_view import AssignmentView
from .attachment_view import AttachmentView
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
from .decision_in import DecisionIn
from .decision_view import DecisionView
from .decisions_to_plan_in import DecisionsToPlanIn
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
from .erasure_in import ErasureIn
from .erasure_in_decision import ErasureInDecision
from .erasure_in_reason import ErasureInReason
from .erasure_out import ErasureOut
from .erasure_out_erased_counts import ErasureOutErasedCounts
from .event_out import EventOut
from .event_page import EventPage
from .evidence_view import EvidenceView
from .export_access import ExportAccess
from .export_annotation import ExportAnnotation
from .export_consent import ExportConsent
from .export_consent_state import ExportConsentState
from .export_entries import ExportEntries
from .export_entry import ExportEntry
from .export_file import ExportFile
from .export_meeting import ExportMeeting
from .export_message import ExportMessage
from .export_plan_action import ExportPlanAction
from .export_plan_comment import ExportPlanComment
from .export_plan_goal import ExportPlanGoal
from .export_thread import ExportThread
from .export_withheld import ExportWithheld
from .family_consent_in import FamilyConsentIn
from .family_consent_view import FamilyConsentView
from .family_consent_view_legal_basis import FamilyConsentViewLegalBasis
from .family_consent_view_may_withdraw_type_0 import FamilyConsentViewMayWithdrawType0
from .family_consent_view_state import FamilyConsentViewState
from .family_export import FamilyExport
from .family_file_page import FamilyFilePage
from .family_file_summary import FamilyFileSummary
from .family_file_view import FamilyFileView
from .family_message_in import FamilyMessageIn
from .family_notice_page import FamilyNoticePage
from .family_notice_view import FamilyNoticeView
from .family_plan_action_view import FamilyPlanActionView
from .family_plan_action_view_owner import FamilyPlanActionViewOwner
from .family_plan_action_view_status import FamilyPlanActionViewStatus
from .family_plan_goal_view import FamilyPlanGoalView
from .family_plan_view import FamilyPlanView
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
from .goal_in import GoalIn
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
from .lift_in import LiftIn
from .mail_out import MailOut
from .mail_page import MailPage
from .me import Me
from .meeting_in import MeetingIn
from .meeting_page import MeetingPage
from .meeting_view import MeetingView
from .meeting_view_status import MeetingViewStatus
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
from .message_in import MessageIn
from .message_page import MessagePage
from .message_view import MessageView
from .message_view_author import MessageViewAuthor
from .minutes_in import MinutesIn
from .minutes_view import MinutesView
from .notification_page import NotificationPage
from .notification_view import NotificationView
from .objection_decision_in import ObjectionDecisionIn
from .objection_decision_in_outcome import ObjectionDecisionInOutcome
from .objection_in import ObjectionIn
from .objection_out import ObjectionOut
from .objection_out_state import ObjectionOutState
from .objection_page import ObjectionPage
from .organisation_in import OrganisationIn
from .organisation_name import OrganisationName
from .organisation_out import OrganisationOut
from .organisation_page import OrganisationPage
from .organisation_ref import OrganisationRef
from .own_statement_in import OwnStatementIn
from .participant_in import ParticipantIn
from .participant_view import ParticipantView
from .plan_action_in import PlanActionIn
from .plan_action_in_owner import PlanActionInOwner
from .plan_action_view import PlanActionView
from .plan_action_view_owner import PlanActionViewOwner
from .plan_action_view_status import PlanActionViewStatus
from .plan_comment_in import PlanCommentIn
from .plan_comment_view import PlanCommentView
from .plan_event_page import PlanEventPage
from .plan_event_view import PlanEventView
from .plan_goal_view import PlanGoalView
from .plan_status_in import PlanStatusIn
from .plan_status_in_status import PlanStatusInStatus
from .plan_view import PlanView
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
from .request_in import RequestIn
from .request_in_kind import RequestInKind
from .request_in_scope import RequestInScope
from .request_page import RequestPage
from .request_view import RequestView
from .request_view_channel import RequestViewChannel
from .request_view_kind import RequestViewKind
from .request_view_scope import RequestViewScope
from .request_view_status import RequestViewStatus
from .resolve_in import ResolveIn
from .resolve_in_kind import ResolveInKind
from .resolve_out import ResolveOut
from .restriction_in import RestrictionIn
from .restriction_out import RestrictionOut
from .restriction_page import RestrictionPage
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
from .step_in import StepIn
from .step_in_step import StepInStep
from .step_view import StepView
from .step_view_step import StepViewStep
from .task_page import TaskPage
from .task_view import TaskView
from .task_view_kind import TaskViewKind
from .thread_in import ThreadIn
from .thread_in_audience import ThreadInAudience
from .thread_page import ThreadPage
from .thread_view import ThreadView
from .thread_view_audience import ThreadViewAudience
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
    "AgendaItem",
    "AnnotationIn",
    "AnnotationView",
    "ApiV1AccessReviewsItemsStatusType1",
    "ApiV1AccessReviewsItemsStatusType2Type1",
    "ApiV1AccessReviewsItemsStatusType3Type1",
    "ApiV1AuditEventsListEventsGroupType1",
    "ApiV1AuditEventsListEventsGroupType2Type1",
    "ApiV1AuditEventsListEventsGroupType3Type1",
    "ApiV1AuditEventsListEventsOutcomeType1",
    "ApiV1AuditEventsListEventsOutcomeType2Type1",
    "ApiV1AuditEventsListEventsOutcomeType3Type1",
    "ApiV1RightsRequestsQueueStatus",
    "AssignmentIn",
    "AssignmentOverview",
    "AssignmentView",
    "AttachmentView",
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
    "DecisionIn",
    "DecisionsToPlanIn",
    "DecisionView",
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
    "ErasureIn",
    "ErasureInDecision",
    "ErasureInReason",
    "ErasureOut",
    "ErasureOutErasedCounts",
    "EventOut",
    "EventPage",
    "EvidenceView",
    "ExportAccess",
    "ExportAnnotation",
    "ExportConsent",
    "ExportConsentState",
    "ExportEntries",
    "ExportEntry",
    "ExportFile",
    "ExportMeeting",
    "ExportMessage",
    "ExportPlanAction",
    "ExportPlanComment",
    "ExportPlanGoal",
    "ExportThread",
    "ExportWithheld",
    "FamilyConsentIn",
    "FamilyConsentView",
    "FamilyConsentViewLegalBasis",
    "FamilyConsentViewMayWithdrawType0",
    "FamilyConsentViewState",
    "FamilyExport",
    "FamilyFilePage",
    "FamilyFileSummary",
    "FamilyFileView",
    "FamilyMessageIn",
    "FamilyNoticePage",
    "FamilyNoticeView",
    "FamilyPlanActionView",
    "FamilyPlanActionViewOwner",
    "FamilyPlanActionViewStatus",
    "FamilyPlanGoalView",
    "FamilyPlanView",
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
    "GoalIn",
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
    "LiftIn",
    "MailOut",
    "MailPage",
    "Me",
    "MeetingIn",
    "MeetingPage",
    "MeetingView",
    "MeetingViewStatus",
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
    "MessageIn",
    "MessagePage",
    "MessageView",
    "MessageViewAuthor",
    "MinutesIn",
    "MinutesView",
    "NotificationPage",
    "NotificationView",
    "ObjectionDecisionIn",
    "ObjectionDecisionInOutcome",
    "ObjectionIn",
    "ObjectionOut",
    "ObjectionOutState",
    "ObjectionPage",
    "OrganisationIn",
    "OrganisationName",
    "OrganisationOut",
    "OrganisationPage",
    "OrganisationRef",
    "OwnStatementIn",
    "ParticipantIn",
    "ParticipantView",
    "PlanActionIn",
    "PlanActionInOwner",
    "PlanActionView",
    "PlanActionViewOwner",
    "PlanActionViewStatus",
    "PlanCommentIn",
    "PlanCommentView",
    "PlanEventPage",
    "PlanEventView",
    "PlanGoalView",
    "PlanStatusIn",
    "PlanStatusInStatus",
    "PlanView",
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
    "RequestIn",
    "RequestInKind",
    "RequestInScope",
    "RequestPage",
    "RequestView",
    "RequestViewChannel",
    "RequestViewKind",
    "RequestViewScope",
    "RequestViewStatus",
    "ResolveIn",
    "ResolveInKind",
    "ResolveOut",
    "RestrictionIn",
    "RestrictionOut",
    "RestrictionPage",
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
    "StepIn",
    "StepInStep",
    "StepView",
    "StepViewStep",
    "TaskPage",
    "TaskView",
    "TaskViewKind",
    "ThreadIn",
    "ThreadInAudience",
    "ThreadPage",
    "ThreadView",
    "ThreadViewAudience",
    "TokenRequest",
    "TokenResponse",
    "UserChangeIn",
    "UserIn",
    "UserOut",
    "UserPage",
    "VerificationSent",
)
