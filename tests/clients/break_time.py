"""The coach's break time as a user's clock shows it, for the tests that send a time zone."""
import datetime
import zoneinfo


def around(zone, t):
    """The coach's break time for a message at t in zone: twenty minutes on, rounded up to the quarter."""
    local = datetime.datetime.fromtimestamp(t + 20 * 60, zoneinfo.ZoneInfo(zone))
    past = (local.minute % 15) * 60 + local.second
    if past:
        local += datetime.timedelta(seconds=15 * 60 - past)
    hour = local.hour % 12 or 12
    return f"around {hour}" if local.minute == 0 else f"around {hour}:{local.minute:02d}"
