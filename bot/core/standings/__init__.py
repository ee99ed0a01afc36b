"""The opinion map: where a server's members stand on the reading's claims, from their poll votes.

Owns the member × claim matrix (:mod:`.votes`), the members' places and groups (:mod:`.groups`:
PCA and k-means, Pol.is's published method), which claims set a group apart, unite every group
or divide them (:mod:`.statements`), the map that puts these together (:mod:`.opinion_map`)
and its picture (:mod:`.picture`, PNG bytes). Groups under three members are never shown.

Imports only numpy, scipy, scikit-learn and matplotlib: no Discord, no store, no application.
"""

from bot.core.standings.opinion_map import MIN_GROUP, MIN_VOTES, Group, OpinionMap, build_map
from bot.core.standings.picture import group_name, render_png, shown_claims
from bot.core.standings.statements import Distinctive
from bot.core.standings.votes import STANCES, Stance, Vote, VoteFileError, VoteMatrix, parse_vote, read_votes

__all__ = [
    "MIN_GROUP",
    "MIN_VOTES",
    "STANCES",
    "Distinctive",
    "Group",
    "OpinionMap",
    "Stance",
    "Vote",
    "VoteFileError",
    "VoteMatrix",
    "build_map",
    "group_name",
    "parse_vote",
    "read_votes",
    "render_png",
    "shown_claims",
]
