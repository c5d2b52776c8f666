"""Builds bodies and signals through the app's own services, as people do in the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from conftest import World
from inbreng.signals import services
from inbreng.signals.models import Body, Signal


@dataclass
class Desk:
    world: World

    def body(self, name: str = "College van burgemeester en schepenen", **fields: Any) -> Body:
        fields.setdefault("kind", Body.Kind.COLLEGE)
        fields.setdefault("reply_days", 60)
        fields.setdefault("policy_makers", [self.world.users["policy_maker"]])
        return services.body_save(
            organisation=self.world.org, by=self.world.users["coordinator"], name=name, **fields
        )

    def signal(
        self,
        body: Body | None = None,
        title: str = "Te dure aanmaningskosten",
        due_on: date | None = None,
        **fields: Any,
    ) -> Signal:
        fields.setdefault("kind", Signal.Kind.SIGNAL)
        fields.setdefault("text", "Wie een paar dagen te laat betaalt, krijgt meteen extra kosten.")
        fields.setdefault("on_behalf", Signal.OnBehalf.ORGANISATION)
        return services.signal_register(
            organisation=self.world.org,
            by=fields.pop("by", self.world.users["coordinator"]),
            title=title,
            body=body or self.body(),
            due_on=due_on,
            **fields,
        )
