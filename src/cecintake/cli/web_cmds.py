"""serve: the reviewers' web interface."""

from __future__ import annotations

import typer

from . import app, settings_of
from .render import out


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    proxy_headers: bool = typer.Option(False, "--proxy-headers/--no-proxy-headers",
                                       help="Trust X-Forwarded-Proto from a TLS-terminating proxy (cookies "
                                            "become Secure when it says https)."),
) -> None:
    """The reviewers' web interface (login required; add users with `cecintake users add`).

    Example: cecintake serve --host 127.0.0.1 --port 8000
    """
    import uvicorn

    from ..web import create_app

    web_app = create_app(settings_of(ctx))
    out.print(f"serving on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(web_app, host=host, port=port, proxy_headers=proxy_headers, log_level="warning")
