"""Suggestions: labels proposed by recommenders, never labels until accepted (no Qt).

- `suggestion`: the `Suggestion` every recommender returns, the `Recommender`
  protocol and its `SuggestContext`, `what_is_missing`.
- `patterns`: whole claims from the cue lexicon (`lexicon`, TOML per language
  in ``resources/lexicon``).
- `actors`: mentions of registry actors; new actors from a spaCy pipeline.
- `learned`: models trained on the project's own labels.
- `links`: cross-article link suggestions by TF-IDF similarity.
- `recommenders`: run several and `combine` what they propose.
- `evaluate`: precision, recall and F1 against an annotator's labels.
- `occurrences`, `segment`: finding names, sentences, quotations and words.
"""
