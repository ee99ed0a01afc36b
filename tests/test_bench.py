"""The benchmark's inputs: synthetic readings are deterministic and made of real text."""

from __future__ import annotations

from bot.core.reading.passages import load_reading
from bot.ops.bench import questions, real_sentences, report_markdown, synthetic_reading


def test_synthetic_reading_is_deterministic_and_sized(tmp_path):
    first = synthetic_reading(tmp_path / "a", 1200)
    second = synthetic_reading(tmp_path / "b", 1200)
    files = sorted(p.name for p in first.iterdir())
    assert files == ["synthetic-001.txt"]
    assert (first / files[0]).read_text() == (second / files[0]).read_text()
    reading = load_reading(first)
    assert len(reading.passages) == 1200
    words = {w for s in real_sentences() for w in s.split()}
    sample = reading.passages[0].text.split()
    assert all(w.rstrip(".") in words or w in words for w in sample)
    texts = [p.text for p in reading.passages]
    assert len(set(texts)) == len(texts)


def test_at_least_200_varied_questions():
    qs = questions()
    assert len(qs) >= 200
    assert len(set(qs)) >= 200


def test_report_shows_every_figure_with_its_ratio():
    sizes = [
        {
            "label": "seed article",
            "passages": 15,
            "agora": {
                "cold_start_s": 0.5,
                "serve": {"p50_ms": 2.0, "p99_ms": 4.0, "rss_mb": 200.0, "recall_at_5": 1.0},
                "build": {"passages_per_s": 60.0, "peak_mb": 500.0},
            },
            "baseline": {
                "cold_start_s": 5.0,
                "serve": {"p50_ms": 8.0, "p99_ms": 12.0, "rss_mb": 450.0},
                "build": {"passages_per_s": 20.0, "peak_mb": 800.0},
            },
        }
    ]
    machine = {"cpu": "Test CPU", "cores": 2, "memory_gib": 24, "python": "3.11"}
    text = report_markdown({"machine": machine, "model": "m", "when": "now", "sizes": sizes})
    assert "| seed article (15) | cold start to first answer | 0.50 s | 5.00 s | 0.10× |" in text
    assert "| seed article (15) | warm answer p50 | 2.00 ms | 8.00 ms | 0.25× |" in text
    assert "3.00×" in text  # build throughput ratio
    assert "Test CPU, 2 cores" in text
