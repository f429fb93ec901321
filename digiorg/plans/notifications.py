"""Mail about actions. Called only after the transaction commits."""


def action_status_changed(action_id: int, event_id: int) -> None:
    """Placeholder replaced below by the notifications work."""
