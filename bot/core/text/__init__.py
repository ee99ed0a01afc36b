"""Text utilities every other package may use: words, stems, sentences, and untrusted input.

Owns :mod:`.words` (normalising, stopwords, content terms, sentence spans), :mod:`.safe`
(cleaning what members type, neutralising every text shown that Agora did not write) and
:mod:`.secrets` (the Secret type, database URLs parsed and redacted, the scrubber). Imports
nothing of Agora's.
"""
