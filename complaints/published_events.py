"""The events the complaints domain emits through portal.events (its published reactions contract).

Higher domains react to them from their manifest (`Domain.reactions`); complaints imports none of them.
"""

# A complaint reached CLOSED through the portal's workflow (not through an SP4N-LAPOR! import); emitted
# inside the transaction that appends the closing event, after the reporter's "closed" message is queued.
# Payload: complaint_id, event_id, unit_id, now, note (the public note of the closure), params (of its
# message). surveys reacts by queueing the SKM invitation (complaints.outbox.enqueue_messages).
COMPLAINT_CLOSED = "complaints.closed"

# The outbox is about to send a message whose text carries a link another domain owns (the SKM
# invitation's ballot). Payload: complaint_id, kind. Handlers return the URL, or None when the message
# should no longer go out; the first URL wins, and without one the message is skipped.
MESSAGE_LINK = "complaints.message_link"

# The outbox kind of the SKM invitation (its text lives in complaints.notifications.MESSAGES).
SKM_INVITATION = "skm_invitation"
