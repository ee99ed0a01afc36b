"""Search over the reading: embeddings, the index, retrieval and what is built on it.

Owns :mod:`.embedder` / :mod:`.onnx_embedder` (the sentence-transformers model, exported to
ONNX for serving), :mod:`.vector_cache`, :mod:`.index` (versioned FAISS index folders),
:mod:`.vectors` (FAISS vector files: flat, HNSW, searched),
:mod:`.retrieval` (scoring, "not in the reading", putting an answer together in stages) with
:mod:`.asked` (what passes between the stages), :mod:`.answer`, :mod:`.sentences`,
:mod:`.ordering`, :mod:`.followup_ranking`, :mod:`.about_document` and :mod:`.vocabulary`
beside it, :mod:`.intents` (what a question asks for), :mod:`.rerank`, :mod:`.summary`,
:mod:`.followup` and :mod:`.evaluate`. May import :mod:`bot.core.text`, :mod:`bot.core.files`
and :mod:`bot.core.reading`.
"""
