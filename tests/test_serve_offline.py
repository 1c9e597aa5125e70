"""`careline serve` on a fresh data dir, in a network namespace with no route out: the first start
ingests the knowledge folder, /healthz and /readyz answer, and search works with no network at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from careline.settings import BUNDLED_KNOWLEDGE_DIR

CAN_ISOLATE = bool(shutil.which("unshare") and shutil.which("ip")) and hasattr(os, "geteuid") and os.geteuid() == 0

PROBE = textwrap.dedent(
    """
    import json, os, socket, subprocess, sys, time, urllib.request, urllib.error

    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    outside = socket.socket()
    outside.settimeout(2)
    no_route = outside.connect_ex(("1.1.1.1", 443)) != 0
    server = subprocess.Popen([sys.executable, "-m", "careline.cli", "serve", "--port", "8765"],
                              stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)

    def get(path):
        try:
            with urllib.request.urlopen("http://127.0.0.1:8765" + path, timeout=5) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())
        except OSError:
            return None, None

    result = {"no_route_out": no_route}
    try:
        deadline = time.time() + 240
        while time.time() < deadline and get("/healthz")[0] != 200:
            time.sleep(0.3)
        result["healthz"] = get("/healthz")[0]
        while time.time() < deadline and get("/readyz")[0] != 200:
            time.sleep(0.5)
        result["readyz"] = get("/readyz")
        result["search"] = get("/api/v1/search?q=what%20brings%20on%20gout&k=2")
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps(result))
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not CAN_ISOLATE, reason="needs root with unshare and ip to cut the network")
def test_first_start_ingests_and_serves_search_with_no_network(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    for name in ("gout.md", "asthma.md", "metformin.md"):
        shutil.copy(BUNDLED_KNOWLEDGE_DIR / name, knowledge / name)
    env = {**os.environ, "CARELINE_DATA_DIR": str(tmp_path / "data"), "CARELINE_KNOWLEDGE_DIR": str(knowledge),
           "HF_HUB_OFFLINE": "0", "TRANSFORMERS_OFFLINE": "0"}  # prove offline-ness without the hub flags
    completed = subprocess.run(["unshare", "-n", sys.executable, "-c", PROBE], capture_output=True, text=True,
                               env=env, timeout=300)
    assert completed.returncode == 0, completed.stderr[-2000:]
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result["no_route_out"]
    assert result["healthz"] == 200
    status, body = result["readyz"]
    assert status == 200 and body["status"] == "ready", body
    status, body = result["search"]
    assert status == 200 and body["results"][0]["doc_id"] == "gout"
