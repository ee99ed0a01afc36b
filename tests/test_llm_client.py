"""The language model's endpoint as data from the network: a careful HTTP client.

Against small servers on loopback: a redirect to another host (the key must never arrive
there), a body dripped a byte at a time (one total deadline per call), a 200 MB body (a cap
enforced while reading, memory flat), a self-signed certificate (TLS verified).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.core.prompts.generator import Phraser, PhrasingError
from bot.core.prompts.http_client import MAX_RESPONSE_BYTES, EndpointError, post_json

KEY = "sk-never-elsewhere-1234"
GOOD = {
    "question": "Should a country go to war to keep a neighbour out of a rival alliance?",
    "answers": ["Yes", "No", "Not sure"],
    "angles": {},
}
ANSWER = json.dumps({"choices": [{"message": {"role": "assistant", "content": json.dumps(GOOD)}}]}).encode()


class Server:
    """An HTTP server on a loopback address whose answer is `respond(handler)`; records requests."""

    def __init__(self, respond: Callable[[BaseHTTPRequestHandler], None], host: str = "127.0.0.1") -> None:
        self.requests: list[dict[str, str | None]] = []
        self.sent = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                self.rfile.read(length)
                server.requests.append({"path": self.path, "auth": self.headers.get("Authorization")})
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    respond(self)  # the client may hang up: that is the point of some tests

            def log_message(self, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    made: list[Server] = []
    yield made
    for server in made:
        server.close()


def good(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(ANSWER)))
    handler.end_headers()
    handler.wfile.write(ANSWER)


def phrase(url: str, timeout: float = 2.0) -> object:
    return post_json(
        url + "/chat/completions",
        {"model": "m"},
        headers={"Authorization": f"Bearer {KEY}"},
        deadline=timeout,
    )


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_host_is_not_followed_and_the_key_stays_home(servers, status):
    elsewhere = Server(good, host="127.0.0.2")  # another host (loopback has the whole 127/8)
    servers.append(elsewhere)

    def redirect(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", elsewhere.url + "/chat/completions")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    home = Server(redirect)
    servers.append(home)
    with pytest.raises(EndpointError, match=f"answered {status} \\(a redirect, not followed\\)") as info:
        phrase(home.url)
    assert KEY not in str(info.value)
    assert home.requests[0]["auth"] == f"Bearer {KEY}"
    assert elsewhere.requests == []  # never reached, so never saw the key
    # and through the Phraser: the extractive wording stands
    phraser = Phraser(home.url, "m", api_key=KEY, timeout=2.0)
    with pytest.raises(PhrasingError, match="redirect"):
        phraser.phrase(_prompt(), "reading")
    assert elsewhere.requests == []


def test_one_total_deadline_however_slowly_the_server_drips(servers):
    def drip_body(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(ANSWER)))
        handler.end_headers()
        for byte in ANSWER:  # a byte every 0.3 s: each read is quick, the whole takes minutes
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.3)

    def drip_headers(handler: BaseHTTPRequestHandler) -> None:
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.3)

    for respond in (drip_body, drip_headers):
        server = Server(respond)
        servers.append(server)
        started = time.monotonic()
        with pytest.raises(EndpointError, match=r"no whole answer within 1\.5s"):
            phrase(server.url, timeout=1.5)
        took = time.monotonic() - started
        assert took < 1.5 + 1.0, took  # the deadline, not per read (the drip alone is over 60 s)


def test_a_huge_body_is_refused_while_reading_with_flat_memory(servers):
    total = 200 * 1024 * 1024
    block = b"x" * 65536

    def huge(declared: bool) -> Callable[[BaseHTTPRequestHandler], None]:
        def respond(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(200)
            if declared:
                handler.send_header("Content-Length", str(total))
            else:
                handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            for _ in range(total // len(block)):
                if declared:
                    handler.wfile.write(block)
                else:
                    handler.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
                server.sent += len(block)

        return respond

    for declared in (True, False):
        server = Server(huge(declared))
        servers.append(server)
        tracemalloc.start()
        try:
            with pytest.raises(EndpointError, match="bytes"):
                phrase(server.url, timeout=20)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 3 * MAX_RESPONSE_BYTES + 1_000_000, peak  # about the cap, not 200 MB
        time.sleep(0.2)
        assert server.sent < total / 10  # the client hung up early: the rest was never sent


def test_tls_is_verified(tmp_path, servers):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a self-signed certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    server = Server(good)
    servers.append(server)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    url = server.url.replace("http://", "https://")
    with pytest.raises(EndpointError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        phrase(url)
    assert server.requests == []  # nothing (and no key) sent over an unverified connection


def test_a_good_answer_still_works(servers):
    server = Server(good)
    servers.append(server)
    assert phrase(server.url)["choices"][0]["message"]["content"] == json.dumps(GOOD)
    with socket.socket() as closed:  # a port nothing listens on: a clear error, quickly
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(EndpointError, match=r"did not answer"):
        phrase(f"http://127.0.0.1:{port}/v1")


def _prompt() -> object:
    from bot.core.prompts.prompt import Prompt

    return Prompt(
        id="p1", question="Q?", quote="A quote.", document="d.txt", title="T", section="", paragraph=1,
        passage_id="d.txt#1", kind="claim", topic="", template="t", score=0.0, counterpoint=None,
    )  # fmt: skip
