from complaints.tables import Complaint, ComplaintEvent
from tests.complaints.factories import file, world


async def test_filing_stores_complaint_with_filed_event_and_topic(app, client) -> None:
    await world()
    filed = await file(app)
    row = await Complaint.select().where(Complaint.id == filed.id).first()
    assert row["status"] == "received" and row["topic"]
    events = await ComplaintEvent.select().where(ComplaintEvent.complaint == filed.id)
    assert [e["event_type"] for e in events] == ["filed"]
