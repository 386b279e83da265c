"""One young person's network from their sibling group: who is in it, each relationship with
its closeness, safety, wishes, contact and support, and the contact log (a mixin of
:class:`~connections.demo.generator._Generator`, whose state it shares)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from connections.demo.family import _kin_role, _kin_side
from connections.demo.records import (
    _Child,
    _Group,
    _Kin,
    _link,
    _Member,
)
from connections.demo.vocabulary import (
    _A,
    _ALWAYS_HERE,
    _CARER_NOTES,
    _COMMUNITY,
    _EARLY_YEARS,
    _FAMILY_LOG,
    _FAMILY_NOTES,
    _FRIEND_NOTES,
    _KIN_BIAS,
    _KIN_SUPPORT,
    _LOG_NOTES,
    _LOST,
    _NO_CONTACT_NOTES,
    _OCC,
    _PROFESSIONAL_ROLES,
    _RECORDERS,
    _S,
    _STAY,
    _STAYING_PUT,
    _SUPERVISED_NOTES,
    _TRAITS,
    _WISH_CLOSE,
    _WISH_DISTANT,
    _WISH_NO_CONTACT,
    _WISH_UNRATED,
    _WISH_WORKER,
    _WORKER_FALLBACK,
    _WORKER_LOG,
    _WORKER_NOTES,
    _Extra,
)
from connections.model import (
    DOMAIN_ORDER,
    FORMAT_NAME,
    FORMAT_VERSION,
    Category,
    Contact,
    ContactEntry,
    ContactKind,
    Domain,
    FindingStatus,
    Link,
    LinkKind,
    Network,
    Person,
    RatedBy,
    Relationship,
    Role,
    Safety,
    Wishes,
)


class _NetworkMaker:
    """One young person's network (see the module docstring)."""

    def _network(self, group: _Group, child: _Child) -> Network:
        rng = self.rng
        offers: list[tuple[float, int, list[_Member], Sequence[Link]]] = []

        def offer(tier: float, members: list[_Member], links: Sequence[Link] = ()) -> None:
            # Tiers say who a small network keeps first; the jitter keeps networks varied.
            jitter = 0.0 if tier < 0 else rng.random() * 1.2
            offers.append((tier + jitter, len(offers), members, links))

        for kin in group.kin:
            role = _kin_role(kin, child)
            if role is not None:
                offer(kin.tier, [(kin.person, role, kin)])
        if child.carers is not None:
            members: list[_Member] = [(p, Role.FOSTER_CARER, None) for p in child.carers.people]
            offer(0.0, members, child.carers.links)
        if child.home is not None:
            members = [(p, Role.RESIDENTIAL_WORKER, None) for p in child.keyworkers]
            offer(0.0, members, child.home.links)
        if child.staying is not None:
            members = [(p, Role.FORMER_FOSTER_CARER, _STAYING_PUT) for p in child.staying.people]
            offer(0.0, members, child.staying.links)
        if child.host is not None:
            offer(0.0, [(child.host, Role.SUPPORTED_LODGINGS_HOST, None)])
        for role, worker, tier in child.workers:
            offer(tier, [(worker, role, None)])
        for unit in child.former:
            offer(2.5, [(p, Role.FORMER_FOSTER_CARER, None) for p in unit.people], unit.links)

        own_links: list[Link] = []
        singles: list[tuple[float, Person, Role]] = []
        if child.age >= 10 and rng.random() < 0.25:
            name = f"{self._first()} {self._surname()}"
            singles.append((2.5, self._person(name, Category.COMMUNITY), Role.MENTOR))
        if 6 <= child.age <= 17 and rng.random() < 0.12:
            name = f"{self._first()} {self._surname()}"
            singles.append((3.0, self._person(name, Category.COMMUNITY), Role.INDEPENDENT_VISITOR))
        if child.age >= 16 and rng.random() < 0.3:
            name = f"{self._first()} {self._surname()}"
            singles.append((2.0, self._person(name, Category.FRIEND), Role.PARTNER))
        friends = (
            0 if child.age < 5 else round(child.target * (0.06 if child.age < 10 else 0.12)) + 1
        )
        for _ in range(friends):
            name = f"{self._first()} {self._surname()}"
            singles.append((2.5, self._person(name, Category.FRIEND), Role.FRIEND))
        for tier, person, role in singles:
            offer(tier, [(person, role, None)])

        offers.sort(key=lambda item: (item[0], item[1]))
        chosen: list[_Member] = []
        ids: set[str] = set()
        pool_links: list[Link] = []
        for _, _, members, links in offers:
            fresh = [m for m in members if m[0].id not in ids]
            if not fresh or len(chosen) + len(fresh) > child.target:
                continue
            chosen.extend(fresh)
            ids.update(m[0].id for m in fresh)
            pool_links.extend(links)
        self._fill(child, chosen, ids, own_links)

        relationships = [
            self._relate(group, child, person, role, src) for person, role, src in chosen
        ]
        people = [member[0] for member in chosen]
        self._own_links(child, chosen, own_links)

        links: dict[tuple[str, str, str], Link] = {}
        for source in (group.links.values(), pool_links, own_links):
            for link in source:
                if link.source in ids and link.target in ids:
                    links.setdefault(link.key, link)

        return Network.model_construct(
            format=FORMAT_NAME,
            format_version=FORMAT_VERSION,
            young_person=child.yp,
            people=people,
            relationships=relationships,
            links=list(links.values()),
            contact_log=self._contact_log(child, people, relationships),
        )

    def _fill(
        self, child: _Child, chosen: list[_Member], ids: set[str], own_links: list[Link]
    ) -> None:
        """Friends and people from the community until the network has its size."""
        rng = self.rng
        friends = [m[0] for m in chosen if m[1] is Role.FRIEND]
        while len(chosen) < child.target:
            roll = rng.random()
            source: _Extra | None = None
            if child.age < 5:
                note, role, category, paid = _EARLY_YEARS.pick(rng)
                person = self._person(f"{self._first()} {self._surname()}", category)
                source = _Extra(note, paid)
            elif roll < 0.6:
                person = self._person(f"{self._first()} {self._surname()}", Category.FRIEND)
                role = Role.FRIEND
                friends.append(person)
            elif roll < 0.85 or not friends:
                note, role = _COMMUNITY[rng.randrange(len(_COMMUNITY))]
                person = self._person(f"{self._first()} {self._surname()}", Category.COMMUNITY)
                source = _Extra(note)
            else:  # a friend's parent, linked to the friend
                friend = friends[rng.randrange(len(friends))]
                surname = friend.name.split(" ", 1)[1]
                person = self._person(f"{self._first()} {surname}", Category.COMMUNITY)
                role = Role.OTHER
                source = _Extra(f"{friend.name.split(' ', 1)[0]}'s parent.")
                own_links.append(_link(person, friend, LinkKind.PARENT))
            chosen.append((person, role, source))
            ids.add(person.id)

    def _own_links(self, child: _Child, chosen: list[_Member], own_links: list[Link]) -> None:
        """Links that involve someone in this network only (friends, a mentor, a partner)."""
        rng = self.rng
        friends = [m[0] for m in chosen if m[1] is Role.FRIEND]
        for first, second in zip(friends, friends[1:], strict=False):
            if rng.random() < 0.35:
                own_links.append(_link(first, second, LinkKind.KNOWS))
        carers = [m[0] for m in chosen if m[1] is Role.FOSTER_CARER]
        for person, role, _ in chosen:
            if role is Role.MENTOR and carers and rng.random() < 0.3:
                own_links.append(_link(person, carers[0], LinkKind.KNOWS))
            elif role is Role.PARTNER and friends and rng.random() < 0.3:
                own_links.append(_link(person, friends[0], LinkKind.KNOWS))

    # --- one relationship -----------------------------------------------------------------------

    def _closeness(self, child: _Child, bias: int) -> tuple[int | None, RatedBy | None]:
        rng = self.rng
        roll = rng.random()
        value = min(4, max(0, child.profile.pick(rng) + bias))
        if child.age < 5:  # too young to say: a worker's estimate, or nothing yet
            return (None, None) if roll < 0.35 else (value, RatedBy.WORKER)
        if roll < 0.08:
            return None, None
        return value, (RatedBy.WORKER if roll < 0.2 else RatedBy.YOUNG_PERSON)

    def _clamp_days(self, child: _Child, contact: Contact, days: int | None) -> int | None:
        """Keep a last contact after the young person was born."""
        if days is None or days < child.age_days:
            return days
        if contact is Contact.LOST:
            return None
        return self.rng.randint(1, max(1, child.age_days - 1))

    def _support(self, options: tuple[Domain, ...]) -> list[Domain]:
        rng = self.rng
        picked = rng.sample(options, rng.randint(1, min(len(options), 4)))
        return sorted(picked, key=DOMAIN_ORDER.__getitem__)

    def _relate(
        self,
        group: _Group,
        child: _Child,
        person: Person,
        role: Role,
        source: _Kin | _Extra | str | None,
    ) -> Relationship:
        if isinstance(source, _Kin):
            return self._relate_kin(group, child, person, role, source)
        rng = self.rng
        traits = _TRAITS[role]
        staying = source == _STAYING_PUT
        extra = source if isinstance(source, _Extra) else None
        safety = _S if extra is not None and extra.paid else traits.safety.pick(rng)
        contact = Contact.ACTIVE if staying else traits.contact.pick(rng)
        if safety is Safety.NO_CONTACT:
            contact = Contact.LOST
        days = self._clamp_days(child, contact, self._days(contact))
        closeness, rated_by = self._closeness(child, traits.bias - (contact is Contact.LOST))
        paid = extra.paid if extra is not None else rng.random() < traits.paid
        ends = (5 if extra is not None else traits.ends.pick(rng)) if paid else None
        continues = paid and rng.random() < traits.continues
        if role is Role.PERSONAL_ADVISER and child.age < 16:
            continues = False
        support: list[Domain] = []
        if contact in (Contact.ACTIVE, Contact.OCCASIONAL) and safety is not Safety.NO_CONTACT:
            support = self._support(traits.support)
            if staying and Domain.SOMEWHERE_TO_STAY not in support:
                support = sorted([*support, _STAY], key=DOMAIN_ORDER.__getitem__)
        if safety is Safety.NO_CONTACT:
            wishes = _WISH_NO_CONTACT.pick(rng)
        elif traits.worker_wishes:
            wishes = _WISH_WORKER.pick(rng)
        else:
            wishes = self._wishes(closeness)
        if child.age < 5:  # too young to say what they want
            wishes = Wishes.UNKNOWN
        finding = None
        if role is Role.FORMER_FOSTER_CARER and not staying and rng.random() < 0.15:
            finding = (FindingStatus.LOCATED, FindingStatus.CONTACTED, FindingStatus.ENGAGED)[
                rng.randrange(3)
            ]
        notes = ""
        if continues:
            notes = _ALWAYS_HERE
        elif extra is not None:
            notes = extra.note
        elif rng.random() < 0.15 and (child.age >= 5 or role in _PROFESSIONAL_ROLES):
            notes = self._note(role)
        return Relationship.model_construct(
            person_id=person.id,
            role=role,
            closeness=closeness,
            closeness_rated_by=rated_by,
            safety=safety,
            wishes=wishes,
            contact=contact,
            last_contact=None if days is None else self.as_of - timedelta(days=days),
            paid=paid,
            role_ends_at_age=ends,
            continues_beyond_role=continues,
            support=support,
            finding_status=finding,
            notes=notes,
            safety_note=self._safety_note(safety),
            hide_in_conference=role is Role.PARTNER and rng.random() < 0.3,
        )

    def _relate_kin(
        self, group: _Group, child: _Child, person: Person, role: Role, kin: _Kin
    ) -> Relationship:
        rng = self.rng
        safety, contact, finding, days = kin.safety, kin.contact, kin.finding, kin.days
        if kin.child_index is not None:
            pair = (min(child.index, kin.child_index), max(child.index, kin.child_index))
            contact, days = group.pair_contact[pair]
        elif (
            not person.deceased
            and safety is not Safety.NO_CONTACT
            and finding in (None, FindingStatus.ENGAGED, FindingStatus.COMMITTED)
            and rng.random() < 0.15
        ):  # siblings do not all see the same relatives equally
            contact = (_A, _OCC, _LOST)[rng.randrange(3)]
            days = self._days(contact)
        days = self._clamp_days(child, contact, days)

        not_met = finding in (FindingStatus.IDENTIFIED, FindingStatus.LOCATED)
        if not_met or (contact is Contact.NONE_YET and rng.random() < 0.7):
            closeness, rated_by = None, None
        else:
            bias = _KIN_BIAS[role] - (contact is Contact.LOST) - (safety is Safety.NO_CONTACT)
            closeness, rated_by = self._closeness(child, bias)
        if person.deceased:
            wishes = Wishes.UNKNOWN
        elif safety is Safety.NO_CONTACT:
            wishes = _WISH_NO_CONTACT.pick(rng)
        elif not_met:
            wishes = Wishes.UNKNOWN if rng.random() < 0.8 else Wishes.WANTS
        else:
            wishes = self._wishes(closeness)
        if child.age < 5:  # too young to say what they want
            wishes = Wishes.UNKNOWN
        support: list[Domain] = []
        if (
            contact in (Contact.ACTIVE, Contact.OCCASIONAL)
            and not person.deceased
            and safety in (Safety.SAFE, Safety.SUPERVISED)
            and rng.random() < 0.8
        ):
            support = self._support(_KIN_SUPPORT[role])
        notes = self._note(role) if rng.random() < 0.15 else ""
        if person.deceased and rng.random() < 0.5:
            notes = "Died; the young person keeps photos and memories."
        return Relationship.model_construct(
            person_id=person.id,
            role=role,
            closeness=closeness,
            closeness_rated_by=rated_by,
            safety=safety,
            wishes=wishes,
            contact=contact,
            last_contact=None if days is None else self.as_of - timedelta(days=days),
            paid=False,
            role_ends_at_age=None,
            continues_beyond_role=False,
            support=support,
            finding_status=finding,
            notes=notes,
            safety_note=self._safety_note(safety),
            hide_in_conference=rng.random() < 0.03,
            side=_kin_side(kin),
        )

    def _wishes(self, closeness: int | None) -> Wishes:
        """What the young person wants, which mostly follows how close they feel."""
        if closeness is None:
            return _WISH_UNRATED.pick(self.rng)
        return (_WISH_CLOSE if closeness >= 3 else _WISH_DISTANT).pick(self.rng)

    def _note(self, role: Role) -> str:
        if role in _KIN_BIAS:
            notes = _FAMILY_NOTES
        elif role in (Role.FOSTER_CARER, Role.FORMER_FOSTER_CARER, Role.SUPPORTED_LODGINGS_HOST):
            notes = _CARER_NOTES
        elif role in _PROFESSIONAL_ROLES:
            notes = _WORKER_NOTES
        else:
            notes = _FRIEND_NOTES
        return notes[self.rng.randrange(len(notes))]

    def _safety_note(self, safety: Safety) -> str:
        rng = self.rng
        if safety is Safety.NO_CONTACT:
            return _NO_CONTACT_NOTES[rng.randrange(len(_NO_CONTACT_NOTES))]
        if safety is Safety.SUPERVISED and rng.random() < 0.5:
            return _SUPERVISED_NOTES[rng.randrange(len(_SUPERVISED_NOTES))]
        return ""

    # --- the contact log ------------------------------------------------------------------------

    def _contact_log(
        self, child: _Child, people: list[Person], relationships: list[Relationship]
    ) -> list[ContactEntry]:
        """A few visits and calls with people in current contact, recorded by a worker."""
        rng = self.rng
        names = {r.role: p.name for p, r in zip(people, relationships, strict=True)}
        recorder = next((names[role] for role in _RECORDERS if role in names), _WORKER_FALLBACK)
        seen = [
            (person, rel)
            for person, rel in zip(people, relationships, strict=True)
            if rel.last_contact is not None
            and rel.contact in (Contact.ACTIVE, Contact.OCCASIONAL)
            and not person.deceased
        ]
        if not seen:
            return []
        entries: list[ContactEntry] = []
        earliest = child.yp.date_of_birth
        for person, rel in rng.sample(seen, min(len(seen), rng.randint(0, 5))):
            kinds = _WORKER_LOG if rel.role in _PROFESSIONAL_ROLES else _FAMILY_LOG
            day = rel.last_contact
            for _ in range(rng.randint(1, 3)):
                if day is None or day <= earliest:
                    break
                kind = kinds.pick(rng)
                self._entries += 1
                note = _LOG_NOTES[kind][rng.randrange(len(_LOG_NOTES[kind]))]
                if rel.safety is Safety.SUPERVISED and kind is ContactKind.VISIT:
                    note = "Supervised contact at the family centre."
                entries.append(
                    ContactEntry.model_construct(
                        id=f"c-{self._entries:06d}",
                        person_id=person.id,
                        date=day,
                        kind=kind,
                        note=note,
                        recorded_by=recorder,
                    )
                )
                day = day - timedelta(days=rng.randint(14, 120))
        return entries
