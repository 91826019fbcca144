"""pytest fixtures: `guest` boots nicstack and always cleans up after the test."""
import os
import re

import pytest

from guest import Guest, ISO


def pytest_addoption(parser):
    # --qemu=new runs every guest that does not choose its QEMU on QEMU 10
    # (build/qemu-new): make qemu-test PYTEST_ARGS='--qemu=new -k e1000e'.
    parser.addoption("--qemu", default="system",
                     help="QEMU for guests that name none: system, new, or a binary's path")


@pytest.fixture
def guest(request):
    """guest(cmdline=..., machine=..., ...) -> a booting Guest; all are closed after the test."""
    started = []
    base = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)

    def boot(**kw):
        if not os.path.exists(ISO):
            pytest.fail(f"{ISO} is missing: run the tests through 'make test'")
        kw.setdefault("qemu", request.config.getoption("--qemu"))
        g = Guest(f"{base}-{len(started)}", **kw)
        started.append(g)
        return g

    yield boot
    for g in started:
        g.close()


@pytest.fixture
def netns():
    """A private network namespace with a tap (see netlab.py); always removed."""
    from netlab import NetNS
    ns = NetNS()
    yield ns
    ns.close()
