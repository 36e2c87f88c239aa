"""The app's lifespan starts the runtime's background services (the pending-check claimer, the
webhook deliverer) and stops only those it started: a second app served on a runtime that
another app is already serving must leave that app's pending checks and deliveries running."""

from disclosure_guard.api.app import create_app
from disclosure_guard.runtime import Runtime

from tests.conftest import serving


def test_a_second_app_on_a_serving_runtime_leaves_its_background_services_running(
        server_url: str, runtime: Runtime) -> None:
    assert runtime.claimer.running and runtime.webhooks.running
    with serving(create_app(runtime=runtime)):
        pass
    assert runtime.claimer.running
    assert runtime.webhooks.running


def test_an_app_stops_the_background_services_it_started(runtime: Runtime) -> None:
    were_running = runtime.claimer.running, runtime.webhooks.running
    runtime.claimer.stop()
    runtime.webhooks.stop()
    try:
        with serving(create_app(runtime=runtime)):
            assert runtime.claimer.running and runtime.webhooks.running
        assert not runtime.claimer.running
        assert not runtime.webhooks.running
    finally:
        if were_running[0]:
            runtime.claimer.start()
        if were_running[1]:
            runtime.webhooks.start()
