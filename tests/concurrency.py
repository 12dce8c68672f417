"""Running work in parallel threads for the PostgreSQL concurrency tests."""

import threading

from django.db import connection

THREADS = 20


def all_at_once(work, count=THREADS):
    """Run ``work(index)`` in ``count`` threads released together; returns each
    call's result or the exception it raised, in thread order."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def run(index):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = work(index)
        except Exception as error:  # noqa: BLE001 - the test inspects every outcome
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes
