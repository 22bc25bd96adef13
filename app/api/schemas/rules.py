"""Wire schemas of ``GET /v1/rules``: the rules and the articles they cite (docs/rules.md)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RuleOut(_Out):
    id: str = Field(description="The rule's id, as steps and findings cite it.", examples=["R6"])
    text: str = Field(description="What the rule asks, in one or two sentences.")
    sources: list[int] = Field(description="The ids of the articles it comes from.")


class SourceOut(_Out):
    id: int = Field(description="The article's id, as `sources` cite it.", examples=[0])
    title: str = Field(description="The article's title.")


class RulesOut(_Out):
    rules: list[RuleOut] = Field(description="Every rule, R1 to R15.")
    sources: list[SourceOut] = Field(description="Every article a rule cites.")
