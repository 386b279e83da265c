"""All Neo4j access: a repository over the official driver.

Every statement lives in ``cypher/*.cypher`` as a named block (``// name: person.create``) and is
run with parameters only. Writes run in managed transactions, reads are routed as reads and
``database_`` is always given, so the same code runs on a single server, a cluster or Aura
(``neo4j://`` URIs). Edits carry the version the editor saw; a stale one raises
:class:`StaleEdit` instead of silently overwriting someone else's change, and the check is always
made under the write lock in the same transaction as the write. An edit of several members of one
network at once (:meth:`~.networks.NetworkRecords.update_relationships`) is one transaction with
one check of the whole network's version (:func:`network_version`); replacing a whole network on
a condition (:meth:`~.networks.NetworkRecords.replace_network`, the API's PUT) checks the version
of the whole document (:func:`document_version`) the same way. A write whose commit was cut off
raises :class:`CommitOutcomeUnknown`: it may have been saved.

One module per resource: :mod:`.networks` (young people and their networks; :mod:`.network_batch`
writes many whole networks a transaction, as saving them one by one would),
:mod:`.accounts` (users, allocations and the audit trail), :mod:`.link_requests` (asking to
link someone known only in other workers' networks), :mod:`.restrictions` (restrictions on
contact, never deleted), :mod:`.guest_lists` (a conference's guest list), :mod:`.consents`
(each young person's append-only consent ledger), :mod:`.invitations` (a young person's
invitations to rate their own people) and :mod:`.shared_people` (people several young people's
networks hold), :mod:`.siblings` (young people who are siblings of one another),
:mod:`.constellations` (carers and the young people they care for, across the cohort),
:mod:`.cohort_rows` (each young person's kept cohort row, invalidated by every write that
changes their network: :mod:`.invalidation`), :mod:`.history` (every version of each
network; :mod:`.restore` restores one, :mod:`.finding` reads them for the timeline and the
period figures), :mod:`.purge` (an entry made on the wrong child, gone
from the live graph and every version), :mod:`.retention` (records past the council's keeping
period, deleted whole) and :mod:`.subject_access` (everything held about one person, for a
subject access request).
Nothing here imports networkx, pyvis or Flask.
"""

from __future__ import annotations

from neo4j import GraphDatabase, NotificationMinimumSeverity

from connections.model import InvalidInput
from connections.store.accounts import AccountRecords
from connections.store.base import (
    AlreadyExists,
    CommitOutcomeUnknown,
    DatabaseUnavailable,
    NotFound,
    PreconditionFailed,
    Settings,
    StaleEdit,
    StoreError,
    load_statements,
    settings_from_env,
)
from connections.store.cohort_rows import CohortPageQuery, CohortPageRecord, CohortRowRecords
from connections.store.consents import ConsentRecords
from connections.store.constellations import ConstellationRecords
from connections.store.finding import FindingRecords, TimelineRecord
from connections.store.guest_lists import GuestListRecords, GuestRefused
from connections.store.history import HistoryRecords
from connections.store.invitations import InvitationClosed, InvitationRecords
from connections.store.link_requests import (
    Candidate,
    Decision,
    LinkRefused,
    LinkRequest,
    LinkRequestRecords,
)
from connections.store.networks import (
    ANY_VERSION,
    FIND_LIMIT,
    FoundPerson,
    MemberChange,
    NetworkRecords,
    NetworkUpdate,
    SavedNetwork,
    document_version,
    name_query,
    network_version,
    report_model,
)
from connections.store.own_words import OwnWordsRecords
from connections.store.purge import PurgeRecords
from connections.store.restore import NothingToRestore, RestoreRecords, RestoreRefused
from connections.store.restrictions import RestrictionPage, RestrictionRecord, RestrictionRecords
from connections.store.retention import RetentionRecords
from connections.store.shared_people import SharedPeopleRecords
from connections.store.siblings import SiblingRecords
from connections.store.subject_access import SubjectAccessRecords


class Store(
    NetworkRecords,
    AccountRecords,
    LinkRequestRecords,
    RestrictionRecords,
    GuestListRecords,
    ConsentRecords,
    InvitationRecords,
    SharedPeopleRecords,
    SiblingRecords,
    ConstellationRecords,
    CohortRowRecords,
    HistoryRecords,
    RestoreRecords,
    PurgeRecords,
    RetentionRecords,
    SubjectAccessRecords,
    OwnWordsRecords,
    FindingRecords,
):
    """The repository the web app, the CLI and the benchmarks use."""


def connect(settings: Settings) -> Store:
    """One driver per process, with short timeouts so a dead database fails in seconds."""
    auth = (settings.user, settings.password) if settings.user else None
    driver = GraphDatabase.driver(
        settings.uri,
        auth=auth,
        connection_timeout=3.0,
        connection_acquisition_timeout=5.0,
        max_transaction_retry_time=2.0,
        liveness_check_timeout=30.0,
        user_agent="lifelong-connections",
        # Schema hints (an unknown label before any data exists) are not the user's concern.
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    )
    return Store(driver, settings.database)


__all__ = [
    "ANY_VERSION",
    "FIND_LIMIT",
    "AlreadyExists",
    "CommitOutcomeUnknown",
    "Candidate",
    "CohortPageQuery",
    "CohortPageRecord",
    "DatabaseUnavailable",
    "Decision",
    "FoundPerson",
    "GuestRefused",
    "InvalidInput",
    "InvitationClosed",
    "LinkRefused",
    "LinkRequest",
    "MemberChange",
    "NetworkUpdate",
    "NotFound",
    "NothingToRestore",
    "PreconditionFailed",
    "RestoreRefused",
    "RestrictionPage",
    "RestrictionRecord",
    "SavedNetwork",
    "Settings",
    "StaleEdit",
    "Store",
    "TimelineRecord",
    "StoreError",
    "connect",
    "document_version",
    "load_statements",
    "name_query",
    "network_version",
    "report_model",
    "settings_from_env",
]
