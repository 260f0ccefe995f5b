import time


def wait_until(predicate, *, timeout: float = 30.0, interval: float = 0.1):
    """Poll `predicate` until it returns a truthy value (for work a real worker does)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)
