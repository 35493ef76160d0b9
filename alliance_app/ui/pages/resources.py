"""Resource sharing: the offers, and for the chosen offer its requests — request, accept or decline."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from alliance_app.models import RequestStatus
from alliance_app.models.write_ops import WriteOp
from alliance_app.services import RecordQuery
from alliance_app.ui.list_page import RecordListPage, list_page_info
from alliance_app.ui.record_operations import update_record
from alliance_app.ui.related_list import RelatedList
from alliance_app.ui.workspace import Workspace

NO_OFFER = "-"  # an id no record has: the request list stays empty until an offer is chosen


class ResourcesPage(RecordListPage):
    PAGE = list_page_info(
        "resources", str(QT_TRANSLATE_NOOP("MainWindow", "Resource sharing")), "resource_offer", importable=True
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self.offer: dict[str, Any] | None = None
        self.requests_heading = QLabel(self)
        self.requests = RelatedList(
            workspace, "resource_request", RecordQuery(filters={"offer_id": NO_OFFER}, limit=None), {}, None, self
        )
        self.requests.setObjectName("offerRequests")
        self.requests.new_button.setText(self.tr("Request this resource…"))
        self.accept_button = QPushButton(self.tr("Accept request"), self)
        self.accept_button.setObjectName("acceptButton")
        self.decline_button = QPushButton(self.tr("Decline request"), self)
        self.decline_button.setObjectName("declineButton")
        self.accept_button.clicked.connect(lambda: self.decide(RequestStatus.ACCEPTED))
        self.decline_button.clicked.connect(lambda: self.decide(RequestStatus.DECLINED))
        self.requests.buttons.insertWidget(1, self.accept_button)
        self.requests.buttons.insertWidget(2, self.decline_button)
        self.requests.table.selectionModel().currentRowChanged.connect(self._request_changed)
        self.body.addWidget(self.requests_heading)
        self.body.addWidget(self.requests, 2)
        self.selection_changed.connect(self.show_offer)
        self.show_offer(None)

    def show_offer(self, offer: dict[str, Any] | None) -> None:
        self.offer = offer
        offer_id = offer["id"] if offer else NO_OFFER
        self.requests_heading.setText(
            self.tr("Requests for “%1”").replace(
                "%1", (self.workspace.lang == "en" and offer.get("title_en")) or offer["title"]
            )
            if offer
            else self.tr("Choose an offer to see its requests")
        )
        self.requests.set_query(RecordQuery(filters={"offer_id": offer_id}, limit=None))
        actor = self.workspace.desk.actor
        preset: dict[str, Any] = {
            "offer_id": offer_id,
            "status": RequestStatus.PENDING.value,
            "requested_on": date.today(),
        }
        if actor.member_id:
            preset["member_id"] = actor.member_id
        self.requests.set_preset(preset)
        if offer is None:
            self.requests.new_button.setEnabled(False)
            self.requests.new_button.setToolTip(self.tr("Choose an offer first"))
        elif actor.member_id and offer.get("member_id") == actor.member_id:
            self.requests.new_button.setEnabled(False)
            self.requests.new_button.setToolTip(self.tr("This is your own member's offer"))
        self._request_changed(QModelIndex(), QModelIndex())

    def _request_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        request = self.requests.model.record(current.row()) if current.isValid() else None
        for button, status in (
            (self.accept_button, RequestStatus.ACCEPTED),
            (self.decline_button, RequestStatus.DECLINED),
        ):
            reason = self._why_not(request, status)
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")

    def _why_not(self, request: dict[str, Any] | None, status: RequestStatus) -> str | None:
        if request is None:
            return self.tr("Choose a request first")
        if request.get("status") != RequestStatus.PENDING:
            return self.tr("This request has already been decided")
        decided = {**request, "status": status, "decided_on": date.today()}
        refusal = self.workspace.desk.refusal(
            "resource_request", decided, op=WriteOp.UPDATE, changed=("status", "decided_on")
        )
        return refusal.message(self.workspace.lang) if refusal else None

    def decide(self, status: RequestStatus) -> None:
        index = self.requests.table.currentIndex()
        if not index.isValid():
            return
        request_id = self.requests.model.record_id(index.row())
        change = {"status": status.value, "decided_on": date.today()}
        update_record(self.workspace, self, "resource_request", request_id, change).run()
