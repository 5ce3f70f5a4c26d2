"""The part-of-speech classes of the organization layer (configs/organizations/tags.toml).

Kept apart from the lexicons: the rules test tokens only through these classes, so a backend's tag set
enters the layer in one place.
"""

from __future__ import annotations

from pipeline.stages.ner.pos import contract_tags

# Tag classes added after user lexicons may have copied tags.toml: absent from a user's file, each is empty, so
# the rule that reads it never fires (head_modifier: ner_spans.closing_head).
OPTIONAL_TAG_CLASSES = ("head_modifier", "subject_opener", "subject_predicate", "common_item", "act_word", "common_word",
                        "attributive", "object_break")


class Tags:
    """The part-of-speech classes the layer tests (configs/organizations/tags.toml), one attribute each.

    ``fold`` maps any backend tag into the contract's normalized set, so the
    rules never see a tag the contract does not define.
    """

    def __init__(self, cfg: dict) -> None:
        self.contract = contract_tags()
        self._fold = {t: self._folded(t, dict(cfg.get("fold", {}))) for t in self.contract | set(cfg.get("fold", {}))}
        classes = {k: frozenset() for k in OPTIONAL_TAG_CLASSES}
        classes.update({k: frozenset(v) for k, v in cfg.get("classes", {}).items()})
        for k, v in classes.items():
            bad = v - self.contract
            if bad:
                raise ValueError(f"configs/organizations/tags.toml: class {k!r} uses tags outside the contract "
                                 f"(configs/ner/pos.toml [tags]): {sorted(bad)}; use contract tags only")
        self.__dict__.update(classes)  # plain attributes: the rules read them per token

    def _folded(self, tag: str, table: dict[str, str]) -> str:
        tag = table.get(tag, tag)
        return tag if tag in self.contract else "xc"

    @property
    def fold_table(self) -> dict[str, str]:
        """Backend tag -> the tag the rules see (folded by [fold]); absent tags are ``xc`` (other)."""
        return self._fold

    def fold(self, tag: str) -> str:
        """The tag the rules see: folded ([fold]), and ``xc`` (other) for anything outside the contract."""
        return self._fold.get(tag, "xc")

    def __getattr__(self, name: str) -> frozenset[str]:
        raise AttributeError(f"no tag class {name!r} in configs/organizations/tags.toml")
