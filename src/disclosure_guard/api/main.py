"""The ASGI app uvicorn serves: `uvicorn disclosure_guard.api.main:app`."""

from disclosure_guard.api.app import create_app

app = create_app()
