"""Secrets never printed: the Secret type, and DATABASE_URLs of every shape through the commands.

22 malformed or awkward ``DATABASE_URL``s, each carrying the password ``Pw0rd-L3ak``, go
through ``agora doctor``, ``agora migrate-store`` and ``agora run``; nothing of the password
may reach standard output, standard error or the log file. A URL libpq would misread is
refused before anything connects with it, with a message that says what to fix; one it can
read is shown with ``********`` for the password, and the driver's own errors are scrubbed.
"""

from __future__ import annotations

import logging
import pickle
import re

import pytest

from bot.core.text.secrets import MASK, Scrubber, Secret, UrlError, parse_database_url, redact_url
from bot.ops.cli import main
from bot.ops.local_postgres import free_port
from bot.ops.log import setup_logging
from bot.settings import Settings, SettingsError

PIECES = ("Pw0rd", "L3ak")  # neither half of the password may show, in any form


def assert_hidden(text: str) -> None:
    for piece in PIECES:
        assert piece not in text and piece.lower() not in text.lower(), text


def malformed_urls() -> list[str]:
    port = free_port()  # nothing listens there: a connection is refused at once
    return [
        f"postgresql://agora:Pw0rd@L3ak@127.0.0.1:{port}/agora",  # an '@' not encoded
        f"postgresql://agora:Pw0rd%zzL3ak@127.0.0.1:{port}/agora",  # a bad '%'
        "postgresql://agora:Pw0rd%L3ak@127.0.0.1/agora",
        f"postgresql://agora:Pw0rd%2L3ak@127.0.0.1:{port}/agora",
        "agora:Pw0rd-L3ak@127.0.0.1:5432/agora",  # no scheme
        "postgres//agora:Pw0rd-L3ak@127.0.0.1/agora",
        "postgresql:/agora:Pw0rd-L3ak@127.0.0.1/agora",
        "postgresql://agora:Pw0rd#L3ak@127.0.0.1/agora",  # '#', '/', '?' not encoded
        "postgresql://agora:Pw0rd/L3ak@127.0.0.1/agora",
        "postgresql://agora:Pw0rd?L3ak@127.0.0.1/agora",
        f"postgresql://agora:Pw0rd:L3ak@127.0.0.1:{port}/agora",  # a ':' in the password (readable)
        "postgresql://agora:Pw0rd L3ak@127.0.0.1/agora",  # a space
        "postgresql://agora:Pw0rd\tL3ak@127.0.0.1/agora",
        "postgresql://agora:Pw0rd-L3ak@[127.0.0.1/agora",  # a broken IPv6 bracket
        "postgresql://agora:Pw0rd-L3ak@127.0.0.1:54x2/agora",  # a port that is not a number
        "postgresql://agora:Pw0rd-L3ak@127.0.0.1:99999/agora",
        f"postgresql://agora@127.0.0.1:{port}/agora?password=Pw0rd-L3ak",  # the password in the query
        f"postgresql://127.0.0.1:{port}/agora?user=agora&password=Pw0rd%2DL3ak&sslmode=disable",
        f"postgresql://agora:Pw0rd%40L3ak@127.0.0.1:{port}/agora",  # well encoded, unreachable
        "postgresql://agora:Pw0rd-L3ak@/agora?host=/nonexistent/socket/dir",
        f"postgresql://:Pw0rd-L3ak@127.0.0.1:{port}/agora",  # no user name
        f"POSTGRESQL://agora:Pw0rd-L3ak@127.0.0.1:{port}",  # capitals, no database
    ]


@pytest.fixture
def env(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "SHARD_COUNT", "SHARD_IDS", "CLUSTER_INDEX", "CLUSTERS", "LLM_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("LOG_FILE", str(tmp_path / "agora.log"))
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def test_twenty_two_malformed_database_urls_never_show_the_password(env, tmp_path, capsys):
    urls = malformed_urls()
    assert len(urls) >= 20
    refused = 0
    for url in urls:
        env.delenv("DATABASE_URL", raising=False)
        env.delenv("DISCORD_TOKEN", raising=False)
        status = main(["migrate-store", "--to", url])  # the URL on the command line
        assert status in (1, 2)
        env.setenv("DATABASE_URL", url)
        doctor = main(["doctor"])
        env.setenv("DISCORD_TOKEN", "x")
        run = main(["run"])
        assert doctor in (1, 2) and run in (1, 2)
        refused += doctor == 2
        out = capsys.readouterr()
        assert_hidden(out.out + out.err)
        assert "Traceback" not in out.err
        assert "DATABASE_URL" in out.err + out.out or "PostgreSQL" in out.err + out.out
    log = (tmp_path / "agora.log").read_text(encoding="utf-8") if (tmp_path / "agora.log").exists() else ""
    assert_hidden(log)
    assert refused >= 14  # the malformed ones are refused up front, saying what to fix


def test_what_is_wrong_is_said_without_quoting_the_url():
    for url, reason in (
        ("postgresql://a:Pw0rd@L3ak@h/d", "'@' (write it as %40)"),
        ("postgresql://a:Pw0rd%zzL3ak@h/d", "'%' not followed by two hex digits"),
        ("postgresql://a:Pw0rd#L3ak@h/d", "'#'"),
        ("postgresql://a:Pw0rd/L3ak@h/d", "'/' or '?' in the password must be written %2F"),
        ("postgresql://a:Pw0rd L3ak@h/d", "a space"),
    ):
        with pytest.raises(UrlError) as info:
            parse_database_url(url)
        assert reason in str(info.value)
        assert_hidden(str(info.value))
        with pytest.raises(SettingsError) as info:
            Settings.load({"DATABASE_URL": url}, env_file=None)
        assert_hidden(str(info.value))


def test_redacted_urls_keep_what_helps():
    assert redact_url("postgresql://agora:Pw0rd@db:5432/agora") == f"postgresql://agora:{MASK}@db:5432/agora"
    assert redact_url("postgresql://agora@db/agora?sslmode=require&password=x") == (
        f"postgresql://agora@db/agora?sslmode&password={MASK}"
    )
    assert redact_url("postgresql://a:Pw0rd@L3ak@db/x").startswith("postgresql://********")
    for url in malformed_urls():
        assert_hidden(redact_url(url))
        assert_hidden(Scrubber(urls=[url])(f"could not connect to {url} ({url.split('://')[-1]})"))


def test_the_secret_type_never_formats_its_value(caplog):
    secret = Secret("Pw0rd-L3ak")
    shown = [
        repr(secret), str(secret), f"{secret}", f"{secret!r}", f"{secret:>30}", f"{secret:d}",
        "%s %r" % (secret, secret), "{} {!s}".format(secret, secret),  # noqa: UP031, UP032
        str([secret]), str({"k": secret}),
        repr(Settings(discord_token=secret, llm_api_key=secret, database_url=secret)),
    ]  # fmt: skip
    for text in shown:
        assert_hidden(text)
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    try:
        raise ValueError(secret)
    except ValueError as exc:
        assert_hidden(str(exc) + repr(exc))
    with caplog.at_level(logging.INFO):
        logging.getLogger("bot.test").info("token %s key %r", secret, secret)
    assert_hidden(caplog.text)
    assert secret.get() == "Pw0rd-L3ak" and secret == Secret("Pw0rd-L3ak") and bool(secret)


def test_a_secret_quoted_by_a_library_is_scrubbed_from_the_log(tmp_path):
    settings = Settings.load(
        {"DISCORD_TOKEN": "Pw0rd.token.L3ak", "LLM_API_KEY": "sk-Pw0rdL3ak", "DATA_DIR": str(tmp_path)},
        env_file=None,
    )
    log_file = tmp_path / "agora.log"
    setup_logging("INFO", log_file=log_file, terminal="CRITICAL", scrub=settings.scrubber())
    try:
        try:
            raise RuntimeError("a library said: Authorization: Bearer sk-Pw0rdL3ak for Pw0rd.token.L3ak")
        except RuntimeError:
            logging.getLogger("somelib").exception("request failed with sk-Pw0rdL3ak")
    finally:
        logging.shutdown()
        setup_logging("INFO")
    text = log_file.read_text(encoding="utf-8")
    assert_hidden(text)
    assert re.search(r"Bearer \*{8} for \*{8}", text) and "request failed with ********" in text
