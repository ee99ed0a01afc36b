"""The optional language-model phrasing, against a small chat-completions server on 127.0.0.1.

The server speaks the OpenAI chat-completions protocol (POST /v1/chat/completions, JSON in,
``choices[0].message.content`` out) and can be told to answer well, slowly, with garbage, with
a fabricated quote or with a mention.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.app.service import Agora
from bot.core.prompts.generator import Phraser, PhrasingError, parse_phrasing
from bot.core.storage.store import Store

GOOD = {
    "question": "Should a country go to war to keep a neighbour out of a rival alliance?",
    "answers": ["Yes, if the threat is real", "No, never", "Not sure"],
    "stances": ["agree", "disagree", "unsure"],
    "angles": {"for": "Security concerns drive foreign policy.", "against": "War costs more than it saves."},
}


def _good_for(facts: dict) -> dict:
    """A good answer for the prompt the model was given: its claim's words, in its holder's name."""
    words = " ".join(re.split(r"[;:—]", facts["quote"])[-1].rstrip(".!").split()[:14])
    return {**GOOD, "question": f"Is {facts['holder']} right about this: {words}?"}


class ChatServer:
    """Answers chat-completions requests as `mode` says; records what it was asked."""

    def __init__(self) -> None:
        self.mode = "good"
        self.requests: list[dict] = []
        self.release = threading.Event()  # "hold" mode waits for this
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the protocol's one call
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                server.requests.append(
                    {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
                )
                mode = server.mode
                facts = json.loads(body["messages"][-1]["content"])
                good = _good_for(facts)
                if mode == "slow":
                    server.release.wait(2.0)
                if mode == "hold":
                    server.release.wait(10.0)
                if mode == "error":
                    self.send_response(500)
                    self.end_headers()
                    self.wfile.write(b"upstream exploded")
                    return
                content = {
                    "good": json.dumps(good),
                    "hold": json.dumps(good),
                    "slow": json.dumps(good),
                    "fenced": "Here you go:\n```json\n" + json.dumps(good) + "\n```",
                    # answers a checker-blind model might give: each must be refused
                    "generic": json.dumps({**good, "question": "Does the reasoning in this passage hold?"}),
                    "no-stances": json.dumps({k: v for k, v in good.items() if k != "stances"}),
                    "against": json.dumps(
                        {
                            **good,
                            "question": good["question"][:-1] + ", or is this forecast too confident?",
                            "answers": ["Agree", "Disagree", "Not sure"],
                        }
                    ),
                    "anonymous": json.dumps(
                        {**good, "question": good["question"].replace(facts["holder"], "the author")}
                    ),
                    "garbage": "What a fascinating passage! I would ask about war.",
                    "fabricated": json.dumps(
                        {
                            **GOOD,
                            "question": 'Does the author write "war is always the answer to every problem"?',
                        }
                    ),
                    "mention": json.dumps({**GOOD, "question": "@everyone is this right?"}),
                    "long-answer": json.dumps({**GOOD, "answers": ["x" * 56, "No"]}),
                }[mode]
                payload = {
                    "id": "chatcmpl-1",
                    "object": "chat.completion",
                    "model": body.get("model"),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": content},
                            "finish_reason": "stop",
                        }
                    ],
                }
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:  # quiet
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def chat() -> Iterator[ChatServer]:
    server = ChatServer()
    yield server
    server.close()


READING = "the view isn't exclusive to putin. war is costly and the talks matter."


def test_parse_checks_the_models_answer():
    good = parse_phrasing(json.dumps(GOOD), READING)
    assert good.question == GOOD["question"] and good.answers == tuple(GOOD["answers"])
    quoting = {**GOOD, "question": "Is it true that “war is costly and the talks matter”?"}
    assert parse_phrasing(json.dumps(quoting), READING).question.startswith(
        "Is it true"
    )  # a real quote is fine
    for bad in (
        "not json at all",
        json.dumps({**GOOD, "question": "No question mark."}),
        json.dumps({**GOOD, "question": "x" * 300 + "?"}),
        json.dumps({**GOOD, "answers": ["Only one"]}),
        json.dumps({**GOOD, "answers": ["Same", "same"]}),
        json.dumps({**GOOD, "question": "Is <@123> right about https://example.com?"}),
        json.dumps({**GOOD, "question": 'Is "peace is impossible in our time" fair?'}),
    ):
        with pytest.raises(PhrasingError):
            parse_phrasing(bad, READING)


def test_the_endpoint_good_and_bad(chat, agora):
    prompt = next(p for p in agora.deck().prompts if p.voice == "author")
    reading = " ".join(p.text for p in agora.snapshot.index.passages).lower()
    phraser = Phraser(chat.url, "tiny-model", api_key="sk-test", timeout=0.3)
    phrased = phraser.phrase(prompt, reading)
    sent = chat.requests[-1]
    facts = json.loads(sent["body"]["messages"][-1]["content"])
    assert phrased.question == _good_for(facts)["question"] and facts["holder"] == "DePetris"
    assert phrased.stances == ("agree", "disagree", "unsure")
    assert sent["path"] == "/v1/chat/completions" and sent["auth"] == "Bearer sk-test"
    assert sent["body"]["model"] == "tiny-model"
    facts = json.loads(sent["body"]["messages"][-1]["content"])
    assert facts["quote"] == prompt.quote  # the model is given the verbatim quote to work from
    chat.mode = "fenced"
    assert phraser.phrase(prompt, reading).answers == tuple(GOOD["answers"])
    for mode in (
        "slow",
        "garbage",
        "fabricated",
        "mention",
        "long-answer",
        "error",
        "generic",
        "no-stances",
        "against",
        "anonymous",
    ):
        chat.mode = mode
        with pytest.raises(PhrasingError):
            phraser.phrase(prompt, reading)
    chat.release.set()


def test_the_deck_is_phrased_ahead_and_never_waits(chat, agora, tmp_path):
    def service(data_dir, timeout=5.0) -> Agora:
        settings = agora.settings.with_overrides(
            data_dir=data_dir, llm_base_url=chat.url, llm_model="tiny-model", llm_timeout_seconds=timeout
        )
        made = Agora(
            settings, load_embedder=lambda _name: agora.embedder, store=Store(data_dir / "agora.sqlite3")
        )
        made.prepare(progress=False)
        return made

    # while the endpoint holds every request, dealing answers at once with the extractive wording
    chat.mode = "hold"
    slow = service(tmp_path / "held")
    slow.deck()
    dealt = slow.next_prompt("1:2", "debate")
    assert dealt is not None and dealt.prompt.template != "llm"
    assert dealt.prompt.quote == slow.deck().get(dealt.prompt.id).quote
    chat.release.set()
    assert slow.phraser.wait(30)
    slow.store.close()

    # once phrased, prompts carry the model's wording; the quote stays verbatim
    chat.mode = "good"
    chat.release.clear()
    fast = service(tmp_path / "fast")
    fast.deck()
    assert fast.phraser.wait(60)
    dealt = fast.next_prompt("1:2", "debate")
    assert dealt.prompt.template == "llm" and dealt.prompt.question.startswith("Is ")
    assert dealt.prompt.answers == tuple(GOOD["answers"])
    assert dealt.prompt.stance_map() == dict(zip(GOOD["answers"], GOOD["stances"], strict=True))
    passage = next(p for p in fast.snapshot.index.passages if p.id == dealt.prompt.passage_id)
    assert dealt.prompt.quote in passage.text
    asked = len(chat.requests)
    fast.store.close()

    # cached by prompt id: a new process asks nothing again
    again = service(tmp_path / "fast")
    again.deck()
    assert again.phraser.wait(10) and len(chat.requests) == asked
    assert again.next_prompt("1:2", "debate").prompt.template == "llm"
    again.store.close()

    # a wrong endpoint leaves the extractive wording in place
    chat.mode = "fabricated"
    wrong = service(tmp_path / "wrong")
    wrong.deck()
    assert wrong.phraser.wait(60) and wrong.phraser.failures == len(wrong.deck())
    assert wrong.next_prompt("1:2", "debate").prompt.template != "llm"
    wrong.store.close()


def test_llm_settings():
    from bot.settings import Settings, SettingsError

    made = Settings.load(
        {"LLM_BASE_URL": "http://127.0.0.1:9/v1", "LLM_MODEL": "m", "LLM_API_KEY": "sk-secret-key"},
        env_file=None,
    )
    assert (made.llm_base_url, made.llm_model, made.llm_timeout_seconds) == (
        "http://127.0.0.1:9/v1",
        "m",
        20.0,
    )
    assert "sk-secret-key" not in repr(made) and made.llm_api_key.get() == "sk-secret-key"
    assert Settings.load({}, env_file=None).llm_base_url is None
    with pytest.raises(SettingsError, match="LLM_MODEL"):
        Settings.load({"LLM_BASE_URL": "http://127.0.0.1:9/v1"}, env_file=None)
    with pytest.raises(SettingsError, match="http"):
        Settings.load({"LLM_BASE_URL": "ftp://x", "LLM_MODEL": "m"}, env_file=None)
