"""Text utilities every other package may use: words, stems, sentences, and untrusted input.

Owns :mod:`.words` (normalising, stopwords, content terms, sentence spans) and :mod:`.safe`
(cleaning what members type, neutralising text shown back). Imports nothing of Agora's.
"""
