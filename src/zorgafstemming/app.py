"""``create_app(settings)``: plugins, middleware and routes — wiring only."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Any

from litestar import Litestar, Router
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.static_files import create_static_files_router

from zorgafstemming import __version__
from zorgafstemming.accessreview import api as access_review_api
from zorgafstemming.accessreview import scheduler as access_review_scheduler
from zorgafstemming.accessreview.policy import review_policy
from zorgafstemming.api_document import ContractJsonPlugin, schema_miss_as_problem
from zorgafstemming.apidocs.routes import api_docs_router
from zorgafstemming.audit import api as audit_api
from zorgafstemming.audit import sealer as audit_sealer
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import AuthzEngine
from zorgafstemming.authz.guard import deny_by_default
from zorgafstemming.config import ConfigError, Settings
from zorgafstemming.coordination import api as coordination_api
from zorgafstemming.coordination import (
    digest_scheduler,
    meeting_api,
    member_api,
    message_api,
    plan_api,
    referral_api,
    search_api,
)
from zorgafstemming.coordination.emergency import api as emergency_api
from zorgafstemming.coordination.restriction import api as restriction_api
from zorgafstemming.coordination.review import api as review_api
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.crypto.keyfiles import load_secret
from zorgafstemming.errors import EXCEPTION_HANDLERS, retry_transient_database_faults
from zorgafstemming.health import ROUTES as HEALTH_ROUTES
from zorgafstemming.identity import api as identity_api
from zorgafstemming.identity import passwords
from zorgafstemming.identity.auth import (
    provide_audit_ctx,
    provide_caller,
    provide_principal,
    release_request_work,
)
from zorgafstemming.input_errors import refuse_unknown_query
from zorgafstemming.logging import configure_logging
from zorgafstemming.mail import api as mail_api
from zorgafstemming.mail import sender as mail_sender
from zorgafstemming.metrics import (
    prometheus_config,
    start_metrics_listener,
    stop_metrics_listener,
)
from zorgafstemming.middleware import make_security_headers_hook, request_context_middleware
from zorgafstemming.preflight import key_file_problems, production_problems
from zorgafstemming.problem_pages import ROUTES as PROBLEM_ROUTES
from zorgafstemming.request_bodies import CheckedRequest
from zorgafstemming.retention import api as retention_api
from zorgafstemming.retention import leader as retention_leader
from zorgafstemming.retention.ledger import require_restore_checked
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.rights import api as rights_api
from zorgafstemming.runtime import Runtime
from zorgafstemming.web import routes as web_routes
from zorgafstemming.web.templating import template_config

STATIC_DIR = Path(__file__).parent / "web" / "static"
# Where ``attach_runtime`` keeps a runtime the app serves on instead of building its own.
GIVEN_RUNTIME = "given_runtime"


def _provide_runtime(state: State) -> Runtime:
    runtime: Runtime = state.runtime
    return runtime


def _csrf_config(settings: Settings, runtime: Runtime | None) -> CSRFConfig:
    """CSRF for the HTML interface; ``/api`` takes bearer tokens only, so it is excluded."""
    session_key = (
        runtime.secrets.session_key
        if runtime is not None
        else load_secret(settings.keys_path, "session")
    )
    # A purpose-bound subkey: the CSRF secret never equals the session key itself.
    secret = hmac.new(session_key, b"csrf", hashlib.sha256).hexdigest()
    return CSRFConfig(
        secret=secret,
        cookie_name="__Host-zorg_csrf",
        cookie_path="/",
        cookie_secure=True,
        cookie_httponly=True,
        cookie_samesite="strict",
        header_name="x-csrftoken",
        exclude=["^/api/"],
    )


def create_app(settings: Settings, runtime: Runtime | None = None) -> Litestar:
    """Build the application; refuses insecure production settings before anything starts."""
    if settings.is_production:
        problems = production_problems(settings)
        if problems:
            raise ConfigError("refusing to start in production: " + "; ".join(problems))
    configure_logging(settings.log_level)
    retention_schedule = load_schedule()  # a broken schedule stops the service before it starts
    vocabulary()  # validated once here: a broken vocabulary must stop start-up, not a request
    review_policy()  # a broken policies/review.toml stops start-up too
    mail_sender.transport_for(settings)  # a broken SMTP URL or CA file stops start-up here
    if runtime is None:
        AuthzEngine.load()  # an invalid Cedar policy or schema stops the service here
    if runtime is None and not settings.is_production:
        # Missing or exposed key files stop the service before it listens (production checks
        # them above, with the other production problems).
        problems = key_file_problems(settings)
        if problems:
            raise ConfigError("refusing to start: " + "; ".join(problems))

    async def start(app: Litestar) -> None:
        given: Runtime | None = app.state.get(GIVEN_RUNTIME)
        app.state.runtime = given if given is not None else Runtime.build(settings)
        # A database restored from a backup serves nothing until restore-check re-applied the
        # purges the deletion ledger holds (start-up fails with the reason). This also installs
        # the ledger as the cipher's shred hook, so every shred a request makes is ledgered.
        await require_restore_checked(app.state.runtime)
        passwords.configure_pool(settings.password_hash_threads)

    async def stop(app: Litestar) -> None:
        if app.state.get(GIVEN_RUNTIME) is None and app.state.get("runtime") is not None:
            await app.state.runtime.close()

    api_router = Router(
        path="/api/v1",
        before_request=refuse_unknown_query,
        route_handlers=[
            *identity_api.ROUTES,
            *coordination_api.ROUTES,
            *referral_api.ROUTES,
            *plan_api.ROUTES,
            *meeting_api.ROUTES,
            *message_api.ROUTES,
            *member_api.ROUTES,
            *search_api.ROUTES,
            *review_api.ROUTES,
            *emergency_api.ROUTES,
            *restriction_api.ROUTES,
            *audit_api.ROUTES,
            *retention_api.ROUTES,
            *mail_api.ROUTES,
            *access_review_api.ROUTES,
            *rights_api.ROUTES,
        ],
    )
    static_router = create_static_files_router(
        path="/static",
        directories=[STATIC_DIR],
        opt={"action": Action.PUBLIC_STATIC_READ},
        include_in_schema=False,
    )
    openapi = (
        OpenAPIConfig(
            title="zorgafstemming API",
            version=__version__,
            render_plugins=[ContractJsonPlugin()],
            openapi_router=Router(
                path="/schema",
                route_handlers=[],
                opt={"action": Action.PUBLIC_SCHEMA_READ},
                include_in_schema=False,
                after_request=schema_miss_as_problem,
            ),
        )
        if settings.openapi_on
        else None
    )
    # The reference page shows what the document shows: served only where the document is.
    api_docs = [api_docs_router()] if settings.openapi_on else []
    app = Litestar(
        route_handlers=[
            *HEALTH_ROUTES,
            *PROBLEM_ROUTES,
            api_router,
            static_router,
            *api_docs,
            *web_routes.ROUTES,
        ],
        guards=[deny_by_default],
        dependencies={
            "runtime": Provide(_provide_runtime, sync_to_thread=False),
            "principal": Provide(provide_principal, sync_to_thread=False),
            "audit_ctx": Provide(provide_audit_ctx, sync_to_thread=False),
            "caller": Provide(provide_caller, sync_to_thread=False),
        },
        csrf_config=_csrf_config(settings, runtime),
        exception_handlers=EXCEPTION_HANDLERS,
        request_class=CheckedRequest,
        before_send=[make_security_headers_hook(settings)],
        middleware=[prometheus_config().middleware],
        request_max_body_size=settings.max_body_bytes,
        openapi_config=openapi,
        template_config=template_config(),
        on_startup=[
            start,
            audit_sealer.start_background_sealer,
            retention_leader.start_retention_scheduler,
            mail_sender.start_mail_sender,
            access_review_scheduler.start_access_review_scheduler,
            digest_scheduler.start_task_digest_scheduler,
            start_metrics_listener,
        ],
        on_shutdown=[
            stop_metrics_listener,
            digest_scheduler.stop_task_digest_scheduler,
            access_review_scheduler.stop_access_review_scheduler,
            mail_sender.stop_mail_sender,
            retention_leader.stop_retention_scheduler,
            audit_sealer.stop_background_sealer,
            stop,
        ],
        logging_config=None,
        debug=settings.debug and not settings.is_production,
    )
    app.state.retention_schedule = retention_schedule
    attach_runtime(app, runtime)
    # Outermost: every request, matched or not, gets a request id and an access log line.
    # Inside it: a request that failed on a serialization failure runs again (bounded), each
    # run's early unit of work (the guard's) ending even when the handler fails.
    app.asgi_handler = request_context_middleware(
        retry_transient_database_faults(release_request_work(app.asgi_handler)), settings
    )
    return app


def attach_runtime(app: Litestar, runtime: Runtime | None) -> None:
    """Serve ``app`` on ``runtime`` from its next start-up (``None``: build one from the settings).

    The caller owns a runtime it attaches: the app's shutdown leaves it open. One app can so be
    started, stopped and started again on another runtime (tests do, one app per settings).
    """
    app.state[GIVEN_RUNTIME] = runtime


def app_from_env() -> Any:
    """Factory for ASGI servers: ``uvicorn --factory zorgafstemming.app:app_from_env``."""
    from zorgafstemming.config import load_settings

    return create_app(load_settings())
